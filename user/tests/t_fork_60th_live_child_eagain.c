/*
 * t_fork_60th_live_child_eagain - thousands of processes can be alive at
 * once.
 *
 * Bug: the process table had 64 fixed slots, so with init, the shell and
 * the runner alive the 60th live child of a test got EAGAIN from fork.
 * Linux allows thousands (the limits are memory, RLIMIT_NPROC, which
 * root is exempt from, and pid_max). The table now grows with demand.
 *
 * What this checks: 4000 children are forked while every one of them is
 * still blocked reading a pipe, so all are alive at once (on Sleight
 * /dev/kstat counts them too); closing the pipe releases them, and each
 * exits 0 and is reaped. On Sleight this needs 512 MiB (the boot case
 * fork-4000-live-mem512 runs it with --mem 512); with less memory it
 * skips. On the host it skips when RLIMIT_NPROC leaves too little room.
 */
#include "tests/testlib.h"

#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>

#include "kstat.h"

#define LIVE 4000
#define MEM_NEEDED (480ull << 20) /* bytes: what -m 512 leaves usable */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Is there room for LIVE more processes here? Why not, in why. */
static int room(char *why, size_t n)
{
	struct sysinfo si;
	struct rlimit rl;

	if (on_sleight()) {
		if (sysinfo(&si) != 0 ||
		    (unsigned long long)si.totalram * si.mem_unit < MEM_NEEDED)
			return snprintf(why, n, "needs 512 MiB of memory "
					"(boot case fork-4000-live-mem512)"), 0;
		return 1;
	}
	if (getuid() != 0 && getrlimit(RLIMIT_NPROC, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < LIVE + 1000)
		return snprintf(why, n, "RLIMIT_NPROC %llu leaves no room for "
				"%d children", (unsigned long long)rl.rlim_cur,
				LIVE), 0;
	return 1;
}

int main(int argc, char **argv)
{
	int hold[2], n = 0, err = 0, ok = 0, st;
	long long t0, t_forked;
	char why[128];
	pid_t pid;

	test_init(argv);
	if (!room(why, sizeof(why))) {
		skip("%s", why);
		return test_done();
	}
	if (pipe(hold) < 0)
		return 1;
	t0 = now_ms();
	while (n < LIVE) {
		pid = fork();
		if (pid == 0) {
			char c;

			close(hold[1]);
			read(hold[0], &c, 1); /* EOF: released */
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		n++;
	}
	t_forked = now_ms() - t0;
	check(n == LIVE, "%d children forked, all alive at once (got %d, "
	      "errno %d; %lld ms)", LIVE, n, err, t_forked);
	if (on_sleight())
		check(kstat_now("procs ") >= LIVE, "/dev/kstat counts them "
		      "(procs %ld)", kstat_now("procs "));
	close(hold[1]);
	close(hold[0]);
	while ((pid = wait(&st)) > 0)
		ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	check(ok == n, "every child was blocked, exits 0 and is reaped (%d "
	      "of %d; %lld ms in all)", ok, n, now_ms() - t0);
	check_errno(wait(NULL), ECHILD, "no child left behind");
	return test_done();
}
