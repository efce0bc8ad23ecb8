/*
 * kernel/dev/clock.c - the system clocks that clock_gettime(2) reads.
 *
 * Owns the boot wall-clock time: seconds since the epoch, read once from
 * the RTC by clock_init and never changed after (there is no
 * settimeofday). CLOCK_MONOTONIC (and BOOTTIME: there is no suspend)
 * counts nanoseconds of the TSC once tsc_calibrate succeeded, else
 * uptime_ms() of the system tick; CLOCK_REALTIME is the boot time plus
 * that, so all advance together and never go back. The TSC is used when
 * it is invariant, and also when it is not: it is the only sub-tick
 * source here (docs/time.md says why that is honest under QEMU TCG).
 * No lock: boot_epoch is written once, at boot, before any reader;
 * tsc_ns() and uptime_ms() are safe with interrupts on or off.
 * Sources: clock_gettime(2), clock_getres(2), Linux uapi/linux/time.h.
 */
#include "kernel.h"
#include "clock.h"
#include "errno.h"
#include "rtc.h"
#include "timer.h"
#include "arch/x86/tsc.h"

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
	int64_t mono = tsc_khz_get() ? (int64_t)tsc_ns()
				     : (int64_t)uptime_ms() * 1000000;

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

/* clock_res_ns - see clock.h. */
int64_t clock_res_ns(int id)
{
	if (clock_now_ns(id) < 0)
		return -EINVAL;
	if (id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE ||
	    !tsc_khz_get())
		return NSEC_PER_SEC / HZ;
	return 1;
}
