/*
 * clock.h - the system clocks (kernel/dev/clock.c): CLOCK_MONOTONIC from
 * the PIT tick (timer.h) and CLOCK_REALTIME, the RTC's date at boot
 * (rtc.h) plus that. clock_gettime(2) clock ids (Linux uapi/linux/time.h).
 */
#ifndef SLEIGHT_CLOCK_H
#define SLEIGHT_CLOCK_H

#include <stdint.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

#define NSEC_PER_SEC		1000000000LL

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
