/*
 * t_fork_exhaustion_leaks_frames - forking until fork fails, then reaping
 * everything, gives every page frame back.
 *
 * Bug: process records are allocated per fork and freed at reap (the
 * table grows with demand). A fork that fails at the limit and leaves its
 * half-built record or kernel stack behind, or a reap that frees the
 * process but not its record, loses frames on every round; a fixed table
 * would have hidden both. Linux's fork fails cleanly with EAGAIN at
 * RLIMIT_NPROC (copy_process) and gives everything back at release.
 *
 * What this checks: twice, a child under its own uid (so RLIMIT_NPROC
 * applies: root is exempt) forks blocked children until fork fails, which
 * must be EAGAIN or ENOMEM; then they are released and reaped. Both rounds
 * get as far; on Sleight the free frames in /dev/kstat are back at the
 * baseline after each round. On Sleight the limit is the default, derived
 * from memory as Linux's (about 970 at 128 MiB); on Linux it is set to 64
 * so that the host is not hurt.
 */
#include "tests/testlib.h"

#include <sys/resource.h>
#include <sys/wait.h>

#include "kstat.h"

#define MAX_TRY 100000 /* only bounds a loop no limit would stop */
#define SANDBOX_UID 46000 /* plus pid % 1000: concurrent runs don't share */

/* In the sandbox child: fork blocked children until fork fails, release
 * and reap them. Exits with 0 when fork failed with EAGAIN or ENOMEM and
 * every child was reaped; writes the count to out. */
static void __attribute__((noreturn)) exhaust(int out)
{
	int hold[2], n = 0, err = 0, reaped = 0;
	uid_t uid = SANDBOX_UID + getppid() % 1000;
	struct rlimit rl = { 64, 64 };
	pid_t pid;

	if (getuid() == 0 && (setgid(uid) != 0 || setuid(uid) != 0))
		_exit(2);
	if (!on_sleight() && setrlimit(RLIMIT_NPROC, &rl) != 0)
		_exit(3);
	if (pipe(hold) < 0)
		_exit(4);
	while (n < MAX_TRY) {
		pid = fork();
		if (pid == 0) {
			char c;

			close(hold[1]);
			read(hold[0], &c, 1);
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		n++;
	}
	close(hold[1]);
	close(hold[0]);
	while (wait(NULL) > 0)
		reaped++;
	write(out, &n, sizeof(n));
	_exit(reaped == n && (err == EAGAIN || err == ENOMEM) ? 0 : 5);
}

/* One round; the number of children it got to, or -1. */
static int round_trip(void)
{
	int p[2], n = -1, st = -1;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		exhaust(p[1]);
	}
	close(p[1]);
	if (read(p[0], &n, sizeof(n)) != sizeof(n))
		n = -1;
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		return -1;
	return n;
}

int main(int argc, char **argv)
{
	long base1, base2, after1, after2;
	int n1, n2;

	test_init(argv);
	/* Each baseline is read with nothing printed since: stdout's buffer
	 * is allocated at the first check, between the rounds. */
	base1 = kstat_now("free_frames ");
	n1 = round_trip();
	after1 = kstat_now("free_frames ");
	check(n1 > 0, "fork fails with EAGAIN or ENOMEM after %d children, "
	      "all reaped", n1);
	if (on_sleight())
		check(after1 >= base1, "free frames back at the baseline after "
		      "the round (%ld, were %ld)", after1, base1);
	base2 = kstat_now("free_frames ");
	n2 = round_trip();
	after2 = kstat_now("free_frames ");
	check(n2 == n1, "a second round gets as far (%d, then %d)", n1, n2);
	if (on_sleight())
		check(after2 >= base2, "and gives every frame back again (%ld, "
		      "were %ld)", after2, base2);
	return test_done();
}
