/*
 * t_thread_exit_leaks_task_slot - thousands of threads come and go:
 * joined ones, detached ones (musl unmaps a detached thread's stack from
 * under itself and makes a bare exit), and ones that fork: every
 * pthread_create succeeds, so nothing a thread held outlives it.
 *
 * Bug: a thread that is not its group's leader has nobody to reap it.
 * Made a zombie like a process, it kept its task slot, its kernel stack
 * and its pid for ever, and after a few dozen threads pthread_create
 * failed with EAGAIN (and the machine ran out of pids). Linux frees such
 * a thread at once (release_task from exit_notify).
 */
#include "threadlib.h"

#define ROUNDS 150
#define PER_ROUND 8
#define DETACHED 400

static volatile int finished;

static void *joined(void *arg)
{
	return (void *)(long)(tid() > 0);
}

static void *detached(void *arg)
{
	__sync_fetch_and_add(&finished, 1);
	return NULL;
}

/* Forks a child that exits at once and reaps it: fork from a thread. */
static void *forker(void *arg)
{
	int st = -1;
	pid_t p = fork();

	if (p == 0)
		_exit(6);
	if (p < 0 || waitpid(p, &st, 0) != p)
		return (void *)0L;
	return (void *)(long)(WIFEXITED(st) && WEXITSTATUS(st) == 6);
}

int main(int argc, char **argv)
{
	pthread_t t[PER_ROUND];
	pthread_attr_t a;
	int made = 0, good = 0, det = 0, e = 0;
	void *r;

	test_init(argv);
	alarm(120);
	for (int n = 0; n < ROUNDS && !e; n++) {
		for (int i = 0; i < PER_ROUND && !e; i++)
			if (!(e = pthread_create(&t[i], NULL,
						 i ? joined : forker, NULL)))
				made++;
		for (int i = 0; i < PER_ROUND && made > n * PER_ROUND + i;
		     i++)
			if (pthread_join(t[i], &r) == 0 && r)
				good++;
	}
	check(made == ROUNDS * PER_ROUND, "created %d joinable threads of %d "
	      "(%s)", made, ROUNDS * PER_ROUND, e ? strerror(e) : "ok");
	check_eq(good, made, "each one ran, the forking ones reaped a child");
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (e = 0; det < DETACHED && !e; det += !e) {
		e = pthread_create(&t[0], &a, detached, NULL);
		if (det % 16 == 15)
			wait_flag(&finished, det + 1, VT_DEADLINE_MS);
	}
	check(det == DETACHED, "created %d detached threads of %d (%s)", det,
	      DETACHED, e ? strerror(e) : "ok");
	check(wait_flag(&finished, det, VT_DEADLINE_MS),
	      "all of them ran (%d)", finished);
	return test_done();
}
