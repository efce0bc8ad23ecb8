/*
 * rtc.h - the CMOS real-time clock (kernel/dev/rtc.c): the date at boot,
 * as a calendar date or Unix epoch seconds (calendar.h).
 */
#ifndef SLEIGHT_RTC_H
#define SLEIGHT_RTC_H

#include <stdint.h>

#include "calendar.h"

int rtc_read(struct wall_time *t);
int64_t rtc_epoch_seconds(void);
void rtc_init(void);

#endif
