/*
 * t_vfork_child_sigpipe_kills_parent - spec vfork.md case 9.
 *
 * Bug: SIGPIPE is raised by the kernel in the writing process, and the
 * child phase runs in the parent's process. A kernel that queues it on
 * the process rather than on the child phase kills the parent too (or
 * leaves it pending there for later); one that ignores the child phase's
 * own disposition gives a killed child phase where SIG_IGN asked for
 * EPIPE, or leaves the child's SIG_IGN in force for the parent.
 */
#include "vforklib.h"

static volatile int c_write, c_errno;

/* A pipe whose read end is already closed; returns the write end. */
static int broken_pipe(void)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	close(p[0]);
	return p[1];
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t pending;
	int w, st = -1;
	pid_t pid, r;

	test_init(argv);
	signal(SIGPIPE, SIG_IGN);
	w = broken_pipe();
	check_errno(write(w, "x", 1), EPIPE,
		    "write with no reader, SIGPIPE ignored: EPIPE");
	close(w);
	signal(SIGPIPE, SIG_DFL);

	w = broken_pipe();
	c_write = 0;
	pid = vfork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_IGN);
		c_write = write(w, "x", 1);
		c_errno = errno;
		_exit(0);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(c_write == -1 && c_errno == EPIPE, "child phase with SIGPIPE "
	      "ignored gets EPIPE (got %d errno %d)", c_write, c_errno);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "and exits normally (status 0x%x)", st);
	sigaction(SIGPIPE, NULL, &sa);
	check(sa.sa_handler == SIG_DFL, "parent's SIGPIPE still default");

	c_write = 0;
	pid = vfork();
	if (pid == 0) {
		c_write = write(w, "x", 1);
		_exit(0);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check_eq(c_write, 0, "default SIGPIPE: the child phase's write never "
		 "returned");
	check(r == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "child phase killed by SIGPIPE (status 0x%x)", st);
	sigpending(&pending);
	check(sigismember(&pending, SIGPIPE) == 0,
	      "parent survived, with no SIGPIPE pending");
	close(w);
	check_errno(wait(NULL), ECHILD, "no child left over");
	return test_done();
}
