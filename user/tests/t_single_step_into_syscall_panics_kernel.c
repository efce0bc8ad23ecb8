/*
 * t_single_step_into_syscall_panics_kernel - a program that single-steps
 * into a system call gets SIGTRAP after it, and the kernel goes on.
 *
 * Bug: a load of %ss delays the debug exceptions of its instruction
 * until the next instruction has completed (Intel SDM vol. 3, 6.8.3).
 * When that instruction is int $0x80, the single-step #DB that EFLAGS.TF
 * asked for arrives after the switch to ring 0, on the first
 * instruction of the kernel's entry stub (the mechanism of
 * CVE-2018-8897). trap_dispatch had no handler for #DB from ring 0 and
 * panicked. The fix ignores a #DB in ring 0 (the kernel never sets TF or
 * debug registers, so it is never the kernel's): the gate has already
 * cleared TF, the system call runs, and iret brings the user's TF back:
 * the first user instruction after it runs, then traps, as on Linux.
 * QEMU's TCG does not delay the trap past int, so under it this passes
 * either way; on hardware (or KVM) it fails without the fix.
 *
 * Checked: SIGTRAP, TRAP_TRACE, si_addr the instruction after the one
 * that follows int $0x80 (getpid), and the system call's result.
 */
#include "faultlib.h"

#include <sys/syscall.h>

#define EFLAGS_TF 0x100u

extern char after_store[];
static volatile long syscall_result;

static __attribute__((noinline)) void step_into_syscall(void)
{
	long r;

	__asm__ volatile("movl %%ss, %%ecx\n\t"
			 "pushfl\n\t"
			 "orl %2, (%%esp)\n\t"
			 "popfl\n\t" /* TF: a trap after the next instruction */
			 "movl %%ecx, %%ss\n\t" /* ... delayed past the next */
			 "int $0x80\n\t"
			 "movl %%eax, %0\n" /* iret's TF: a trap after it */
			 "after_store:\tpushfl\n\t"
			 "andl %3, (%%esp)\n\t"
			 "popfl"
			 : "=m"(syscall_result), "=a"(r)
			 : "i"(EFLAGS_TF), "i"(~EFLAGS_TF), "a"(SYS_getpid)
			 : "ecx", "cc", "memory");
}

int main(int argc, char **argv)
{
	struct fault f;

	test_init(argv);
	syscall_result = -1;
	f = catch_fault(step_into_syscall);
	check_fault(f, SIGTRAP, TRAP_TRACE, (uintptr_t)after_store,
		    "single step over mov %ss; int $0x80");
	check_eq(syscall_result, getpid(),
		 "the system call ran and returned its result");
	check_eq(syscall(SYS_getpid), getpid(), "the kernel goes on");
	return test_done();
}
