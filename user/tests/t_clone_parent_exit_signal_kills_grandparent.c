/*
 * t_clone_parent_exit_signal_kills_grandparent - a clone(CLONE_PARENT)
 * child becomes its caller's sibling and, when it exits, sends its new
 * parent the caller's exit signal (SIGCHLD), not the one in the flags.
 *
 * Bug: with clone's flags decided by one rule, CLONE_PARENT was accepted
 * and the child's exit signal taken from the low byte of the flags, as
 * for any clone. The fuzzer's clone(CLONE_PARENT | SIGINT) made a
 * sibling that, at its exit, sent SIGINT to the fuzzer's root process
 * and killed it. Linux copy_process gives a CLONE_PARENT child the
 * caller's own exit signal: the parent it lands on expects that one.
 */
#define _GNU_SOURCE
#include <sched.h>
#include "vforklib.h"

#define STACK_SIZE 65536

static char stack[STACK_SIZE] __attribute__((aligned(16)));
static pid_t top;

static int sibling(void *arg)
{
	return getppid() == top ? 3 : 4;
}

/* The caller: clone a sibling that claims SIGINT as its exit signal,
 * report its pid, exit. */
static void caller(int out)
{
	pid_t c = clone(sibling, stack + STACK_SIZE, CLONE_PARENT | SIGINT,
			NULL);

	write(out, &c, sizeof(c));
	_exit(c > 0 ? 0 : 1);
}

int main(int argc, char **argv)
{
	int out[2], st = -1;
	pid_t p, c = -1;

	test_init(argv);
	top = getpid();
	signal(SIGINT, SIG_DFL); /* the bug's SIGINT would kill us */
	check(pipe(out) == 0, "pipe");
	p = fork();
	if (p == 0)
		caller(out[1]);
	if (read(out[0], &c, sizeof(c)) != sizeof(c))
		c = -1;
	check(c > 0, "clone(CLONE_PARENT | SIGINT) made a child (%d)", (int)c);
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the caller exited 0 (status %#x)", st);
	st = -1;
	if (c > 0 && waitpid(c, &st, 0) != c)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "the sibling is our child, its getppid() us (status %#x)", st);
	return test_done();
}
