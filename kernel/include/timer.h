/*
 * timer.h - the system tick: HZ (param.h) interrupts a second from the
 * PIT, a tick count, uptime, and hooks run on every tick.
 */
#ifndef SLEIGHT_TIMER_H
#define SLEIGHT_TIMER_H

#include <stdint.h>

/* Program PIT channel 0 for HZ and register the IRQ 0 handler. Ticks
 * start counting once interrupts are enabled. */
void pit_init(void);

/* Ticks since pit_init (1/HZ s each). Safe with interrupts on or off. */
uint64_t timer_ticks(void);

/* Milliseconds since pit_init, with tick resolution (1000/HZ ms).
 * Never decreases. */
uint64_t uptime_ms(void);

/* Run fn on every tick, from the timer interrupt, interrupts off, after
 * the tick count advanced. Returns 0, or -ENOSPC when all
 * TIMER_HOOKS_MAX slots are taken. Hooks cannot be removed. */
int timer_add_hook(void (*fn)(void));

#endif
