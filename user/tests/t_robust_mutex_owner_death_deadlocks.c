/*
 * t_robust_mutex_owner_death_deadlocks - a robust mutex whose owner dies
 * holding it is handed to the next locker with EOWNERDEAD, and is usable
 * again after pthread_mutex_consistent: owner a thread that returns, a
 * thread that ends with a bare exit system call, and a process killed by
 * SIGKILL (a process-shared mutex).
 *
 * Bug: without the robust list walked at exit (set_robust_list(2)), a
 * lock held by a thread or process that died was never released: the
 * next pthread_mutex_lock slept for ever. musl walks the list itself in
 * pthread_exit, so only a death the thread does not see coming (a bare
 * SYS_exit, a signal) shows whether the kernel does: Linux sets
 * FUTEX_OWNER_DIED in the lock word and wakes a waiter. (musl hands
 * the kernel its robust list for process-shared mutexes only, so those
 * two cases use one.)
 */
#include <time.h>

#include "threadlib.h"

static pthread_mutex_t *mx;
static volatile int locked;

static void *lock_and_return(void *arg)
{
	pthread_mutex_lock(mx);
	return NULL;
}

static void *lock_and_sys_exit(void *arg)
{
	pthread_mutex_lock(mx);
	locked = 1;
	syscall(SYS_exit, 0);
	return NULL;
}

static void robust_init(pthread_mutex_t *m, int pshared)
{
	pthread_mutexattr_t a;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	if (pshared)
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(m, &a);
	pthread_mutexattr_destroy(&a);
}

/* Lock with the deadline; then make consistent, unlock, lock again. */
static void check_recovers(const char *who)
{
	struct timespec ts;
	int e;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 10;
	e = pthread_mutex_timedlock(mx, &ts);
	check(e == EOWNERDEAD, "%s: the next lock gives EOWNERDEAD (%s)", who,
	      strerror(e));
	if (e != EOWNERDEAD)
		return;
	check_eq(pthread_mutex_consistent(mx), 0, "pthread_mutex_consistent");
	check_eq(pthread_mutex_unlock(mx), 0, "unlock");
	check_eq(pthread_mutex_lock(mx), 0, "it locks normally again");
	pthread_mutex_unlock(mx);
}

int main(int argc, char **argv)
{
	pthread_t t;
	pid_t pid;
	int st;

	test_init(argv);
	alarm(60);
	mx = mmap(NULL, sizeof(*mx), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mx == MAP_FAILED)
		return 1;
	robust_init(mx, 0);
	if (!start_thread(&t, lock_and_return, NULL, "a thread that returns"))
		return test_done();
	pthread_join(t, NULL);
	check_recovers("owner thread returned");

	/* musl registers its robust list with the kernel for process-shared
	 * mutexes only: a private one is released by pthread_exit alone. */
	pthread_mutex_destroy(mx);
	robust_init(mx, 1);
	if (!start_thread(&t, lock_and_sys_exit, NULL, "a thread that exits"))
		return test_done();
	wait_flag(&locked, 1, VT_DEADLINE_MS);
	check_recovers("owner thread made a bare exit");

	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(mx);
		raise(SIGKILL);
		_exit(1);
	}
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "the owner process was killed (%#x)", st);
	check_recovers("owner process killed");
	return test_done();
}
