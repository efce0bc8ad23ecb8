/*
 * t_vfork_child_sigchld_ign_frees_parents_child - a child of the parent
 * that exits during a vfork child phase stays the parent's zombie, even
 * when the child phase ignores SIGCHLD.
 *
 * Bug: during a child phase the parent's children are kept aside in the
 * vfork frame and the signal dispositions in force are the child
 * phase's. When the child phase set SIGCHLD to SIG_IGN and one of the
 * parent's own children exited meanwhile, the kernel took the ignore as
 * the parent's and freed the zombie at once, while the frame's list
 * still held it. Back in the parent, waitpid walked a freed process (a
 * slot that later processes reused, and once records are freed memory,
 * a use after free) and the child's status was lost. On Linux the vfork
 * child has its own dispositions; the parent's SIGCHLD stays SIG_DFL,
 * so the child is a zombie its parent reaps.
 *
 * What this checks: the parent forks C, blocked on a pipe; in a vfork
 * child phase SIGCHLD is set to SIG_IGN, C is released and exits 7
 * while the child phase sleeps; after the phase, waitpid(C) in the
 * parent returns C with status 7.
 */
#include "vforklib.h"

int main(int argc, char **argv)
{
	struct timespec nap = { 0, 200 * 1000 * 1000 };
	int go[2], st = -1;
	pid_t c, v, r;

	test_init(argv);
	if (pipe(go) < 0)
		return 1;
	c = fork();
	if (c == 0) {
		char b;

		close(go[1]);
		read(go[0], &b, 1);
		_exit(7);
	}
	close(go[0]);
	v = vfork();
	if (v == 0) {
		struct sigaction sa = { 0 };

		sa.sa_handler = SIG_IGN;
		sigaction(SIGCHLD, &sa, NULL);
		write(go[1], "x", 1); /* C exits while we sleep */
		nanosleep(&nap, NULL);
		_exit(0);
	}
	check(v > 0 && waitpid(v, &st, 0) == v && WIFEXITED(st),
	      "the vfork child is reaped");
	st = -1;
	r = waitpid(c, &st, 0);
	check(r == c && WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "waitpid(C) returns C with status 7 (got %d, status %#x)",
	      (int)r, (unsigned)st);
	check_errno(wait(NULL), ECHILD, "no child left behind");
	return test_done();
}
