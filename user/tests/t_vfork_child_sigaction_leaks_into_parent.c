/*
 * t_vfork_child_sigaction_leaks_into_parent - spec vfork.md case 5.
 *
 * Bug: signal state is per process, and the child phase runs in the
 * parent's process. A kernel that does not back it up lets the child
 * phase's SIG_IGN or sigprocmask stick to the parent (a shell loses its
 * SIGINT handler after running one command). Other faults of the same
 * class: the parent's pending signal shows up in the child phase (and in
 * the program); a signal sent to the parent's pid during the child phase
 * is run with the child phase's dispositions or lost, instead of reaching
 * the parent's handler once it resumes; a signal the child phase sends to
 * itself runs the parent's handler; the program does not get the ignored
 * disposition, the reset caught ones and the child phase's mask.
 */
#include "vforklib.h"

static volatile sig_atomic_t hits[32], child_hits;
static volatile int c_pending_usr2, c_hits_usr1;

static void parent_handler(int sig)
{
	hits[sig]++;
}

static void child_handler(int sig)
{
	child_hits++;
}

static int set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	return sigaction(sig, &sa, NULL);
}

static void (*handler_of(int sig))(int)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) != 0)
		return NULL;
	return sa.sa_handler;
}

int main(int argc, char **argv)
{
	char *sargv[] = { "sigstate", NULL };
	const char *path;
	sigset_t mask, set;
	char out[1024];
	int p[2], st = -1;
	pid_t pid;

	test_init(argv);
	path = helper_path("sigstate");
	set_handler(SIGUSR1, parent_handler);
	set_handler(SIGUSR2, parent_handler);
	set_handler(SIGTERM, parent_handler);
	set_handler(SIGHUP, SIG_DFL);
	set_handler(SIGINT, SIG_DFL);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR2);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	raise(SIGUSR2);
	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return test_done();
	}

	pid = vfork();
	if (pid == 0) {
		sigset_t s;

		sigpending(&s);
		c_pending_usr2 = sigismember(&s, SIGUSR2);
		/* Held for the parent, whatever the child phase does next. */
		kill(getppid(), SIGUSR1);
		c_hits_usr1 = hits[SIGUSR1];
		set_handler(SIGUSR1, SIG_IGN);
		set_handler(SIGHUP, SIG_IGN);
		set_handler(SIGTERM, child_handler);
		kill(getpid(), SIGTERM);
		sigemptyset(&s);
		sigaddset(&s, SIGINT);
		sigprocmask(SIG_BLOCK, &s, NULL);
		dup2(p[1], 1);
		execv(path, sargv);
		_exit(127);
	}
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);

	check(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "sigstate ran (status 0x%x)", st);
	check_eq(c_pending_usr2, 0,
		 "parent's pending blocked SIGUSR2 not pending in child phase");
	check_eq(c_hits_usr1, 0, "SIGUSR1 sent to the parent's pid did not run "
		 "in the child phase");
	check_eq(hits[SIGUSR1], 1, "that SIGUSR1 reached the parent's handler "
		 "once it resumed");
	check_eq(child_hits, 1, "SIGTERM to itself ran the child phase's "
		 "handler");
	check_eq(hits[SIGTERM], 0, "and not the parent's");

	check(has_line(out, "10 IGN"), "program sees SIGUSR1 ignored");
	check(has_line(out, "1 IGN"), "program sees SIGHUP ignored");
	check(has_line(out, "15 DFL"), "program sees caught SIGTERM reset");
	check(has_line(out, "12 DFL"), "program sees caught SIGUSR2 reset");
	check(has_line(out, "blocked: 2 12"),
	      "program has the child phase's mask (SIGINT, SIGUSR2)");
	check(has_line(out, "pending:"), "program has nothing pending");

	check(handler_of(SIGUSR1) == parent_handler,
	      "parent's SIGUSR1 handler survived the child's SIG_IGN");
	check(handler_of(SIGTERM) == parent_handler,
	      "parent's SIGTERM handler survived the child's handler");
	check(handler_of(SIGHUP) == SIG_DFL, "parent's SIGHUP still default");
	sigprocmask(SIG_BLOCK, NULL, &set);
	check(sigismember(&set, SIGUSR2) == 1 && sigismember(&set, SIGINT) == 0,
	      "parent's mask unchanged (SIGUSR2 only)");
	sigpending(&set);
	check(sigismember(&set, SIGUSR2) == 1, "parent's SIGUSR2 still pending");
	sigprocmask(SIG_UNBLOCK, &mask, NULL);
	check_eq(hits[SIGUSR2], 1, "unblocking runs the parent's SIGUSR2 "
		 "handler once");
	raise(SIGUSR1);
	check_eq(hits[SIGUSR1], 2, "parent's SIGUSR1 handler still runs");
	return test_done();
}
