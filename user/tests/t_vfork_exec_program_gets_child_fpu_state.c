/*
 * t_vfork_exec_program_gets_child_fpu_state - a program exec'd from a
 * vfork child phase starts with the default x87/SSE state, not with the
 * registers the child phase had.
 *
 * Bug: when the child phase's exec handed the CPU back to the parent,
 * the hand-over saved the live FPU registers (the child phase's, which
 * are the parent's: rounding mode, exception masks) into the child
 * record, over the clean state exec had just given it. The program then
 * started rounding upward because its parent did. On Linux execve resets
 * the FPU (x87 control word 0x37f, MXCSR 0x1f80).
 */
#include <fenv.h>
#include <stdint.h>
#include "vforklib.h"

#define X87_DEFAULT_CW 0x037f
#define MXCSR_DEFAULT 0x1f80

/* The exec'd side: exit 0 when the state is the default, else 1. */
static __attribute__((noreturn)) void report(void)
{
	uint16_t cw;
	uint32_t mxcsr;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	_exit(cw == X87_DEFAULT_CW && (mxcsr & 0xffbf) == MXCSR_DEFAULT ? 0
									 : 1);
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "--report", NULL }, *envp[] = { NULL };
	int st = -1;
	pid_t p;

	if (argc > 1 && strcmp(argv[1], "--report") == 0)
		report();
	test_init(argv);
	check_eq(fesetround(FE_UPWARD), 0, "the parent rounds upward");
	p = vfork();
	if (p == 0) {
		execve(argv[0], args, envp);
		_exit(127);
	}
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the program started with the default FPU state (status %#x)",
	      st);
	check_eq(fegetround(), FE_UPWARD, "the parent still rounds upward");
	return test_done();
}
