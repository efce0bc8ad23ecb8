/*
 * sigframe.h - the i386 signal ABI as user space sees it: the structures
 * rt_sigaction(2) and sigaltstack(2) pass, and the frames signal delivery
 * builds on the user stack (Linux arch/x86/include/asm/sigframe.h and
 * uapi/asm/sigcontext.h, "struct sigcontext_32"; asm-generic/ucontext.h;
 * the 128-byte siginfo_t of asm-generic/siginfo.h).
 *
 * Every member is a 32-bit or smaller word and 64-bit masks are split in
 * two words, so the layout is the same whatever the compiler's alignment
 * of 64-bit types: the structures compile identically for the host unit
 * tests. The _Static_asserts pin the sizes the ABI fixes.
 */
#ifndef SLEIGHT_SIGFRAME_H
#define SLEIGHT_SIGFRAME_H

#include <stdint.h>

#include "uapi/signal.h"	/* struct sigaction_abi, stack_abi */

/* struct sigcontext (i386): the registers at the signal, in the order of
 * the Linux i386 pt_regs; segment registers are 16 bits plus padding. */
struct sigcontext_abi {
	uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t trapno, err, eip;
	uint16_t cs, csh;
	uint32_t eflags;
	uint32_t esp_at_signal;
	uint16_t ss, ssh;
	uint32_t fpstate;		/* user pointer to FPU state, or 0 */
	uint32_t oldmask;		/* blocked signals 1..32 */
	uint32_t cr2;			/* fault address */
};

/* struct ucontext (kernel view; musl's ucontext_t shares the prefix). */
struct ucontext_abi {
	uint32_t uc_flags;
	uint32_t uc_link;
	struct stack_abi uc_stack;
	struct sigcontext_abi uc_mcontext;
	uint32_t uc_sigmask[2];		/* the mask sigreturn restores */
};

/* siginfo_t: three header words, then a union whose first words depend
 * on the kind of signal: kill (pid, uid), fault (addr), child (pid, uid,
 * status). */
struct siginfo_abi {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	uint32_t si_fields[29];		/* pad to 128 bytes */
};

/* The FPU save area Linux keeps (unused) inside the old-style frame so
 * that extramask stays where old programs expect it: 624 bytes. */
#define FPSTATE_UNUSED_BYTES	624

/* The frame for a handler without SA_SIGINFO; sigreturn(2) finds it at
 * esp - 8 (the handler's ret popped pretcode, __restore popped sig). */
struct sigframe_abi {
	uint32_t pretcode;		/* the handler's return address */
	int32_t sig;			/* the handler's argument */
	struct sigcontext_abi sc;
	uint8_t fpstate_unused[FPSTATE_UNUSED_BYTES];
	uint32_t extramask[1];		/* blocked signals 33..64 */
	uint8_t retcode[8];		/* popl %eax; movl $SYS_sigreturn,
					   %eax; int $0x80 */
};

/* The frame for an SA_SIGINFO handler; rt_sigreturn(2) finds it at
 * esp - 4. */
struct rt_sigframe_abi {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo;			/* -> info */
	uint32_t puc;			/* -> uc */
	struct siginfo_abi info;
	struct ucontext_abi uc;
	uint8_t retcode[8];		/* movl $SYS_rt_sigreturn, %eax;
					   int $0x80 */
};

_Static_assert(sizeof(struct sigcontext_abi) == 88, "sigcontext");
_Static_assert(sizeof(struct ucontext_abi) == 116, "ucontext");
_Static_assert(sizeof(struct siginfo_abi) == 128, "siginfo_t");
_Static_assert(sizeof(struct sigframe_abi) == 732, "sigframe");
_Static_assert(sizeof(struct rt_sigframe_abi) == 268, "rt_sigframe");

#endif
