/*
 * t_clone_parent_exit_signal_kills_grandparent - a child made with
 * clone(CLONE_PARENT | sig) tells its parent (the caller's parent) of its
 * exit with the caller's own exit signal, not with sig.
 *
 * Bug: clone's low byte was taken as the exit signal even with
 * CLONE_PARENT, so any process could make its parent receive any signal
 * it chose when the new child exited: the system-call fuzzer's workers
 * killed the fuzzer itself with SIGHUP or SIGINT this way. Linux
 * copy_process: with CLONE_PARENT the exit signal is the caller's
 * (SIGCHLD for a forked caller).
 */
#define _GNU_SOURCE
#include <sched.h>

#include "vforklib.h"

static char stack[65536] __attribute__((aligned(16)));

static int sibling(void *arg)
{
	return 4;
}

/* Q: a child of P that makes P a child R with exit signal SIGUSR1. */
static void __attribute__((noreturn)) q_main(void)
{
	pid_t r = clone(sibling, stack + sizeof(stack),
			CLONE_PARENT | SIGUSR1, NULL);

	_exit(r > 0 ? 3 : 99);
}

/* P: SIGUSR1 at its default action (terminate); reap Q and R. */
static void __attribute__((noreturn)) p_main(void)
{
	int st, got = 0, codes = 0;
	pid_t q = fork();

	if (q == 0)
		q_main();
	for (int i = 0; i < 2; i++) {
		if (waitpid(-1, &st, 0) > 0 && WIFEXITED(st)) {
			got++;
			codes += WEXITSTATUS(st);
		}
	}
	_exit(got == 2 && codes == 7 ? 0 : 10 + got);
}

int main(int argc, char **argv)
{
	int st = -1;
	pid_t p;

	test_init(argv);
	alarm(60);
	p = fork();
	if (p == 0)
		p_main();
	if (wait_for(p, &st, VT_DEADLINE_MS) != p)
		st = -1;
	check(st != -1 && !WIFSIGNALED(st),
	      "the parent was not killed by the sibling's exit (status %#x)",
	      st);
	check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "it reaped its child (3) and its CLONE_PARENT sibling (4) "
	      "(status %#x)", st);
	return test_done();
}
