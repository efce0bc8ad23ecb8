/*
 * kernel/proc/itimer.c - the per-process real-time timer: ITIMER_REAL of
 * setitimer(2), shared with alarm(2) (itimer.h).
 *
 * Owns the alarm fields of struct signal_struct (the thread group's):
 * alarm_deadline_ms, the uptime_ms() at which SIGALRM is due (0: disarmed), and
 * alarm_interval_ms, the re-arm period (0: one shot). Locking: they are
 * changed with interrupts off, as the tick hook that delivers them runs
 * in the timer interrupt. Invariant: alarm_interval_ms is 0 whenever
 * alarm_deadline_ms is. A new signal_struct (fork, vfork) has neither;
 * exec keeps them
 * (POSIX alarm(2), execve(2)).
 */
#include "kernel.h"
#include "itimer.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "arch/x86/io.h"

/* itimer_real_get - see itimer.h. */
void itimer_real_get(uint64_t *value_ms, uint64_t *interval_ms)
{
	const struct signal_struct *l = current->signal;
	uint64_t now = uptime_ms(), d = l->alarm_deadline_ms;

	*value_ms = d > now ? d - now : d ? 1 : 0;
	*interval_ms = l->alarm_interval_ms;
}

/* itimer_real_set - see itimer.h. */
void itimer_real_set(uint64_t value_ms, uint64_t interval_ms,
		     uint64_t *old_value_ms, uint64_t *old_interval_ms)
{
	struct signal_struct *l = current->signal;
	uint64_t ov, oi;
	uint32_t f = irq_save();

	itimer_real_get(&ov, &oi);
	l->alarm_deadline_ms = value_ms ? uptime_ms() + value_ms : 0;
	l->alarm_interval_ms = value_ms ? interval_ms : 0;
	irq_restore(f);
	if (old_value_ms)
		*old_value_ms = ov;
	if (old_interval_ms)
		*old_interval_ms = oi;
}

/* Timer hook: deliver due alarms and re-arm interval timers. Interrupt
 * context. */
static void itimer_tick(void)
{
	uint64_t now = uptime_ms();

	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &proc_table[i];
		struct signal_struct *l = p->signal;

		if (p->state == P_UNUSED || p->state == P_ZOMBIE ||
		    p->state == P_EMBRYO || !l || !l->alarm_deadline_ms ||
		    l->alarm_deadline_ms > now)
			continue;
		l->alarm_deadline_ms =
			l->alarm_interval_ms ? now + l->alarm_interval_ms : 0;
		signal_send_locked(p, SIGALRM);
	}
}

/* itimer_init - see itimer.h. */
int itimer_init(void)
{
	return timer_add_hook(itimer_tick);
}
