/*
 * t_fork_bomb_fills_process_table - an unprivileged fork bomb must leave
 * root able to fork and exec the command that ends it.
 *
 * Bug: RLIMIT_NPROC was reported (getrlimit gave 64, the size of the
 * process table) but never enforced, so a uid 1000 process that forked
 * until EAGAIN took every free slot. Root's shell and init then got
 * EAGAIN from fork too, and nothing could be started to kill the bomb.
 * Linux enforces RLIMIT_NPROC per real uid in copy_process (zombies
 * count until reaped; root and CAP_SYS_RESOURCE are exempt) and starts
 * every user at max_threads / 2, which leaves the other half to root.
 *
 * What this checks: a child under its own uid forks blocked children
 * until fork fails, which must be EAGAIN; while they all still exist,
 * this (root) process forks and execs a program and gets its status.
 * On Sleight the bomb runs under the default limit (Linux's
 * max_threads / 2, from the memory: about 970 at 128 MiB); on Linux
 * under RLIMIT_NPROC = 64 so that the host is not hurt. Run as root (on
 * Sleight, /bin/runtests is); a non-root host run only checks that the
 * limit stops the bomb.
 */
#include "tests/testlib.h"

#include <sys/resource.h>
#include <sys/wait.h>

#define MAX_TRY 100000 /* only bounds a loop no limit would stop */
#define BOMB_UID 48000 /* plus pid % 1000: concurrent runs don't share */

/* The bomb: fork children blocked on a pipe until fork fails; report
 * the count and errno on out, then wait for go to close. */
static void bomb(int out, int go)
{
	int res[2] = { 0, 0 };
	pid_t pid;

	if (getuid() == 0 && (setgid(BOMB_UID + getpid() % 1000) != 0 ||
			      setuid(BOMB_UID + getpid() % 1000) != 0))
		_exit(2);
	if (!on_sleight()) {
		struct rlimit rl = { 64, 64 };

		if (setrlimit(RLIMIT_NPROC, &rl) != 0)
			_exit(3);
	}
	while (res[0] < MAX_TRY) {
		pid = fork();
		if (pid == 0) {
			char c;

			read(go, &c, 1); /* EOF when the test is done */
			_exit(0);
		}
		if (pid < 0) {
			res[1] = errno;
			break;
		}
		res[0]++;
	}
	write(out, res, sizeof(res));
	{
		char c;

		read(go, &c, 1);
	}
	while (wait(NULL) > 0)
		;
	_exit(0);
}

/* Fork and exec the exit_with helper; its status, or -errno of fork. */
static int spawn_status(void)
{
	const char *helper = helper_path("exit_with");
	pid_t pid = fork();
	int st = -1;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execl(helper, "exit_with", "5", (char *)0);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	return st;
}

int main(int argc, char **argv)
{
	int rep[2], go[2], res[2] = { -1, -1 }, st;
	pid_t pid;

	test_init(argv);
	if (pipe(rep) < 0 || pipe(go) < 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(rep[0]);
		close(go[1]);
		bomb(rep[1], go[0]);
	}
	close(rep[1]);
	close(go[0]);
	check(read(rep[0], res, sizeof(res)) == sizeof(res),
	      "the bomb reports how far it got");
	check(res[0] < MAX_TRY && res[1] == EAGAIN,
	      "the bomb's fork fails with EAGAIN (after %d, errno %d)",
	      res[0], res[1]);
	if (getuid() == 0) {
		st = spawn_status();
		check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
		      "root forks and execs while the bomb holds its "
		      "processes (status %#x)", (unsigned)st);
	}
	close(go[1]); /* every bomb process reads EOF and exits */
	st = -1;
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the bomb ends and is reaped (%#x)", (unsigned)st);
	st = spawn_status();
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "fork and exec work after the bomb (status %#x)",
	      (unsigned)st);
	return test_done();
}
