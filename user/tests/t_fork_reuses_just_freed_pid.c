/*
 * t_fork_reuses_just_freed_pid - a pid just freed is not handed out again
 * at once.
 *
 * Bug: a pid allocator that takes the lowest free pid (or the slot's old
 * one) gives a child that was just reaped and the next child the same
 * pid. A kill(2) or waitpid(2) aimed at the old child by a program that
 * has not yet noticed its exit then hits the new one. Linux hands pids
 * out cyclically (alloc_pid: the next after the last one, wrapping at
 * pid_max), so a freed pid comes back only after all the others.
 *
 * What this checks: twenty times, a child is forked, exits and is
 * reaped, and the next fork's pid differs from the one just freed and
 * from every pid this test has seen so far (no wrap can happen in twenty
 * forks unless the counter is at the very end of its range).
 */
#include "tests/testlib.h"

#include <sys/wait.h>

#define ROUNDS 20

/* Fork a child that exits at once, reap it; its pid, or -1. */
static pid_t fork_reap(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0 && waitpid(pid, NULL, 0) != pid)
		return -1;
	return pid;
}

int main(int argc, char **argv)
{
	pid_t seen[ROUNDS];
	int fresh = 0, again = 0;

	test_init(argv);
	for (int i = 0; i < ROUNDS; i++) {
		seen[i] = fork_reap();
		if (seen[i] <= 0)
			break;
		fresh += i == 0 || seen[i] != seen[i - 1];
		for (int j = 0; j < i; j++)
			again += seen[j] == seen[i];
	}
	check_eq(fresh, ROUNDS, "no fork reuses the pid reaped just before");
	check(again == 0, "%d pids in a row are all different (%d repeats; "
	      "first %d, last %d)", ROUNDS, again, (int)seen[0],
	      (int)seen[ROUNDS - 1]);
	return test_done();
}
