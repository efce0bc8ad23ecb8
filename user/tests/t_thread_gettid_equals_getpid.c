/*
 * t_thread_gettid_equals_getpid - in a second thread getpid() is the
 * thread-group id (the main thread's pid) and gettid() its own id.
 *
 * Bug: a thread must be told apart from its process. With one number per
 * task, getpid in a thread returned the thread's own id (so kill(getpid())
 * and every pid file named a thread), or gettid returned the process id
 * (so tgkill and musl's own locks, which store the tid, could not tell
 * two threads apart). Linux: getpid returns the tgid, gettid the tid, the
 * main thread's tid equals the pid, and getppid is the same in every
 * thread.
 */
#include "threadlib.h"

static pid_t t_pid, t_tid, t_ppid;

static void *probe(void *arg)
{
	t_pid = getpid();
	t_tid = tid();
	t_ppid = getppid();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;

	test_init(argv);
	alarm(60);
	check_eq(tid(), getpid(), "the main thread's tid is the pid");
	if (!start_thread(&t, probe, NULL, "the probe"))
		return test_done();
	check(pthread_join(t, NULL) == 0, "joined the probe");
	check_eq(t_pid, getpid(), "getpid in the thread is the process's pid");
	check(t_tid > 0 && t_tid != getpid(),
	      "gettid in the thread is its own id (%d, pid %d)", (int)t_tid,
	      (int)getpid());
	check_eq(t_ppid, getppid(), "getppid in the thread is the same");
	check_errno(kill(t_tid, 0), ESRCH,
		    "an exited thread's tid names nothing for kill");
	return test_done();
}
