/*
 * t_vfork_depth_limit_missing - the nesting limit of vfork child phases.
 *
 * Bug: each nested vfork pushes a frame holding a backup of the process
 * state. A kernel without a depth limit lets a runaway program pile up
 * frames until kernel memory runs out; a kernel with a limit that is too
 * small breaks shells that vfork from a vfork child. The contract: at
 * least 8 levels work, and past the kernel's limit vfork fails with
 * EAGAIN in the child phase that asked, which can still _exit normally,
 * and every level above it resumes with its child's status.
 * Linux has no such limit (each vfork child is a real process), so the
 * EAGAIN check holds on Sleight only; the 8 levels hold on both.
 */
#include "vforklib.h"

#define TRY_MAX 64	/* deeper than any limit Sleight sets */

static volatile int deepest, fail_errno;

/* Recurse through nested child phases; each level exits with its depth
 * so that the level above can check it got the right status back. */
static int nest(int depth)
{
	volatile int d = depth;	/* the child phase shares this stack */
	pid_t pid;
	int st = -1;

	if (d > deepest)
		deepest = d;
	if (d == TRY_MAX)
		return d;
	pid = vfork();
	if (pid < 0) {
		fail_errno = errno;
		return d;
	}
	if (pid == 0)
		_exit(nest(d + 1) == d + 1 ? 0 : 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return -1;
	return d;
}

int main(int argc, char **argv)
{
	test_init(argv);
	check_eq(nest(0), 0, "every level got status 0 from the level below");
	check(deepest >= 8, "at least 8 nested child phases (got %d)",
	      deepest);
	if (on_sleight()) {
		check(deepest < TRY_MAX,
		      "the depth is limited (stopped at %d)", deepest);
		check_eq(fail_errno, EAGAIN,
			 "past the limit vfork fails with EAGAIN");
	}
	return test_done();
}
