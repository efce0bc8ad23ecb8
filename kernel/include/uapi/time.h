/*
 * uapi/time.h - clock ids and flags (linux/time.h), the interval timer
 * ids, and the time layouts of the i386 calls: the 32-bit struct
 * timespec and timeval of the old calls, the 64-bit __kernel_timespec
 * of the *_time64 ones, struct itimerval.
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: clock_gettime(2), clock_nanosleep(2), setitimer(2).
 */
#ifndef SLEIGHT_UAPI_TIME_H
#define SLEIGHT_UAPI_TIME_H

#include <stdint.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

struct timespec32 {
	int32_t tv_sec, tv_nsec;
};

struct timespec64 {
	int64_t tv_sec;
	int64_t tv_nsec; /* i386 __kernel_timespec: 64-bit fields */
};

struct timeval32 {
	int32_t tv_sec, tv_usec;
};

struct itimerval32 {
	struct timeval32 interval, value;
};

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

#endif
