/*
 * kernel/lib/calendar.c - calendar arithmetic and RTC register decoding.
 *
 * Pure code, no state, no locking; host-tested. The calendar is the
 * proleptic Gregorian one that Unix time uses (POSIX.1-2017, 4.16 "Seconds
 * Since the Epoch"): a year is a leap year when divisible by 4, except
 * centuries, except those divisible by 400. Leap seconds do not exist.
 */
#include "kernel.h"
#include "errno.h"
#include "calendar.h"

#define EPOCH_YEAR 1970
#define RTC_B_24H 0x02	  /* status B: hours 0..23 */
#define RTC_B_BINARY 0x04 /* status B: binary, not BCD */
#define RTC_HOUR_PM 0x80  /* 12-hour mode: the PM flag */
#define RTC_PIVOT 70	  /* two-digit years below this are 20xx */

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const uint8_t days[12] = {31, 28, 31, 30, 31, 30,
					 31, 31, 30, 31, 30, 31};

	return days[m - 1] + (m == 2 && is_leap(y));
}

/* Leap years in 1..y (the rule applied to every year up to y). */
static int64_t leaps_through(int64_t y)
{
	return y / 4 - y / 100 + y / 400;
}

/* wall_time_valid - 1 when every field is in range (year 1970..9999),
 * else 0. */
int wall_time_valid(const struct wall_time *t)
{
	if (t->year < EPOCH_YEAR || t->year > 9999)
		return 0;
	if (t->mon < 1 || t->mon > 12)
		return 0;
	if (t->day < 1 || t->day > month_days(t->year, t->mon))
		return 0;
	return t->hour >= 0 && t->hour < 24 && t->min >= 0 && t->min < 60 &&
	       t->sec >= 0 && t->sec < 60;
}

/*
 * wall_time_to_epoch - seconds since 1970-01-01T00:00:00Z for the UTC
 * date *t. Returns -1 when *t is not valid (see wall_time_valid).
 */
int64_t wall_time_to_epoch(const struct wall_time *t)
{
	int64_t days;

	if (!wall_time_valid(t))
		return -1;
	days = 365 * (int64_t)(t->year - EPOCH_YEAR) +
	       leaps_through(t->year - 1) - leaps_through(EPOCH_YEAR - 1);
	for (int m = 1; m < t->mon; m++)
		days += month_days(t->year, m);
	days += t->day - 1;
	return ((days * 24 + t->hour) * 60 + t->min) * 60 + t->sec;
}

/* A BCD byte (two decimal digits) as a number; -1 if a digit is > 9. */
static int from_bcd(uint8_t v)
{
	if ((v & 0x0f) > 9 || (v >> 4) > 9)
		return -1;
	return (v >> 4) * 10 + (v & 0x0f);
}

static int field(uint8_t v, bool binary)
{
	return binary ? v : from_bcd(v);
}

/* The hour register: 0..23, or 1..12 with bit 7 for PM in 12-hour mode. */
static int decode_hour(uint8_t v, uint8_t status_b)
{
	bool binary = status_b & RTC_B_BINARY;
	int h;

	if (status_b & RTC_B_24H)
		return field(v, binary);
	h = field(v & ~RTC_HOUR_PM, binary);
	if (h < 1 || h > 12)
		return -1;
	return (h % 12) + ((v & RTC_HOUR_PM) ? 12 : 0);
}

/*
 * rtc_decode - turn raw CMOS RTC registers into a UTC date, following
 * status register B for BCD/binary and 12/24-hour mode (Motorola MC146818
 * data sheet, "Register B"). The chip keeps a two-digit year: 00..69 are
 * 2000..2069 and 70..99 are 1970..1999. Assumes the RTC runs on UTC.
 * Returns 0, or -EINVAL when a register holds an impossible value.
 */
int rtc_decode(const struct rtc_regs *r, struct wall_time *t)
{
	bool binary = r->status_b & RTC_B_BINARY;
	int year = field(r->year, binary);

	if (year < 0 || year > 99)
		return -EINVAL;
	t->year = year + (year < RTC_PIVOT ? 2000 : 1900);
	t->mon = field(r->mon, binary);
	t->day = field(r->day, binary);
	t->hour = decode_hour(r->hour, r->status_b);
	t->min = field(r->min, binary);
	t->sec = field(r->sec, binary);
	return wall_time_valid(t) ? 0 : -EINVAL;
}
