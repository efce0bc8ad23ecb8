/*
 * sched.h - the scheduler and wait queues (kernel/proc/sched.c): who runs,
 * context switches, the idle loop, sleeping and waking.
 *
 * Sleeping pattern (interrupts off around the test and the sleep, so a
 * wake-up between them cannot be lost):
 *	uint32_t f = irq_save();
 *	while (!condition) {
 *		err = sleep_interruptible_locked(&wq);
 *		if (err)
 *			break;
 *	}
 *	irq_restore(f);
 */
#ifndef SLEIGHT_SCHED_H
#define SLEIGHT_SCHED_H

struct proc;
struct trapframe;

struct wait_queue {
	struct proc *head; /* sleepers, linked by wq_next */
};

/* Woken on every timer tick (sleeps with a deadline wait here). */
extern struct wait_queue tick_wq;

void sched_init(void);
void schedule(void);
void sched_tail(void);
void sched_make_runnable(struct proc *p);
void sched_free_after_switch_locked(struct proc *p);
void sched_hand_over_locked(struct proc *next);
void sched_user_return(struct trapframe *tf);
void sched_idle_loop(void) __attribute__((noreturn));

void sleep_on_locked(struct wait_queue *wq);
int sleep_interruptible_locked(struct wait_queue *wq);
void wake_up_locked(struct wait_queue *wq);
void wake_up(struct wait_queue *wq);
void proc_interrupt_sleep_locked(struct proc *p);

#endif
