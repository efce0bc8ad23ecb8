/*
 * tsc.h - the time-stamp counter as a clock (kernel/arch/x86/tsc.c;
 * Intel SDM vol. 3, 17.17 "Time-Stamp Counter").
 */
#ifndef SLEIGHT_X86_TSC_H
#define SLEIGHT_X86_TSC_H

#include <stdbool.h>
#include <stdint.h>

/* tsc_read - the raw count (RDTSC). Only on a CPU with CPU_TSC. */
uint64_t tsc_read(void);

/*
 * tsc_calibrate - measure the TSC's rate over 10 ms of PIT channel 2,
 * else of the ACPI PM timer at pm_tmr_port (0: none); the median of
 * five runs (50 ms of boot). Boot only,
 * interrupts off; every wait is bounded. 0, or -ENODEV when the CPU has
 * no TSC or no reference clock answered (then tsc_khz_get() is 0).
 */
int tsc_calibrate(uint16_t pm_tmr_port);

/* tsc_khz_get - TSC cycles per millisecond, 0 when not calibrated. */
uint32_t tsc_khz_get(void);

/* tsc_is_invariant - CPUID.80000007H:EDX[8] (SDM 17.17.1). */
bool tsc_is_invariant(void);

/* tsc_ns - nanoseconds since calibration; only when tsc_khz_get() != 0.
 * Never decreases on one CPU. */
uint64_t tsc_ns(void);

#endif
