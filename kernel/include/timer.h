/*
 * timer.h - the system tick: HZ (param.h) interrupts a second from the
 * local APIC timer or the PIT, a tick count, uptime, and hooks run on
 * every tick (kernel/arch/x86/pit.c; docs/time.md).
 */
#ifndef SLEIGHT_TIMER_H
#define SLEIGHT_TIMER_H

#include <stdint.h>

/* Start the tick at HZ: the local APIC timer (Intel SDM vol. 3, 10.5.4)
 * when the CPU has an APIC and the TSC is calibrated, else PIT channel 0
 * (8254 datasheet, mode 2). Boot, interrupts off; ticks start counting
 * once interrupts are enabled. */
void timer_init(void);

/* Ticks since timer_init (1/HZ s each). Safe with interrupts on or off. */
uint64_t timer_ticks(void);

/* Milliseconds since timer_init, with tick resolution (1000/HZ ms).
 * Never decreases. */
uint64_t uptime_ms(void);

/* Run fn on every tick, from the timer interrupt, interrupts off, after
 * the tick count advanced. Returns 0, or -ENOSPC when all
 * TIMER_HOOKS_MAX slots are taken. Hooks cannot be removed. */
int timer_add_hook(void (*fn)(void));

#endif
