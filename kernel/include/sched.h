/*
 * sched.h - the scheduler, wait queues and process-table calls
 * (kernel/proc/sched.c, kernel/proc/proc.c).
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

#include "proc.h"

extern struct proc *initproc;
extern struct wait_queue tick_wq;

void sched_init(void);
void schedule(void);
void sched_tail(void);
void sched_make_runnable(struct proc *p);
void sched_free_after_switch_locked(struct proc *p);
void sched_user_return(struct trapframe *tf);
void sched_idle_loop(void) __attribute__((noreturn));

void sleep_on_locked(struct wait_queue *wq);
int sleep_interruptible_locked(struct wait_queue *wq);
void wake_up_locked(struct wait_queue *wq);
void wake_up(struct wait_queue *wq);
void proc_interrupt_sleep_locked(struct proc *p);

/* proc_init - install the process layer's hook into mm (user pointers
 * refer to current's address space). Once, at boot, before any user
 * copy. */
void proc_init(void);
struct proc *proc_alloc(int pid, int *err);
void proc_free(struct proc *p);
struct proc *proc_find_locked(int pid);
/* True when no member of process group pgid has a parent in another
 * group of its session (POSIX "orphaned process group"). Interrupts off. */
bool proc_pgrp_orphaned_locked(int pgid);
int pid_alloc_locked(void);
void proc_link_child_locked(struct proc *parent, struct proc *child);
void proc_unlink_child_locked(struct proc *child);
bool proc_reparent_children_locked(struct proc *p);
int proc_count(void);
void fs_state_copy(struct fs_state *dst, const struct fs_state *src);
void fs_state_drop(struct fs_state *s);

struct inode;
void proc_start_init(struct inode *root, const char *path,
		     const char *const *argv);
void time_init(void);
void time_hooks_init(void);

void proc_setup_kstack(struct proc *p, const struct trapframe *tf);
long proc_fork(const struct trapframe *tf, uint32_t child_esp,
	       int exit_signal);
long proc_exit(int status);
void proc_zombie_notify_locked(struct proc *z);
struct proc *proc_alloc_slot(int pid, int *err);
/* The OOM killer (kernel/proc/oom.c): register it and the frame reserve
 * rule with mm. Once, at boot. */
void oom_init(void);

#endif
