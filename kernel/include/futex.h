/*
 * futex.h - fast user-space locking: futex(2) wait queues keyed by user
 * address (kernel/proc/futex.c), and the per-task tid and robust-list
 * state that exit, exec and clone act on (kernel/proc/robust.c). The
 * system calls (futex, futex_time64, set_robust_list, get_robust_list)
 * check their arguments in kernel/sys/sys_futex.c.
 * See docs/futex.md.
 */
#ifndef SLEIGHT_FUTEX_H
#define SLEIGHT_FUTEX_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"
#include "uapi/sched.h" /* CLONE_* */

struct proc;

/* ---- kernel/proc/futex.c ---------------------------------------------- */

/* futex_init - register the timeout tick. Once, at boot. */
void futex_init(void);

/* A wait's deadline: ns on clock `clock` (CLOCK_MONOTONIC or
 * CLOCK_REALTIME, clock.h); none when !set. */
struct futex_deadline {
	bool set;
	int clock;
	int64_t ns;
};

/*
 * The futex operations on words of current's address space, uaddr a user
 * address, shared: keyed so that other processes mapping the word meet
 * it (else FUTEX_PRIVATE_FLAG). Source: futex(2), Linux kernel/futex/.
 *
 * futex_wait - FUTEX_WAIT / FUTEX_WAIT_BITSET: sleep while the word at
 * uaddr holds val, until a wake whose bitset meets bitset, the deadline
 * dl, or a signal. 0 when woken, -EAGAIN when the word does not hold val,
 * -ETIMEDOUT, -EINVAL (bitset 0, misaligned), -EFAULT, or, on a signal,
 * -ERESTARTSYS without a deadline (restarted under SA_RESTART) and
 * -ERESTARTNOHAND with one (-EINTR once a handler runs, as Linux's
 * restart block; a restart without a handler begins a relative timeout
 * again).
 */
long futex_wait(uint32_t uaddr, bool shared, uint32_t val,
		const struct futex_deadline *dl, uint32_t bitset);

/* futex_wake - FUTEX_WAKE / FUTEX_WAKE_BITSET: wake up to nr waiters on
 * uaddr whose bitset meets bitset (the first match even when nr <= 0, as
 * Linux). How many, or -EINVAL (misaligned) / -EFAULT. */
long futex_wake(uint32_t uaddr, bool shared, int nr, uint32_t bitset);

/* futex_requeue - FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake up to nr_wake
 * waiters on uaddr and move up to nr_requeue more to uaddr2; with cmp,
 * only when the word at uaddr holds *cmp, else -EAGAIN. Returns woken +
 * moved, -EINVAL (a negative count, misaligned) or -EFAULT. */
long futex_requeue(uint32_t uaddr, uint32_t uaddr2, bool shared, int nr_wake,
		   int nr_requeue, const uint32_t *cmp);

/*
 * futex_wake_op - FUTEX_WAKE_OP: change the word at uaddr2 by val3's op
 * (op << 28 | cmp << 24 | oparg << 12 | cmparg, FUTEX_OP_* of
 * uapi/futex.h), wake up to nr waiters on uaddr and, when val3's
 * comparison of the old value holds, up to nr2 on uaddr2. Returns how
 * many woken in all, -ENOSYS (unknown op or comparison), -EINVAL,
 * -EFAULT.
 */
long futex_wake_op(uint32_t uaddr, uint32_t uaddr2, bool shared, int nr,
		   int nr2, uint32_t val3);

/*
 * futex_wake_user - FUTEX_WAKE of up to nr waiters on the word at uaddr
 * in current's address space, shared (any process mapping the word) or
 * private; for the kernel's own wakes (clear_child_tid, robust lists).
 * Returns how many were woken, or -EINVAL (misaligned) / -EFAULT.
 */
int futex_wake_user(uint32_t __user *uaddr, bool shared, int nr);

/* ---- kernel/proc/robust.c --------------------------------------------- */

/*
 * futex_exit_release - p (current) is exiting, its memory still mapped:
 * walk its robust list (marking each futex it owns FUTEX_OWNER_DIED and
 * waking one waiter), then, when its memory is shared with another
 * process, write 0 at its clear_child_tid address and wake one waiter
 * there. Faults end the step quietly. Linux futex_exit_release,
 * mm_release.
 */
void futex_exit_release(struct proc *p);

/* futex_exec_release - as futex_exit_release, for p (current) about to
 * drop its memory in execve; the robust list and clear_child_tid are
 * then forgotten (Linux exec_mm_release). */
void futex_exec_release(struct proc *p);

/*
 * futex_clone_tids - the tid flags of clone(2) for a new child `pid`
 * made with flags: CLONE_PARENT_SETTID stores pid at ptid in the
 * caller's memory now; CLONE_CHILD_SETTID has the child store its pid at
 * ctid in its own memory before it first returns to user mode;
 * CLONE_CHILD_CLEARTID makes ctid the child's clear_child_tid. A child
 * phase of vfork (pid is current) shares the caller's memory, so both
 * stores happen now. Faults are ignored, as Linux's put_user there.
 */
void futex_clone_tids(int pid, uint32_t flags, uint32_t ptid, uint32_t ctid);

/* futex_robust_list_of - the robust list head of process pid (0: the
 * caller) into *head: 0, -ESRCH (no such process), -EPERM (the caller
 * may not read it: Linux ptrace_may_access, PTRACE_MODE_READ). */
int futex_robust_list_of(int pid, uint32_t *head);

/* futex_set_child_tid - current's first run after clone: do the
 * CLONE_CHILD_SETTID store (Linux schedule_tail). Interrupts off. */
void futex_set_child_tid(void);

/* The tid state a vfork child phase must not leave to its parent. */
struct futex_tids {
	uint32_t set_child_tid;
	uint32_t clear_child_tid;
	uint32_t robust_list;
};

/* futex_tids_save - move p's tid state to *s and clear p's (a new task
 * has none: a vfork child phase starts). futex_tids_restore puts it
 * back when the phase ends. */
void futex_tids_save(struct futex_tids *s, struct proc *p);
void futex_tids_restore(struct proc *p, const struct futex_tids *s);

#endif
