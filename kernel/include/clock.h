/*
 * clock.h - the system clocks (kernel/dev/clock.c): CLOCK_MONOTONIC from
 * the PIT tick (timer.h) and CLOCK_REALTIME, the RTC's date at boot
 * (rtc.h) plus that. The clock ids are uapi/time.h.
 */
#ifndef SLEIGHT_CLOCK_H
#define SLEIGHT_CLOCK_H

#include <stdint.h>

#include "uapi/time.h" /* CLOCK_* */

#define NSEC_PER_SEC 1000000000LL

/* clock_init - read the wall clock (the RTC) once; before it, and when
 * the RTC cannot be read, CLOCK_REALTIME starts at the epoch. */
void clock_init(void);

/*
 * clock_now_ns - nanoseconds on clock id (tick resolution, 1000 / HZ ms),
 * or -EINVAL for an unknown id. The CPU-time clocks read as
 * CLOCK_MONOTONIC (no per-process CPU accounting yet).
 */
int64_t clock_now_ns(int id);

#endif
