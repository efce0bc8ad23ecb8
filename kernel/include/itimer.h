/*
 * itimer.h - the per-process real-time timer (kernel/proc/itimer.c):
 * ITIMER_REAL of setitimer(2), which alarm(2) shares, kept in
 * milliseconds of uptime_ms() and delivered as SIGALRM from the tick.
 */
#ifndef SLEIGHT_ITIMER_H
#define SLEIGHT_ITIMER_H

#include <stdint.h>

/*
 * itimer_real_get - current's timer: *value_ms until it fires (0:
 * disarmed; a timer due but not yet delivered reads 1) and the re-arm
 * period *interval_ms (0: none).
 */
void itimer_real_get(uint64_t *value_ms, uint64_t *interval_ms);

/*
 * itimer_real_set - arm current's timer to fire in value_ms (0 disarms,
 * and then the interval is dropped too) and every interval_ms after
 * (0: once). The old setting, as itimer_real_get reads it, goes to
 * *old_value_ms and *old_interval_ms (each may be NULL). Atomic with
 * respect to the tick.
 */
void itimer_real_set(uint64_t value_ms, uint64_t interval_ms,
		     uint64_t *old_value_ms, uint64_t *old_interval_ms);

/* itimer_init - deliver due timers from the timer tick. Once, at boot.
 * 0, or timer_add_hook's -ENOSPC. */
int itimer_init(void);

#endif
