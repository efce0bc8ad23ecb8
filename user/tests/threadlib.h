/*
 * threadlib.h - what the thread tests (t_thread_*.c and the other tests
 * that start pthreads) share on top of vforklib.h: the thread id, waits
 * on a flag with a deadline, and starting a thread that reports failure
 * as a check rather than a crash.
 *
 * Rule kept here: the TAP checks (check, check_eq, ...) are made by the
 * main thread only, because testlib.h's counters take no lock. A thread
 * leaves what it saw in its own slot of a static array, or in volatile
 * statics, and the main thread checks them after joining (pthread_join
 * orders the thread's stores before the main thread's loads).
 */
#ifndef SLEIGHT_THREADLIB_H
#define SLEIGHT_THREADLIB_H

#include <pthread.h>
#include <sys/syscall.h>

#include "vforklib.h"

/* tid - the calling thread's id (gettid(2)). */
static pid_t __attribute__((unused)) tid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/*
 * wait_flag - wait until *flag is at least want, polling every
 * millisecond for at most timeout_ms. Returns 1 when it is, 0 on the
 * timeout. Only async-signal-safe calls: usable in a vfork child phase.
 */
static int __attribute__((unused))
wait_flag(volatile int *flag, int want, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;

	while (*flag < want) {
		if (now_ms() >= end)
			return 0;
		sleep_ms(1);
	}
	return 1;
}

/*
 * start_thread - pthread_create(fn, arg) with default attributes, made a
 * check: "what" names the thread. Returns 1 when the thread runs, 0 when
 * pthread_create failed (the check then says with which error).
 */
static int __attribute__((unused))
start_thread(pthread_t *t, void *(*fn)(void *), void *arg, const char *what)
{
	int e = pthread_create(t, NULL, fn, arg);

	check(e == 0, "pthread_create: %s (%s)", what, e ? strerror(e) : "ok");
	return e == 0;
}

#endif
