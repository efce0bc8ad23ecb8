/*
 * t_clone_thread_without_files_shares_fds - a thread made with only the
 * flags CLONE_THREAD needs (CLONE_VM|CLONE_SIGHAND|CLONE_THREAD) is a
 * thread of the caller's process with a copy of its descriptor table,
 * and the flag sets Linux refuses are EINVAL.
 *
 * Bug: clone shares exactly the parts its flags name (clone(2)). A
 * kernel that treated CLONE_THREAD as "share everything" gave such a
 * thread the caller's own fd table (the thread's open() showed up in the
 * caller), or one that treated it as a new process gave it its own pid.
 * Refused, as Linux copy_process: CLONE_THREAD without CLONE_SIGHAND,
 * CLONE_SIGHAND without CLONE_VM, CLONE_FS with CLONE_NEWNS.
 */
#define _GNU_SOURCE
#include <sched.h>

#include "threadlib.h"

#define THREAD_FLAGS (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)

static char stack[65536] __attribute__((aligned(16)));
static volatile int done, opened_fd = -1;
static volatile pid_t seen_pid, seen_tid;

/* Runs as the thread; musl's clone ends it with a bare exit. */
static int thread_fn(void *arg)
{
	seen_pid = getpid();
	seen_tid = tid();
	opened_fd = open("/dev/null", O_RDONLY);
	__sync_synchronize();
	done = 1;
	return 0;
}

static int noop(void *arg)
{
	return 0;
}

int main(int argc, char **argv)
{
	void *top = stack + sizeof(stack);
	int r;

	test_init(argv);
	alarm(60);
	r = clone(thread_fn, top, THREAD_FLAGS, NULL);
	check(r > 0, "clone(CLONE_VM|CLONE_SIGHAND|CLONE_THREAD) (%d, %s)", r,
	      r > 0 ? "ok" : strerror(errno));
	if (r > 0) {
		check(wait_flag(&done, 1, VT_DEADLINE_MS), "the thread ran");
		check_eq(seen_pid, getpid(), "its getpid is the caller's");
		check_eq(seen_tid, r, "its gettid is what clone returned");
		check(opened_fd >= 0, "it opened /dev/null (fd %d)", opened_fd);
		check_errno(fcntl(opened_fd, F_GETFD), EBADF,
			    "the descriptor is not in the caller's table");
		sleep_ms(50); /* let it finish its exit */
		check_errno(waitpid(r, NULL, WNOHANG), ECHILD,
			    "a thread is not a child to wait for");
	}
	check_errno(clone(noop, top, CLONE_SIGHAND | SIGCHLD, NULL), EINVAL,
		    "CLONE_SIGHAND without CLONE_VM");
	check_errno(clone(noop, top, CLONE_VM | CLONE_THREAD, NULL), EINVAL,
		    "CLONE_THREAD without CLONE_SIGHAND");
	check_errno(clone(noop, top, CLONE_FS | CLONE_NEWNS, NULL), EINVAL,
		    "CLONE_FS with CLONE_NEWNS");
	return test_done();
}
