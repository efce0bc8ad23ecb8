/*
 * syscall.h - the system-call dispatcher (Linux i386 ABI: int $0x80,
 * number in eax, arguments in ebx, ecx, edx, esi, edi, ebp, result in eax,
 * -errno on failure).
 */
#ifndef SLEIGHT_SYSCALL_H
#define SLEIGHT_SYSCALL_H

#include <stdint.h>

#include "uapi/unistd.h" /* SYS_name, NR_SYSCALLS (generated) */
#include "syscalls.h"	 /* generated: every sys_* prototype */

struct trapframe;

/*
 * Every entry point is called with the six argument registers; on i386's
 * cdecl an entry that takes fewer simply ignores the rest. Entries that
 * need the caller's registers (fork, execve, sigreturn) use
 * current->tf.
 */
typedef long (*syscall_fn_t)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t,
			     uint32_t);

/*
 * SYSCALL_ENTRY - an entry point (with its own prototype, syscalls.h) as a
 * table slot. The cast goes through void (*)(void), the type GCC accepts as
 * matching any function, so the one place that changes the type is here.
 * The call is sound on i386 cdecl: every parameter is one 32-bit stack
 * word, the callee reads only those it declares, and the caller pops.
 */
#define SYSCALL_ENTRY(fn) ((syscall_fn_t)(void (*)(void))(fn))

extern const syscall_fn_t syscall_table[NR_SYSCALLS];
extern const char *const syscall_names[NR_SYSCALLS];

void syscall_init(void);
void syscall_dispatch(struct trapframe *tf);

#endif
