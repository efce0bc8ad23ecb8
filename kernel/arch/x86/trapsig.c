/*
 * kernel/arch/x86/trapsig.c - what an exception from ring 3 tells the
 * process: the signal, its si_code and its si_addr, as Linux i386
 * reports them (arch/x86/kernel/traps.c: do_error_trap, math_error,
 * exc_debug_user, exc_int3, exc_general_protection).
 *
 * Also the answer to a #DB in ring 0, which is a user's single step
 * landing on the kernel's entry (trap_debug_from_kernel).
 *
 * Owns nothing but the table below (constant). No locking: called on
 * the faulting process's way out of trap_dispatch, interrupts off, with
 * its FPU state still in the registers and its debug status in DR6.
 * Page faults are not decided here: whether an address is mapped is the
 * address space's business (vm_user_fault), so T_PGFLT only reaches
 * this table when no page-fault handler is installed.
 * Sources: Intel SDM vol. 3, 6.15 (exception classes and error codes),
 * 17.2.3 (DR6); vol. 1, 8.1.3, 8.1.5 and 10.2.3 (x87 status and control
 * words, MXCSR); Linux sigaction(2) for the si_code values.
 */
#include "kernel.h"
#include "arch/x86/fpu.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"
#include "uapi/signal.h"

#define DR6_B0_B3 0x000Fu     /* a hardware breakpoint matched */
#define DR6_BS 0x4000u	      /* single step (EFLAGS.TF) */
#define DR6_RESET 0xFFFF0FF0u /* DR6 with no condition recorded */

/* How each vector is reported when no better code is known. */
struct trap_sig {
	uint8_t sig;	  /* 0: SIGSEGV with SI_KERNEL */
	uint8_t code;	  /* si_code */
	bool addr_is_eip; /* si_addr: the faulting instruction, else 0 */
};

/* Linux's DO_ERROR table and the exc_* handlers; si_code SI_KERNEL is
 * Linux's force_sig() (no address). */
static const struct trap_sig trap_sigs[32] = {
	[T_DIVIDE] = {SIGFPE, FPE_INTDIV, true},
	[T_DEBUG] = {SIGTRAP, TRAP_BRKPT, true},
	[T_BRKPT] = {SIGTRAP, SI_KERNEL, false},
	[T_OFLOW] = {SIGSEGV, SI_KERNEL, false},
	[T_BOUND] = {SIGSEGV, SI_KERNEL, false},
	[T_ILLOP] = {SIGILL, ILL_ILLOPN, true},
	[T_DEVICE] = {SIGFPE, SI_KERNEL, false}, /* no FPU emulation */
	[9] = {SIGFPE, SI_KERNEL, false},	 /* coprocessor overrun */
	[T_TSS] = {SIGSEGV, SI_KERNEL, false},
	[T_SEGNP] = {SIGBUS, SI_KERNEL, false},
	[T_STACK] = {SIGBUS, SI_KERNEL, false},
	[T_GPFLT] = {SIGSEGV, SI_KERNEL, false},
	[T_PGFLT] = {SIGSEGV, SEGV_MAPERR, false},
	[T_FPERR] = {SIGFPE, 0, true},
	[T_ALIGN] = {SIGBUS, BUS_ADRALN, false},
	[T_SIMDERR] = {SIGFPE, 0, true},
};

static uint32_t read_dr6(void)
{
	uint32_t v;

	__asm__ volatile("movl %%dr6, %0" : "=r"(v));
	return v;
}

static void write_dr6(uint32_t v)
{
	__asm__ volatile("movl %0, %%dr6" : : "r"(v));
}

/*
 * The si_code of a #DB, from DR6 (Linux get_si_code): a single step is
 * TRAP_TRACE, a matched DR0..DR3 TRAP_HWBKPT, anything else (int1)
 * TRAP_BRKPT. DR6 is sticky, so it is reset for the next #DB.
 */
static int debug_code(void)
{
	uint32_t dr6 = read_dr6();

	write_dr6(DR6_RESET);
	if (dr6 & DR6_BS)
		return TRAP_TRACE;
	if (dr6 & DR6_B0_B3)
		return TRAP_HWBKPT;
	return TRAP_BRKPT;
}

/* trap_debug_from_kernel - see trap.h. The gate cleared TF, so
 * returning does not trap again. */
void trap_debug_from_kernel(struct trapframe *tf)
{
	write_dr6(DR6_RESET);
}

/*
 * trap_signal_info - see trap.h. NMI, #DF and #MC, and vectors that
 * are not exceptions, are not the process's doing; the other vectors
 * below 32 without an entry (reserved, #VE, #CP) are SIGSEGV, SI_KERNEL.
 */
int trap_signal_info(const struct trapframe *tf, int *code, uint32_t *addr)
{
	static const struct trap_sig other = {SIGSEGV, SI_KERNEL, false};
	const struct trap_sig *t;

	if (tf->trapno >= ARRAY_SIZE(trap_sigs) || tf->trapno == T_NMI ||
	    tf->trapno == T_DBLFLT || tf->trapno == T_MCHK)
		return -1;
	t = &trap_sigs[tf->trapno];
	if (!t->sig)
		t = &other;
	*code = t->code;
	*addr = t->addr_is_eip ? tf->eip : 0;
	if (tf->trapno == T_DEBUG)
		*code = debug_code();
	else if (tf->trapno == T_FPERR || tf->trapno == T_SIMDERR)
		*code = fpu_exception_code(tf->trapno == T_SIMDERR);
	else if (tf->trapno == T_PGFLT)
		*addr = read_cr2();
	if (*code == 0)
		return 0; /* a spurious FPU exception: retry */
	return t->sig;
}
