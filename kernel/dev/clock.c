/*
 * kernel/dev/clock.c - the system clocks that clock_gettime(2) reads.
 *
 * Owns the boot wall-clock time: seconds since the epoch, read once from
 * the RTC by clock_init and never changed after (there is no
 * settimeofday). CLOCK_MONOTONIC is uptime_ms() from the PIT;
 * CLOCK_REALTIME is the boot time plus that, so both advance together
 * and never go back. No lock: boot_epoch is written once, at boot,
 * before any reader; uptime_ms() is safe with interrupts on or off.
 * Sources: clock_gettime(2), Linux uapi/linux/time.h.
 */
#include "kernel.h"
#include "clock.h"
#include "errno.h"
#include "rtc.h"
#include "timer.h"

static int64_t boot_epoch;

/* clock_init - see clock.h. */
void clock_init(void)
{
	boot_epoch = rtc_epoch_seconds();
	if (boot_epoch < 0)
		boot_epoch = 0;
}

/* clock_now_ns - see clock.h. */
int64_t clock_now_ns(int id)
{
	int64_t mono = (int64_t)uptime_ms() * 1000000;

	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return boot_epoch * NSEC_PER_SEC + mono;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return mono;
	default:
		return -EINVAL;
	}
}
