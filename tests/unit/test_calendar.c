/*
 * Host tests for kernel/lib/calendar.c: dates to Unix epoch seconds, and
 * CMOS RTC register decoding (BCD/binary, 12/24-hour).
 * The host's timegm() is the independent oracle for the sweep.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "errno.h"
#include "rtc.h"

static int64_t epoch(int y, int mo, int d, int h, int mi, int s)
{
	struct wall_time t = { y, mo, d, h, mi, s };

	return wall_time_to_epoch(&t);
}

static void test_known_edges(void **state)
{
	assert_int_equal(epoch(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(epoch(2000, 1, 1, 0, 0, 0), 946684800);
	assert_int_equal(epoch(2000, 2, 29, 0, 0, 0), 951782400);
	assert_int_equal(epoch(2000, 3, 1, 0, 0, 0), 951868800);
	assert_int_equal(epoch(2038, 1, 19, 3, 14, 7), 2147483647);
	assert_int_equal(epoch(2038, 1, 19, 3, 14, 8), 2147483648LL);
	assert_int_equal(epoch(2100, 2, 28, 23, 59, 59), 4107542399LL);
	assert_int_equal(epoch(2100, 3, 1, 0, 0, 0), 4107542400LL);
}

static void test_century_leap_rules(void **state)
{
	/* 2000 is a leap year (divisible by 400); 2100 and 1900 are not */
	assert_int_not_equal(epoch(2000, 2, 29, 0, 0, 0), -1);
	assert_int_equal(epoch(2100, 2, 29, 0, 0, 0), -1);
	assert_int_equal(epoch(2023, 2, 29, 0, 0, 0), -1);
	assert_int_not_equal(epoch(2024, 2, 29, 0, 0, 0), -1);
	assert_int_not_equal(epoch(2400, 2, 29, 0, 0, 0), -1);
}

static void test_invalid_fields_rejected(void **state)
{
	assert_int_equal(epoch(1969, 12, 31, 23, 59, 59), -1);
	assert_int_equal(epoch(2024, 13, 1, 0, 0, 0), -1);
	assert_int_equal(epoch(2024, 0, 1, 0, 0, 0), -1);
	assert_int_equal(epoch(2024, 4, 31, 0, 0, 0), -1);
	assert_int_equal(epoch(2024, 4, 0, 0, 0, 0), -1);
	assert_int_equal(epoch(2024, 4, 1, 24, 0, 0), -1);
	assert_int_equal(epoch(2024, 4, 1, 0, 60, 0), -1);
	assert_int_equal(epoch(2024, 4, 1, 0, 0, 60), -1);
}

static void test_sweep_matches_host_timegm(void **state)
{
	for (int y = 1970; y <= 2400; y++) {
		for (int m = 1; m <= 12; m++) {
			int days[] = { 1, 15, 28, 29, 30, 31 };

			for (size_t i = 0; i < 6; i++) {
				struct tm tm = { .tm_year = y - 1900,
						 .tm_mon = m - 1,
						 .tm_mday = days[i],
						 .tm_hour = 23, .tm_min = 59,
						 .tm_sec = 58 };
				time_t want = timegm(&tm);
				int64_t got = epoch(y, m, days[i], 23, 59, 58);

				/* timegm normalises 30 Feb to March */
				if (tm.tm_mday != days[i]) {
					assert_int_equal(got, -1);
					continue;
				}
				assert_int_equal(got, (int64_t)want);
			}
		}
	}
}

static struct wall_time decode_ok(struct rtc_regs r)
{
	struct wall_time t;

	assert_int_equal(rtc_decode(&r, &t), 0);
	return t;
}

static void test_rtc_bcd_24h(void **state)
{
	struct wall_time t = decode_ok((struct rtc_regs){
		.sec = 0x59, .min = 0x14, .hour = 0x23, .day = 0x31,
		.mon = 0x12, .year = 0x99, .status_b = 0x02 });

	assert_int_equal(t.year, 1999);
	assert_int_equal(t.mon, 12);
	assert_int_equal(t.day, 31);
	assert_int_equal(t.hour, 23);
	assert_int_equal(t.min, 14);
	assert_int_equal(t.sec, 59);
}

static void test_rtc_binary_and_year_pivot(void **state)
{
	struct wall_time t = decode_ok((struct rtc_regs){
		.sec = 7, .min = 14, .hour = 3, .day = 19, .mon = 1,
		.year = 38, .status_b = 0x06 });

	assert_int_equal(t.year, 2038);
	assert_int_equal(wall_time_to_epoch(&t), 2147483647);
	t = decode_ok((struct rtc_regs){ .day = 1, .mon = 1, .year = 0,
					  .status_b = 0x06 });
	assert_int_equal(t.year, 2000);
	t = decode_ok((struct rtc_regs){ .day = 1, .mon = 1, .year = 70,
					  .status_b = 0x06 });
	assert_int_equal(t.year, 1970);
}

static void test_rtc_12_hour_mode(void **state)
{
	/* BCD, 12-hour: 12 AM is 0, 12 PM is 12, 1 PM is 13 */
	struct rtc_regs r = { .day = 0x01, .mon = 0x01, .year = 0x24,
			      .status_b = 0x00 };

	r.hour = 0x12;
	assert_int_equal(decode_ok(r).hour, 0);
	r.hour = 0x80 | 0x12;
	assert_int_equal(decode_ok(r).hour, 12);
	r.hour = 0x80 | 0x01;
	assert_int_equal(decode_ok(r).hour, 13);
	r.hour = 0x80 | 0x11;
	assert_int_equal(decode_ok(r).hour, 23);
	r.hour = 0x11;
	assert_int_equal(decode_ok(r).hour, 11);
	/* binary 12-hour */
	r = (struct rtc_regs){ .day = 1, .mon = 1, .year = 24,
			       .status_b = 0x04, .hour = 0x80 | 12 };
	assert_int_equal(decode_ok(r).hour, 12);
}

static void test_rtc_garbage_rejected(void **state)
{
	struct wall_time t;
	struct rtc_regs r = { .day = 0x01, .mon = 0x01, .year = 0x24,
			      .status_b = 0x02 };

	r.sec = 0x5A;		/* not BCD */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r.sec = 0;
	r.mon = 0x13;
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r.mon = 1;
	r.status_b = 0x00;
	r.hour = 0x00;		/* no hour 0 in 12-hour mode */
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r.hour = 0x13;
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
	r = (struct rtc_regs){ .day = 1, .mon = 1, .year = 100,
			       .status_b = 0x06 };
	assert_int_equal(rtc_decode(&r, &t), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_edges),
		cmocka_unit_test(test_century_leap_rules),
		cmocka_unit_test(test_invalid_fields_rejected),
		cmocka_unit_test(test_sweep_matches_host_timegm),
		cmocka_unit_test(test_rtc_bcd_24h),
		cmocka_unit_test(test_rtc_binary_and_year_pivot),
		cmocka_unit_test(test_rtc_12_hour_mode),
		cmocka_unit_test(test_rtc_garbage_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
