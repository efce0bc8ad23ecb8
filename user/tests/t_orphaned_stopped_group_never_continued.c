/*
 * t_orphaned_stopped_group_never_continued - a stopped process whose
 * process group is orphaned by an exit must get SIGHUP and SIGCONT.
 *
 * Bug: when the last member with a parent in another group of the same
 * session exited, nothing was sent to the group it left orphaned. A
 * member stopped by SIGSTOP stayed stopped for good: no shell with job
 * control exists to continue it, so it held its slot, its memory and
 * whatever pipe ends it had open until someone found it and killed it
 * (a reader of such a pipe never saw end of file). POSIX (XSH _exit)
 * and Linux (kill_orphaned_pgrp in kernel/exit.c) send SIGHUP and then
 * SIGCONT to every member of a newly orphaned group with a stopped
 * member, so the default action of SIGHUP ends it.
 *
 * What this checks, on both kernels: this process (in its own group)
 * forks a middle process that starts a new group, whose child stops
 * itself; once the middle process has seen the stop it exits. The
 * stopped child must die of SIGHUP, which the test sees as end of file
 * on a pipe only the child holds. A control case with a SIGHUP handler
 * sees the handler run after the continue.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

static int hup_out = -1;

static void on_hup(int sig)
{
	char c = 'H';

	write(hup_out, &c, 1);
}

/* The middle process: new group, a child that stops itself, exit once
 * it is stopped. */
static void middle(int wr, int catch_hup)
{
	pid_t g;
	int st;

	setpgid(0, 0);
	g = fork();
	if (g == 0) {
		if (catch_hup) {
			hup_out = wr;
			signal(SIGHUP, on_hup);
		}
		raise(SIGSTOP);
		if (catch_hup) {
			char c = 'C';

			write(wr, &c, 1);
		}
		_exit(0);
	}
	close(wr);
	if (waitpid(g, &st, WUNTRACED) != g || !WIFSTOPPED(st))
		_exit(1);
	_exit(0);
}

/* Run one case; what the stopped grandchild wrote before closing its
 * end (at most 7 bytes), NUL-terminated in got. -1 on a timeout. */
static int run_case(int catch_hup, char *got)
{
	struct pollfd pf;
	int p[2], st, n = 0, r;
	pid_t m;

	if (pipe(p) < 0)
		return -1;
	m = fork();
	if (m == 0) {
		close(p[0]);
		middle(p[1], catch_hup);
	}
	close(p[1]);
	waitpid(m, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the middle process saw its child stop and exited (%#x)",
	      (unsigned)st);
	pf.fd = p[0];
	pf.events = POLLIN;
	for (;;) {
		if (poll(&pf, 1, 5000) != 1) {
			n = -1;
			break;
		}
		r = read(p[0], got + n, 1);
		if (r <= 0 || ++n == 7)
			break;
	}
	close(p[0]);
	if (n >= 0)
		got[n] = 0;
	return n;
}

int main(int argc, char **argv)
{
	char got[8] = "";
	int n;

	test_init(argv);
	setpgid(0, 0); /* our group is not the one orphaned */
	n = run_case(0, got);
	check_eq(n, 0, "the stopped child of the orphaned group died "
		       "(end of file, not a 5 s timeout)");
	n = run_case(1, got);
	check(n == 2 && strcmp(got, "HC") == 0,
	      "a SIGHUP handler ran, then the child continued (got %d "
	      "bytes \"%s\")", n, n > 0 ? got : "");
	return test_done();
}
