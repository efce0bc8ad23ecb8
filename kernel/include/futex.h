/*
 * futex.h - fast user-space locking: futex(2) wait queues keyed by user
 * address (kernel/proc/futex.c), and the per-task tid and robust-list
 * state that exit, exec and clone act on (kernel/proc/robust.c). The
 * system calls themselves (futex, futex_time64, set_robust_list,
 * get_robust_list) are declared by the generated syscalls.h.
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
