/*
 * t_vfork_child_fpu_leaks_into_parent - the x87/SSE state of a vfork
 * child phase must not reach the parent.
 *
 * Bug: a vfork frame that saves only the trap frame hands the child
 * phase's FPU registers back to the parent: a child that sets the
 * rounding mode (fesetround) before exec or _exit changes how the parent
 * rounds from then on. On Linux the child is a separate process and the
 * parent keeps its own FPU state; Sleight's frame saves and restores it.
 */
#include <fenv.h>
#include "vforklib.h"

int main(int argc, char **argv)
{
	char *args[] = { "exit_with", "0", NULL };
	volatile double x = 1.0, y = 3.0, before, after;
	pid_t p;
	int st;

	test_init(argv);
	fesetround(FE_TONEAREST);
	before = x / y;
	p = vfork();
	if (p == 0) {
		fesetround(FE_UPWARD);
		_exit(0);
	}
	waitpid(p, &st, 0);
	check(fegetround() == FE_TONEAREST,
	      "after a child phase that _exits, the parent still rounds to "
	      "nearest");

	p = vfork();
	if (p == 0) {
		fesetround(FE_DOWNWARD);
		execv(helper_path("exit_with"), args);
		_exit(127);
	}
	waitpid(p, &st, 0);
	check(fegetround() == FE_TONEAREST,
	      "after a child phase that execs, the parent still rounds to "
	      "nearest");
	after = x / y;
	check(after == before, "the parent's 1/3 rounds as before the phases");
	return test_done();
}
