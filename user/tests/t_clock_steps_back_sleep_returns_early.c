/*
 * t_clock_steps_back_sleep_returns_early - clocks move forward at the right
 * rate and sleeps last as long as asked.
 *
 * Bug: the time base is wrong. CLOCK_MONOTONIC steps backwards (for
 * example when the tick count and the sub-tick counter are read without
 * care), nanosleep returns early (a tick rounded down, or a wakeup taken
 * for the timeout), the wall clock was never set from the RTC (it reads
 * 1970), or gettimeofday/time disagree with clock_gettime.
 */
#include "tests/testlib.h"

#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void monotonic_forward(void)
{
	struct timespec a, b;
	int i, back = 0, bad_ns = 0;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < 20000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		back += ns(&b) < ns(&a);
		bad_ns += b.tv_nsec < 0 || b.tv_nsec >= 1000000000L;
		a = b;
	}
	check_eq(back, 0, "CLOCK_MONOTONIC never goes backwards in 20000 "
		 "reads");
	check_eq(bad_ns, 0, "tv_nsec always in [0, 1e9)");
}

static void sleep_length(void)
{
	struct timespec req = { 0, 20000000 }, a, b, rem = { 7, 7 };
	long long d;

	clock_gettime(CLOCK_MONOTONIC, &a);
	check_eq(nanosleep(&req, &rem), 0, "nanosleep(20 ms) returns 0");
	clock_gettime(CLOCK_MONOTONIC, &b);
	d = ns(&b) - ns(&a);
	check(d >= 20000000LL, "nanosleep(20 ms) slept %lld us (>= 20000)",
	      d / 1000);
	check(d < 5000000000LL, "nanosleep(20 ms) slept under 5 s");

	req.tv_nsec = 1000000000L;
	check_errno(nanosleep(&req, NULL), EINVAL,
		    "nanosleep with tv_nsec = 1e9");
	req.tv_sec = -1;
	req.tv_nsec = 0;
	check_errno(nanosleep(&req, NULL), EINVAL, "nanosleep with -1 s");

	clock_gettime(CLOCK_MONOTONIC, &a);
	usleep(30000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	d = ns(&b) - ns(&a);
	check(d >= 30000000LL, "usleep(30 ms) slept %lld us", d / 1000);
}

static void wall_clock(void)
{
	struct timespec rt;
	struct timeval tv;
	time_t t;

	check_eq(clock_gettime(CLOCK_REALTIME, &rt), 0,
		 "clock_gettime(CLOCK_REALTIME)");
	check(rt.tv_sec > 1577836800, "CLOCK_REALTIME is after 2020-01-01 "
	      "(%lld)", (long long)rt.tv_sec);
	check_eq(gettimeofday(&tv, NULL), 0, "gettimeofday");
	check(tv.tv_sec - rt.tv_sec <= 1 && tv.tv_sec >= rt.tv_sec,
	      "gettimeofday agrees with CLOCK_REALTIME within 1 s");
	check(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "tv_usec in range");
	t = time(NULL);
	check(t - rt.tv_sec <= 1 && t >= rt.tv_sec,
	      "time() agrees with CLOCK_REALTIME within 1 s");
	check_errno(clock_gettime((clockid_t)12345, &rt), EINVAL,
		    "clock_gettime of an unknown clock");
}

int main(int argc, char **argv)
{
	test_init(argv);
	monotonic_forward();
	sleep_length();
	wall_clock();
	return test_done();
}
