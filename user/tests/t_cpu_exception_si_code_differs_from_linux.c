/*
 * t_cpu_exception_si_code_differs_from_linux - each CPU exception a
 * program can raise gives the signal, si_code and si_addr Linux i386
 * gives (arch/x86/kernel/traps.c).
 *
 * Bug: the signal and si_code of an exception came from a switch in the
 * signal code that nothing compared with Linux: a #DB was TRAP_TRACE
 * whatever DR6 said (and DR6, which is sticky, was never reset), and
 * the rarer vectors fell to a default. The table now lives in
 * arch/x86/trapsig.c. The cases below already matched before it (the
 * DR6 ones cannot be told apart under QEMU); this test pins every case
 * a program can reach against the host, so the table cannot drift:
 *   #DE (divide by zero, and INT_MIN / -1)  SIGFPE  FPE_INTDIV  the div
 *   #UD (ud2)                               SIGILL  ILL_ILLOPN  the ud2
 *   #BP (int3)                              SIGTRAP SI_KERNEL   0
 *   #DB (EFLAGS.TF single step)             SIGTRAP TRAP_TRACE  the
 *                                           next instruction
 *   #GP (hlt, cli, a bad selector)          SIGSEGV SI_KERNEL   0
 *   #OF (into), #BR (bound)                 SIGSEGV SI_KERNEL   0
 */
#include "faultlib.h"

#define EFLAGS_TF 0x100u

extern char div_at[], intmin_at[], ud2_at[], step_at[];

static __attribute__((noinline)) void do_div0(void)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
			 "movl $1, %%eax\n\t"
			 "cltd\n"
			 "div_at:\tidivl %%ecx"
			 : : : "eax", "ecx", "edx");
}

static __attribute__((noinline)) void do_intmin(void)
{
	__asm__ volatile("movl $-1, %%ecx\n\t"
			 "movl $0x80000000, %%eax\n\t"
			 "cltd\n"
			 "intmin_at:\tidivl %%ecx"
			 : : : "eax", "ecx", "edx");
}

static __attribute__((noinline)) void do_ud2(void)
{
	__asm__ volatile("ud2_at:\tud2");
}

static __attribute__((noinline)) void do_int3(void)
{
	__asm__ volatile("int3");
}

/* Set TF: the instruction after popfl runs, then #DB reports the one
 * after it (step_at). */
static __attribute__((noinline)) void do_step(void)
{
	__asm__ volatile("pushfl\n\t"
			 "orl %0, (%%esp)\n\t"
			 "popfl\n\t"
			 "nop\n"
			 "step_at:\tnop\n\t"
			 "pushfl\n\t"
			 "andl %1, (%%esp)\n\t"
			 "popfl"
			 : : "i"(EFLAGS_TF), "i"(~EFLAGS_TF) : "cc", "memory");
}

static __attribute__((noinline)) void do_hlt(void)
{
	__asm__ volatile("hlt");
}

static __attribute__((noinline)) void do_cli(void)
{
	__asm__ volatile("cli");
}

/* Load a selector past the end of the GDT into %fs: #GP(selector). */
static __attribute__((noinline)) void do_bad_selector(void)
{
	__asm__ volatile("movl $0xfff3, %%eax\n\t"
			 "movl %%eax, %%fs" : : : "eax");
}

static __attribute__((noinline)) void do_into(void)
{
	__asm__ volatile("movl $0x7fffffff, %%eax\n\t"
			 "addl $1, %%eax\n\t"
			 "into" : : : "eax", "cc");
}

/* bound with the index (5) outside [0, 1]. */
static __attribute__((noinline)) void do_bound(void)
{
	static const int32_t bounds[2] = {0, 1};

	__asm__ volatile("movl $5, %%eax\n\t"
			 "boundl %%eax, %0" : : "m"(bounds) : "eax");
}

int main(int argc, char **argv)
{
	struct fault f;

	test_init(argv);
	check_fault(catch_fault(do_div0), SIGFPE, FPE_INTDIV,
		    (uintptr_t)div_at, "divide by zero");
	check_fault(catch_fault(do_intmin), SIGFPE, FPE_INTDIV,
		    (uintptr_t)intmin_at, "INT_MIN / -1");
	f = catch_fault(do_ud2);
	check_fault(f, SIGILL, ILL_ILLOPN, (uintptr_t)ud2_at, "ud2");
	check_eq(f.eip, (uintptr_t)ud2_at, "ud2: eip is the ud2");
	check_eq(f.trapno, 6, "ud2: sigcontext trapno is #UD");
	check_fault(catch_fault(do_int3), SIGTRAP, SI_KERNEL, 0, "int3");
	f = catch_fault(do_step);
	check_fault(f, SIGTRAP, TRAP_TRACE, (uintptr_t)step_at,
		    "single step");
	check_eq(f.eip, (uintptr_t)step_at, "single step: eip");
	check_fault(catch_fault(do_step), SIGTRAP, TRAP_TRACE,
		    (uintptr_t)step_at, "a second single step (DR6 reset)");
	check_fault(catch_fault(do_hlt), SIGSEGV, SI_KERNEL, 0, "hlt");
	check_fault(catch_fault(do_cli), SIGSEGV, SI_KERNEL, 0, "cli");
	f = catch_fault(do_bad_selector);
	check_fault(f, SIGSEGV, SI_KERNEL, 0, "a bad selector in %fs");
	check_eq(f.trapno, 13, "bad selector: sigcontext trapno is #GP");
	check_fault(catch_fault(do_into), SIGSEGV, SI_KERNEL, 0,
		    "into with OF set");
	check_fault(catch_fault(do_bound), SIGSEGV, SI_KERNEL, 0,
		    "bound out of range");
	return test_done();
}
