/*
 * t_fork_past_last_slot_corrupts_table - fork fails with EAGAIN when no
 * process slot is left, and the system recovers once children are reaped.
 *
 * Bug: the process table overflows. fork past the last slot corrupts the
 * table or panics instead of failing with EAGAIN, a failed fork leaks
 * its half-built process (pages, descriptors, the slot), or slots of
 * reaped children are never reused. The table has no fixed size any
 * more (root can fork thousands, t_fork_60th_live_child_eagain), so the
 * limit that ends the forking is RLIMIT_NPROC: on Sleight as on Linux the
 * test runs in a child under its own uid with RLIMIT_NPROC = 64, which
 * also keeps the host unhurt.
 */
#include "tests/testlib.h"

#include <sys/resource.h>
#include <sys/wait.h>

#define MAX_TRY 1000
#define SANDBOX_UID 47000 /* plus pid % 1000: concurrent runs don't share */

static pid_t kids[MAX_TRY];

/* limit_procs - drop to an otherwise unused uid (root ignores
 * RLIMIT_NPROC) and cap the process count. */
static int limit_procs(void)
{
	struct rlimit rl = { 64, 64 };
	uid_t uid = SANDBOX_UID + getpid() % 1000;

	if (getuid() == 0 && (setgid(uid) != 0 || setuid(uid) != 0))
		return -1;
	return setrlimit(RLIMIT_NPROC, &rl);
}

static void exhaust(void)
{
	int hold[2], n = 0, err = 0, i, reaped = 0, st;
	pid_t pid;

	if (pipe(hold) < 0) {
		check(0, "pipe");
		return;
	}
	while (n < MAX_TRY) {
		pid = fork();
		if (pid == 0) {
			char c;

			close(hold[1]);
			read(hold[0], &c, 1); /* block until released */
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	check(n > 0, "forked %d blocked children first", n);
	check(n < MAX_TRY && err == EAGAIN,
	      "fork fails with EAGAIN before %d children (n=%d errno %d)",
	      MAX_TRY, n, err);
	close(hold[1]); /* release: every child reads EOF and exits */
	close(hold[0]);
	for (i = 0; i < n; i++)
		if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0)
			reaped++;
	check_eq(reaped, n, "every child exits and is reaped");
	check_errno(wait(NULL), ECHILD, "no child left behind");

	for (i = 0; i < 3; i++) {
		pid = fork();
		if (pid == 0)
			_exit(7);
		st = -1;
		if (pid > 0)
			waitpid(pid, &st, 0);
		if (!(WIFEXITED(st) && WEXITSTATUS(st) == 7))
			break;
	}
	check_eq(i, 3, "fork works again after the children are reaped");
}

int main(int argc, char **argv)
{
	int res[2] = { 0, 1 }, p[2], st;
	pid_t pid;

	test_init(argv);
	if (pipe(p) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		check_eq(limit_procs(), 0, "limit processes to 64");
		exhaust();
		res[0] = t_passed;
		res[1] = t_failed;
		write(p[1], res, sizeof(res));
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], res, sizeof(res)) != sizeof(res))
		res[1] = -1;
	waitpid(pid, &st, 0);
	t_passed += res[0]; /* the child's checks count in the summary */
	check(res[1] == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the exhausting child passed %d checks, failed %d", res[0],
	      res[1]);
	return test_done();
}
