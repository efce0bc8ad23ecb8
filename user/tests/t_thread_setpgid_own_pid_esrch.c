/*
 * t_thread_setpgid_own_pid_esrch - process-group and session calls made
 * from a second thread act on the process: setpgid(getpid(), ...) and
 * setpgid of a child the main thread forked work, setsid returns the
 * process id.
 *
 * Bug: the calls compared the pid they were given with the calling
 * task's own id. In a thread that is not the main one getpid() (the
 * process id) is not that id, so setpgid(getpid(), 0) gave ESRCH, a child
 * of another thread was "not a child" (ESRCH), and setsid made the
 * thread's id the new session's. Linux: they act on the thread group.
 */
#include "threadlib.h"

static pid_t child;
static int r_self, e_self, r_child, e_child;
static pid_t r_getpgid;

static void *in_thread(void *arg)
{
	errno = 0;
	r_self = setpgid(getpid(), 0);
	e_self = errno;
	errno = 0;
	r_child = setpgid(child, child);
	e_child = errno;
	r_getpgid = getpgid(child);
	return NULL;
}

static void *setsid_thread(void *arg)
{
	return (void *)(long)setsid();
}

/* In a forked process (not a group leader): setsid from a thread. */
static void __attribute__((noreturn)) setsid_child(void)
{
	pthread_t t;
	void *ret = (void *)-1L;

	if (pthread_create(&t, NULL, setsid_thread, NULL))
		_exit(100);
	pthread_join(t, &ret);
	_exit((long)ret == getpid() && getsid(0) == getpid() ? 0 : 1);
}

int main(int argc, char **argv)
{
	pthread_t t;
	pid_t p;
	int st = -1;

	test_init(argv);
	alarm(60);
	child = fork();
	if (child == 0) {
		sleep_ms(60000); /* killed below */
		_exit(0);
	}
	if (!start_thread(&t, in_thread, NULL, "the caller"))
		return test_done();
	pthread_join(t, NULL);
	check(r_self == 0, "setpgid(getpid(), 0) in a thread (errno %s)",
	      strerror(e_self));
	check(r_child == 0, "setpgid of the main thread's child (errno %s)",
	      strerror(e_child));
	check_eq(r_getpgid, child, "the child leads its own group now");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	p = fork();
	if (p == 0)
		setsid_child();
	if (wait_for(p, &st, VT_DEADLINE_MS) != p)
		st = -1;
	check(st == 0, "setsid in a thread returns the process id and makes "
	      "it the session's (status %#x)", st);
	return test_done();
}
