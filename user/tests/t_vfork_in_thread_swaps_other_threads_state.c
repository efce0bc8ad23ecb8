/*
 * t_vfork_in_thread_swaps_other_threads_state - while one thread is in a
 * vfork child phase, the process's other threads keep running, and keep
 * the process's fd table, cwd and signal mask, whatever the child phase
 * does to its own copies.
 *
 * Bug: the design this kernel's vfork comes from (Cygwin's) backs the
 * parent's fd table up inside the process and lets the child phase work
 * on the process's own table; its author admits it "is not really
 * thread-safe". Done that way, a second thread saw the child phase's
 * close() and chdir() (EBADF on its own descriptor, a different cwd), or
 * was stopped for the whole child phase. Linux: vfork suspends only the
 * calling thread, and the child is its own process.
 */
#include "threadlib.h"

static int fd;			/* the other thread's descriptor */
static char cwd0[256];
static sigset_t mask0;
static volatile int stop, rounds, broken;
static volatile int child_saw_rounds; /* stored by the child phase */
static char why[320];

/* One round of the watcher's checks; 0 and why[] set when one failed. */
static int watch_once(void)
{
	char cwd[256];
	sigset_t m;
	int d;

	if (fcntl(fd, F_GETFD) != FD_CLOEXEC) {
		snprintf(why, sizeof(why), "fd %d: %s", fd, strerror(errno));
		return 0;
	}
	d = dup(fd);
	if (d < 0 || close(d) != 0) {
		snprintf(why, sizeof(why), "dup: %s", strerror(errno));
		return 0;
	}
	if (!getcwd(cwd, sizeof(cwd)) || strcmp(cwd, cwd0) != 0) {
		snprintf(why, sizeof(why), "cwd became %s", cwd);
		return 0;
	}
	pthread_sigmask(SIG_BLOCK, NULL, &m);
	if (sigismember(&m, SIGUSR1) != sigismember(&mask0, SIGUSR1) ||
	    sigismember(&m, SIGTERM) != sigismember(&mask0, SIGTERM)) {
		snprintf(why, sizeof(why), "signal mask changed");
		return 0;
	}
	return 1;
}

static void *watcher(void *arg)
{
	pthread_sigmask(SIG_BLOCK, NULL, &mask0);
	while (!stop) {
		if (!watch_once())
			broken = 1;
		rounds++;
		sleep_ms(1);
	}
	return NULL;
}

/* The vforking thread. The child phase changes its own copies of fd
 * table, cwd and mask, waits until the watcher did 50 more rounds, and
 * _exits 0 (1 when the watcher stood still). */
static void *vforker(void *arg)
{
	sigset_t s;
	int start = rounds, st = -1;
	pid_t p;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigaddset(&s, SIGTERM);
	p = vfork();
	if (p == 0) {
		close(fd);
		if (chdir("/") != 0)
			_exit(2);
		sigprocmask(SIG_BLOCK, &s, NULL);
		if (!wait_flag(&rounds, start + 50, VT_DEADLINE_MS))
			_exit(1);
		child_saw_rounds = rounds - start;
		_exit(0);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return (void *)-1L;
	return (void *)(long)st;
}

int main(int argc, char **argv)
{
	pthread_t w, v;
	void *ret = (void *)-1L;

	test_init(argv);
	alarm(60);
	fd = open("/", O_RDONLY | O_CLOEXEC);
	check(fd >= 0 && getcwd(cwd0, sizeof(cwd0)),
	      "opened the watcher's descriptor (%d) in %s", fd, cwd0);
	if (chdir(t_dir) != 0 || !getcwd(cwd0, sizeof(cwd0)))
		return 1;
	if (!start_thread(&w, watcher, NULL, "the watcher"))
		return test_done();
	wait_flag(&rounds, 5, VT_DEADLINE_MS);
	if (!start_thread(&v, vforker, NULL, "the vforking thread"))
		return test_done();
	pthread_join(v, &ret);
	stop = 1;
	pthread_join(w, NULL);
	check(ret == (void *)0L, "the child phase exited 0 (status %ld)",
	      (long)ret);
	check(child_saw_rounds >= 50,
	      "the watcher ran during the child phase (%d rounds)",
	      child_saw_rounds);
	check(!broken, "the watcher's fd, cwd and mask held throughout%s%s",
	      broken ? ": " : "", why);
	check(watch_once(), "and hold now in the main thread%s%s",
	      why[0] ? ": " : "", why);
	return test_done();
}
