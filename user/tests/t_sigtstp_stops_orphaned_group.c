/*
 * t_sigtstp_stops_orphaned_group - SIGTSTP, SIGTTIN and SIGTTOU with the
 * default action must not stop a process of an orphaned process group.
 *
 * Bug: one ^Z froze the console. Everything init starts is in one
 * process group whose members' parents are init or in the group itself:
 * an orphaned group (POSIX XBD 3.265), where no job-control shell exists
 * to send SIGCONT. The kernel stopped tsh anyway and it never came back.
 * POSIX XSH 2.4.3 and Linux (get_signal) discard these three signals
 * there; SIGSTOP still stops, and a handler still runs.
 *
 * The test builds an orphaned group on both kernels: a child calls
 * setsid(), so its group's only member has its parent in another
 * session. A child that only calls setpgid(0, 0) stays in the parent's
 * session with the parent in another group, which is not orphaned, and
 * is stopped as before (the control case).
 */
#include "testlib.h"

#include <signal.h>
#include <sys/wait.h>

static volatile int handled;

static void on_tstp(int sig)
{
	handled = sig;
}

/* In a child: move to a new session (orphaned) or just a new group,
 * then send ourselves sig. Exit 0 once past it. */
static void child(int sig, int orphan, int with_handler)
{
	if ((orphan ? setsid() : setpgid(0, 0)) < 0)
		_exit(20);
	if (with_handler)
		signal(sig, on_tstp);
	kill(getpid(), sig);
	if (with_handler && handled != sig)
		_exit(21);
	_exit(0);
}

/* Run child(); if it stops, note it and continue it. Returns the final
 * wait status; *stopped says whether it stopped on the way. */
static int run(int sig, int orphan, int with_handler, int *stopped)
{
	int status;
	pid_t pid = fork();

	*stopped = 0;
	if (pid == 0)
		child(sig, orphan, with_handler);
	if (pid < 0)
		return -1;
	for (;;) {
		if (waitpid(pid, &status, WUNTRACED) != pid)
			return -1;
		if (!WIFSTOPPED(status))
			return status;
		*stopped = WSTOPSIG(status);
		kill(pid, SIGCONT);
	}
}

static const char *sig_name(int sig)
{
	switch (sig) {
	case SIGTSTP:
		return "SIGTSTP";
	case SIGTTIN:
		return "SIGTTIN";
	case SIGTTOU:
		return "SIGTTOU";
	}
	return "SIGSTOP";
}

int main(int argc, char **argv)
{
	static const int job_sigs[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	int st, stopped;

	test_init(argv);
	for (unsigned i = 0; i < 3; i++) {
		int sig = job_sigs[i];

		st = run(sig, 1, 0, &stopped);
		check(st == 0 && !stopped,
		      "%s to an orphaned group is discarded (stopped by %d, "
		      "status %#x)", sig_name(sig), stopped, st);
		st = run(sig, 0, 0, &stopped);
		check(st == 0 && stopped == sig,
		      "%s to a group with a parent in the session stops it "
		      "(stopped by %d, status %#x)", sig_name(sig), stopped,
		      st);
	}
	st = run(SIGTSTP, 1, 1, &stopped);
	check(st == 0 && !stopped,
	      "a SIGTSTP handler still runs in an orphaned group (status %#x)",
	      st);
	st = run(SIGSTOP, 1, 0, &stopped);
	check(st == 0 && stopped == SIGSTOP,
	      "SIGSTOP still stops a process of an orphaned group (stopped "
	      "by %d, status %#x)", stopped, st);
	return test_done();
}
