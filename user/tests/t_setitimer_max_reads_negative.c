/*
 * t_setitimer_max_reads_negative - the largest itimerval a 32-bit
 * timeval can hold reads back as set, never as a negative time.
 *
 * Bug: setitimer(ITIMER_REAL) keeps the timer in whole milliseconds,
 * rounded up, so 2^31 - 1 s + 999999 us becomes 2^31 s exactly; getitimer
 * then writes that into the 32-bit tv_sec, which reads as -2^31. Linux
 * keeps the time in nanoseconds and reads back the interval exactly and
 * a value just under the one set. Raw syscalls, so that the C library's
 * 64-bit time layer cannot mask what the kernel writes.
 */
#include "tests/testlib.h"

#include <limits.h>
#include <stdint.h>
#include <sys/syscall.h>

struct tv32 {
	int32_t sec, usec;
};

struct itv32 {
	struct tv32 interval, value;
};

static long set_itimer(const struct itv32 *nv, struct itv32 *old)
{
	return syscall(SYS_setitimer, 0 /* ITIMER_REAL */, nv, old);
}

static long get_itimer(struct itv32 *cur)
{
	return syscall(SYS_getitimer, 0 /* ITIMER_REAL */, cur);
}

int main(int argc, char **argv)
{
	const struct itv32 max = { { INT_MAX, 999999 }, { INT_MAX, 999999 } };
	const struct itv32 off = { { 0, 0 }, { 0, 0 } };
	struct itv32 cur, old;

	test_init(argv);
	check_eq(set_itimer(&max, NULL), 0,
		 "setitimer(2^31-1 s + 999999 us, same interval)");
	memset(&cur, 0x55, sizeof(cur));
	check_eq(get_itimer(&cur), 0, "getitimer");
	check(cur.value.sec >= 0, "value tv_sec is not negative (got %d)",
	      cur.value.sec);
	check(cur.value.sec >= INT_MAX - 60,
	      "value is within a minute of 2^31-1 s (got %d)", cur.value.sec);
	check(cur.value.usec >= 0 && cur.value.usec <= 999999,
	      "value tv_usec in [0, 999999] (got %d)", cur.value.usec);
	check_eq(cur.interval.sec, INT_MAX, "interval tv_sec reads back");
	check_eq(cur.interval.usec, 999999, "interval tv_usec reads back");

	memset(&old, 0x55, sizeof(old));
	check_eq(set_itimer(&off, &old), 0, "disarm, reading the old timer");
	check(old.value.sec >= INT_MAX - 60 && old.value.usec >= 0 &&
	      old.value.usec <= 999999,
	      "setitimer's old value is not negative either (%d s %d us)",
	      old.value.sec, old.value.usec);
	check_eq(old.interval.sec, INT_MAX, "old interval tv_sec");
	check_eq(old.interval.usec, 999999, "old interval tv_usec");
	check_eq(get_itimer(&cur), 0, "getitimer after disarm");
	check(cur.value.sec == 0 && cur.value.usec == 0 &&
	      cur.interval.sec == 0 && cur.interval.usec == 0,
	      "the timer reads as disarmed");
	return test_done();
}
