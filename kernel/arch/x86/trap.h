/*
 * trap.h - the trap frame and the trap/IRQ dispatch interface.
 *
 * Every interrupt, exception and system call enters through one common
 * assembly stub that builds a struct trapframe on the kernel stack and calls
 * trap_dispatch() (Intel SDM vol. 3, 6.12 "Exception and interrupt
 * handling"). The layout is fixed: assembly and C both depend on it.
 */
#ifndef SLEIGHT_X86_TRAP_H
#define SLEIGHT_X86_TRAP_H

#include <stdint.h>

struct trapframe {
	/* pushed by the common stub */
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, kesp; /* kesp: pusha's esp, ignored */
	uint32_t ebx, edx, ecx, eax;
	/* pushed by the vector stub */
	uint32_t trapno;
	uint32_t err; /* CPU error code, or 0 */
	/* pushed by the CPU */
	uint32_t eip, cs, eflags;
	uint32_t esp, ss; /* only when coming from ring 3 */
};

#define T_DIVIDE 0
#define T_DEBUG 1
#define T_NMI 2
#define T_BRKPT 3
#define T_OFLOW 4
#define T_BOUND 5
#define T_ILLOP 6
#define T_DEVICE 7
#define T_DBLFLT 8
#define T_TSS 10
#define T_SEGNP 11
#define T_STACK 12
#define T_GPFLT 13
#define T_PGFLT 14
#define T_FPERR 16
#define T_ALIGN 17
#define T_MCHK 18
#define T_SIMDERR 19
#define T_IRQ0 32 /* IRQ n arrives as vector T_IRQ0 + n */
#define T_SYSCALL 0x80

#define IRQ_TIMER 0
#define IRQ_KBD 1
#define IRQ_COM1 4

typedef void (*trap_handler_t)(struct trapframe *tf);

/* True when the trap came from ring 3. */
static inline int trap_from_user(const struct trapframe *tf)
{
	return (tf->cs & 3) == 3;
}

void gdt_init(void);
void idt_init(void);
void pic_init(void);

/* Install a handler for an exception vector (0..31) or T_SYSCALL. */
void trap_register(int vector, trap_handler_t handler);
/* Install a handler for IRQ 0..15 and unmask it at the PIC. */
void irq_register(int irq, trap_handler_t handler);

/* Hooks of the process layer; see trap.c. */
void trap_set_user_hooks(trap_handler_t fault, trap_handler_t ret);

/* C entry from the common stub; interrupts are off on entry, except for
 * T_SYSCALL (a trap gate: IF as the caller had it). */
void trap_dispatch(struct trapframe *tf);

/*
 * trap_signal_info - for an exception from ring 3 (tf), the signal
 * Linux i386 sends and what siginfo_t says (trapsig.c): *code the
 * si_code, *addr the si_addr (the instruction for #DE, #UD, #DB and the
 * FPU errors, CR2 for a page fault, else 0). Returns the signal, 0 when
 * the exception needs none (a spurious #MF/#XM: the instruction is
 * retried), or -1 when it is not the process's doing (NMI, #DF, #MC).
 */
int trap_signal_info(const struct trapframe *tf, int *code, uint32_t *addr);

/*
 * trap_debug_from_kernel - a #DB taken in ring 0 (trapsig.c). The
 * kernel sets neither TF nor debug registers, so it is a user's: a
 * single step armed on a load of %ss is delayed past the next
 * instruction, and when that is int $0x80 it arrives on the kernel's
 * entry stub (Intel SDM vol. 3, 6.8.3; CVE-2018-8897). DR6 is reset and
 * the kernel goes on; the user's TF comes back with iret.
 */
void trap_debug_from_kernel(struct trapframe *tf);

/* Print the registers of tf, then a symbolised backtrace from its ebp. */
void trap_dump(const struct trapframe *tf);

/* A printable name for a vector ("page fault (#PF)"); never NULL. */
const char *trap_name(uint32_t trapno);

/* kernel/panic.c: panic with "KERNEL PANIC: <message>", then trap_dump(tf).
 * For fault handlers (e.g. the page-fault handler) that find a fault they
 * cannot fix. Never returns. */
void panic_trap(const struct trapframe *tf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/*
 * vectors.S: restore the trapframe at esp and iret. Jump here (not call)
 * with esp = a trapframe to enter user mode the first time: cs = 0x1B,
 * ss = ds = es = fs = gs = 0x23, eflags with IF set, esp and eip of the
 * user program.
 */
extern char trap_return[];

/* vectors.S: point esp at tf (a ring-3 frame) and jump to trap_return. */
void trap_resume_user(struct trapframe *tf) __attribute__((noreturn));

/*
 * trap_user_return_failed - trap_return faulted in ring 0 while loading
 * the ring-3 frame tf (rebuilt by extable.c, with trapno T_GPFLT): run
 * the process layer's fault hook on it, as for a #GP from user mode
 * (SIGSEGV), then its return hook (delivery kills the process or runs
 * its handler), and try the way out again. Never returns. Before the
 * hooks exist (early self-tests), panics. Interrupts off.
 */
void trap_user_return_failed(struct trapframe *tf) __attribute__((noreturn));

#endif
