/*
 * t_vfork_sigchld_ignored_returns_zero - vfork returns the child's pid in
 * the parent even when the parent ignores SIGCHLD.
 *
 * Bug: when the child phase ends in _exit, the reserved pid becomes a
 * zombie, and a parent that ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT)
 * has it freed at once (wait(2): no zombie is left). The kernel then
 * read the pid to return from the freed process slot, which the free
 * had cleared: vfork returned 0 in the parent, which then ran on as if
 * it were the child. Once process records are freed memory, the same
 * read is a use after free. Linux returns the child's pid.
 *
 * What this checks: with SIGCHLD ignored, and then with SA_NOCLDWAIT,
 * vfork returns in the parent the pid the child phase saw from getpid,
 * and the child leaves no zombie (waitpid fails with ECHILD).
 */
#include "vforklib.h"

static volatile pid_t child_pid;

/* One vfork whose child phase records its pid and _exits; the value vfork
 * returned in the parent. */
static pid_t vfork_once(void)
{
	pid_t p;

	child_pid = -1;
	p = vfork();
	if (p == 0) {
		child_pid = getpid();
		_exit(3);
	}
	return p;
}

static void check_round(const char *how)
{
	pid_t p = vfork_once();

	check(p > 0 && p == child_pid,
	      "%s: vfork returns the child's pid in the parent (got %d, the "
	      "child was %d)", how, (int)p, (int)child_pid);
	/* blocks until the child is gone (on Linux it may still be exiting
	 * when the parent resumes), then finds no zombie */
	check_errno(waitpid(-1, NULL, 0), ECHILD,
		    "the child left no zombie to wait for");
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };

	test_init(argv);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGCHLD, &sa, NULL);
	check_round("SIGCHLD ignored");

	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	check_round("SA_NOCLDWAIT");
	return test_done();
}
