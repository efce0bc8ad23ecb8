/*
 * t_pthread_create_fails_eagain - four musl pthreads share a mutex and a
 * condition variable, each keeps its own __thread variables across
 * context switches, and pthread_join returns each one's result.
 *
 * Bug: Sleight had no threads. musl's pthread_create calls clone with
 * CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|
 * CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|CLONE_DETACHED,
 * which the kernel refused (any CLONE_VM without CLONE_VFORK was EINVAL),
 * and musl turns that into EAGAIN. With threads in place the traps are a
 * TLS descriptor that is per process rather than per thread (every
 * thread then reads the last one's __thread variables, or the GDT entry
 * is not reloaded on a switch between two threads of one process), a
 * lost wake-up in the condvar or join (futex), and a mutex that lets two
 * threads in at once.
 */
#include "threadlib.h"

#define NTHREADS 4
#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go, ready;
static long counter;
static volatile int inside;	/* threads inside the mutex at once */
static int overlap;		/* times two were seen inside */

static __thread int tls_id = -1;
static __thread char tls_name[16] = "main";

struct result {
	int tls_kept;		/* tls_id and tls_name stayed this thread's */
	void *tls_addr;		/* &tls_id in this thread */
	pthread_t self;
};

static struct result res[NTHREADS];

/* The mutex is held: count, and see whether another thread is inside. */
static void count_locked(void)
{
	if (inside++)
		overlap++;
	counter++;
	inside--;
}

/* Thread i: wait for the start signal on the condvar, then count under
 * the mutex ROUNDS times, yielding now and then, checking its TLS. */
static void *worker(void *arg)
{
	int i = (int)(long)arg;
	struct result *r = &res[i];

	tls_id = i;
	snprintf(tls_name, sizeof(tls_name), "worker%d", i);
	r->tls_addr = &tls_id;
	r->self = pthread_self();
	r->tls_kept = 1;
	pthread_mutex_lock(&lock);
	ready++;
	pthread_cond_broadcast(&cond);
	while (!go)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	for (int n = 0; n < ROUNDS; n++) {
		pthread_mutex_lock(&lock);
		count_locked();
		pthread_mutex_unlock(&lock);
		if (n % 256 == 0)
			sleep_ms(1);
		if (tls_id != i || tls_name[6] != '0' + i)
			r->tls_kept = 0;
	}
	return (void *)(long)(100 + i);
}

/* Start the workers, let them all wait on the condvar, release them. */
static int start_all(pthread_t *t)
{
	int started = 0;
	char what[32];

	for (int i = 0; i < NTHREADS; i++) {
		snprintf(what, sizeof(what), "worker %d", i);
		started += start_thread(&t[i], worker, (void *)(long)i, what);
	}
	if (started != NTHREADS)
		return 0;
	pthread_mutex_lock(&lock);
	while (ready < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	go = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	return 1;
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	int joined = 0, kept = 0, distinct = 1;
	void *ret;

	test_init(argv);
	alarm(60);
	tls_id = 99;
	if (!start_all(t))
		return test_done();
	check(1, "all %d workers waited on the condvar and were released",
	      NTHREADS);
	for (int i = 0; i < NTHREADS; i++) {
		if (pthread_join(t[i], &ret) == 0 &&
		    ret == (void *)(long)(100 + i))
			joined++;
		kept += res[i].tls_kept;
		for (int j = 0; j < i; j++)
			if (res[j].tls_addr == res[i].tls_addr ||
			    pthread_equal(res[j].self, res[i].self))
				distinct = 0;
	}
	check_eq(joined, NTHREADS, "pthread_join returned each result");
	check_eq(counter, (long)NTHREADS * ROUNDS,
		 "every increment under the mutex counted");
	check_eq(overlap, 0, "never two threads inside the mutex");
	check_eq(kept, NTHREADS, "each worker's __thread data stayed its own");
	check(distinct, "each worker had its own TLS block and pthread_self");
	check_eq(tls_id, 99, "the main thread's __thread variable unchanged");
	check(strcmp(tls_name, "main") == 0,
	      "the main thread's __thread string unchanged (%s)", tls_name);
	return test_done();
}
