/*
 * t_clock_getres_reports_10ms - the clocks have (near) nanosecond
 * resolution, and clock_getres says so.
 *
 * Bug: CLOCK_MONOTONIC, CLOCK_REALTIME and CLOCK_BOOTTIME were counted in
 * timer ticks. clock_getres reported 10 ms (1 / HZ) and the smallest
 * step two clock_gettime calls could see was a whole tick, 10 ms, where
 * Linux steps by nanoseconds through the TSC (issue 12, part 4).
 * Expected (as on Linux): clock_getres <= 1 us for the three clocks, and
 * the smallest nonzero CLOCK_MONOTONIC step seen is <= 10 us.
 */
#include "tests/testlib.h"

#include <time.h>

#ifndef CLOCK_BOOTTIME
#define CLOCK_BOOTTIME 7
#endif

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void resolution(clockid_t id, const char *name)
{
	struct timespec r = { 7, 7 };

	check_eq(clock_getres(id, &r), 0, name);
	check(r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 1000,
	      "clock_getres(%s) = %lld ns (<= 1000)", name, ns(&r));
}

/* The smallest nonzero difference between successive reads, in ns. */
static long long smallest_step(clockid_t id)
{
	struct timespec a, b;
	long long best = -1, d;
	int i;

	clock_gettime(id, &a);
	for (i = 0; i < 20000; i++) {
		clock_gettime(id, &b);
		d = ns(&b) - ns(&a);
		if (d > 0 && (best < 0 || d < best))
			best = d;
		a = b;
	}
	return best;
}

int main(int argc, char **argv)
{
	long long step;

	test_init(argv);
	resolution(CLOCK_MONOTONIC, "CLOCK_MONOTONIC");
	resolution(CLOCK_REALTIME, "CLOCK_REALTIME");
	resolution(CLOCK_BOOTTIME, "CLOCK_BOOTTIME");
	step = smallest_step(CLOCK_MONOTONIC);
	check(step > 0 && step <= 10000,
	      "the smallest CLOCK_MONOTONIC step is %lld ns (<= 10000)", step);
	step = smallest_step(CLOCK_REALTIME);
	check(step > 0 && step <= 10000,
	      "the smallest CLOCK_REALTIME step is %lld ns (<= 10000)", step);
	return test_done();
}
