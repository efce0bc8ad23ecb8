/*
 * calendar.h - calendar dates and Unix epoch seconds (kernel/lib/
 * calendar.c, pure), and the decoding of the CMOS RTC's date registers.
 * The RTC driver itself is in rtc.h.
 */
#ifndef SLEIGHT_CALENDAR_H
#define SLEIGHT_CALENDAR_H

#include <stdint.h>

/* A UTC calendar date and time, as people write it. */
struct wall_time {
	int year;	    /* e.g. 2024 */
	int mon;	    /* 1..12 */
	int day;	    /* 1..31 */
	int hour, min, sec; /* 0..23, 0..59, 0..59 */
};

/* The CMOS RTC registers the date is read from (MC146818 data sheet). */
struct rtc_regs {
	/* as the chip holds them */
	uint8_t sec, min, hour, day, mon, year;
	uint8_t status_b; /* bit 1: 24-hour mode; bit 2: binary */
};

int wall_time_valid(const struct wall_time *t);
int64_t wall_time_to_epoch(const struct wall_time *t);
int rtc_decode(const struct rtc_regs *r, struct wall_time *t);

#endif
