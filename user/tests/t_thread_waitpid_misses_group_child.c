/*
 * t_thread_waitpid_misses_group_child - any thread of a process may wait
 * for a child that another thread forked, and the child's SIGCHLD goes to
 * the process.
 *
 * Bug: children hang off the task that forked them. A waitpid in a second
 * thread for the main thread's child then returned ECHILD (or slept for
 * ever), and SIGCHLD was sent to the forking thread only, lost when that
 * thread blocked it. Linux (since 2.4): the thread group's children are
 * every thread's, SIGCHLD is process-directed.
 */
#include "threadlib.h"

static pid_t child;
static volatile int chld_count;
static volatile pid_t chld_tid;
static pid_t waited, waited_any;
static int status, status_any;
static pid_t thread_child;

static void on_chld(int sig)
{
	chld_count++;
	chld_tid = tid();
}

/* The thread: reaps the main thread's first child by pid, then its
 * second with -1, then forks one of its own for the main thread. */
static void *reaper(void *arg)
{
	waited = waitpid(child, &status, 0);
	waited_any = waitpid(-1, &status_any, 0);
	thread_child = fork();
	if (thread_child == 0)
		_exit(9);
	return NULL;
}

static pid_t fork_exit(int code, int delay_ms)
{
	pid_t p = fork();

	if (p == 0) {
		sleep_ms(delay_ms);
		_exit(code);
	}
	return p;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_chld };
	pthread_t t;
	pid_t second;
	sigset_t set;
	int st = -1;

	test_init(argv);
	alarm(60);
	sigaction(SIGCHLD, &sa, NULL);
	child = fork_exit(7, 100);
	second = fork_exit(8, 200);
	check(child > 0 && second > 0, "the main thread forked two children");
	if (!start_thread(&t, reaper, NULL, "the reaper"))
		return test_done();
	/* From here only the reaper may take SIGCHLD. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_join(t, NULL);
	check_eq(waited, child, "the thread's waitpid(pid) reaped it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "with its status (%#x)", status);
	check_eq(waited_any, second, "the thread's waitpid(-1) reaped the other");
	check(WIFEXITED(status_any) && WEXITSTATUS(status_any) == 8,
	      "with its status (%#x)", status_any);
	check(chld_count >= 1, "SIGCHLD reached the process (%d)", chld_count);
	check(thread_child > 0, "the thread forked a child");
	check_eq(waitpid(thread_child, &st, 0), thread_child,
		 "the main thread reaps the thread's child");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 9, "status %#x", st);
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "nothing left");
	return test_done();
}
