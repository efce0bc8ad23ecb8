/*
 * t_nanosleep_1ms_takes_10ms - short sleeps and timeouts end within about
 * a millisecond of when they were asked to.
 *
 * Bug: sleeps were woken only by the 100 Hz tick, so nanosleep(1 ms),
 * clock_nanosleep(1 ms) and 1 ms poll, select and futex timeouts each
 * took 10 ms or more (issue 12, part 4; Linux ends them within tens of
 * microseconds).
 * Expected: the median of 20 one-millisecond sleeps is at least 1 ms
 * and at most 2 ms, for each call. The median, not the maximum, so
 * that a loaded host's stray delays do not fail the test.
 */
#include "tests/testlib.h"
#include "tests/futexlib.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 20

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static void one_ms(int how)
{
	struct timespec req = { 0, 1000000 };
	struct timeval tv = { 0, 1000 };
	struct ts32 rel = { 0, 1000000 }; /* futex(2)'s 32-bit timespec */
	static volatile uint32_t word;

	if (how == 0)
		nanosleep(&req, NULL);
	else if (how == 1)
		clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	else if (how == 2)
		poll(NULL, 0, 1);
	else if (how == 3)
		select(0, NULL, NULL, NULL, &tv);
	else
		futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &rel, NULL, 0);
}

static void median_of(int how, const char *what)
{
	long long d[ROUNDS], t0;
	int i;

	for (i = 0; i < ROUNDS; i++) {
		t0 = now_ns();
		one_ms(how);
		d[i] = now_ns() - t0;
	}
	qsort(d, ROUNDS, sizeof(d[0]), cmp);
	check(d[0] >= 1000000, "%s: the shortest of %d took %lld us "
	      "(>= 1000)", what, ROUNDS, d[0] / 1000);
	check(d[ROUNDS / 2] <= 2000000, "%s: the median of %d took %lld us "
	      "(<= 2000)", what, ROUNDS, d[ROUNDS / 2] / 1000);
}

int main(int argc, char **argv)
{
	test_init(argv);
	median_of(0, "nanosleep(1 ms)");
	median_of(1, "clock_nanosleep(CLOCK_MONOTONIC, 1 ms)");
	median_of(2, "poll(NULL, 0, 1)");
	median_of(3, "select(0, ..., 1 ms)");
	median_of(4, "futex(FUTEX_WAIT, 1 ms)");
	return test_done();
}
