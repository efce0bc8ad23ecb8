/*
 * thread.h - thread groups (kernel/proc/thread.c): the tasks that share
 * one signal_struct (CLONE_THREAD), their leader, the group's exit and
 * exec rules, and which thread takes a process-directed signal. See
 * docs/threads.md.
 *
 * Terms, as Linux: a task's pid is its thread id (gettid); its tgid is
 * the pid of the group's leader, what getpid returns; a process is a
 * thread group.
 */
#ifndef SLEIGHT_THREAD_H
#define SLEIGHT_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"

struct proc;

/* thread_group_start - p (new, not yet visible) is the leader and only
 * member of the thread group of its own signal_struct. */
void thread_group_start(struct proc *p);

/* thread_group_attach - t was just given a signal_struct (parts.c):
 * join caller's group (CLONE_THREAD: caller's is shared), or, with
 * caller NULL, lead a group of its own. */
void thread_group_attach(struct proc *t, struct proc *caller);

/* thread_forget - p is being freed (proc_free): off its group's list. */
void thread_forget(struct proc *p);

/* thread_group_join_locked - t (new, not yet visible, sharing caller's
 * signal_struct) becomes a thread of caller's group: its tgid is the
 * group's, it has no parent link of its own. Interrupts off. */
void thread_group_join_locked(struct proc *t, struct proc *caller);

/* thread_leader - the leader of p's group (p itself when alone). */
struct proc *thread_leader(const struct proc *p);

/* thread_others_live - does p's group have a live thread besides p? */
bool thread_others_live(const struct proc *p);

/*
 * thread_pick_locked - the thread of p's group that takes a
 * process-directed sig (Linux complete_signal): p when it does not block
 * sig, else another live thread that does not, else NULL (the signal
 * waits in the group's pending set). Interrupts off.
 */
struct proc *thread_pick_locked(struct proc *p, int sig);

/* thread_for_each_locked - fn(t, arg) for every task of p's group that
 * has not exited, p included. Interrupts off. */
void thread_for_each_locked(struct proc *p, void (*fn)(struct proc *, void *),
			    void *arg);

/*
 * thread_group_exit_locked - start the end of current's group with wait
 * status `status` (exit_group(2), a fatal signal): the first caller's
 * status is the group's; every other thread gets SIGKILL. Returns false
 * when the group was already ending (the status stays the first one).
 * Interrupts off.
 */
bool thread_group_exit_locked(int status);

/* thread_group_status - the status the group reports to its parent: the
 * group exit's when there was one, else the leader's own. */
int thread_group_status(const struct proc *leader);

/*
 * thread_exit_one - current ends as one thread while others of its group
 * go on: it has already released its parts (exit.c). A leader stays a
 * zombie that its parent cannot see yet; any other thread is freed once
 * the CPU has left it. Its children go to a live thread of the group.
 * Never returns.
 */
void __noreturn thread_exit_one(int status);

/*
 * thread_exit_last_locked - current is the last thread of its group and
 * has released its parts: the group's zombie is its leader. When current
 * is not the leader, it is unlinked and freed once the CPU has left it.
 * Returns the zombie to report. Interrupts off.
 */
struct proc *thread_exit_last_locked(int status);

/* thread_end_vforked - current's group is ending (exit_group, a fatal
 * signal, exec): end the threads that are suspended in vfork, which
 * cannot run to die, and let their child phases go on as processes of
 * their own (Linux: the vfork wait is killable). Interrupts on. */
void thread_end_vforked(void);

/* thread_reaper_locked - where p's children go when p exits: a live
 * thread of p's group, else NULL (init). Interrupts off. */
struct proc *thread_reaper_locked(struct proc *p);

/*
 * thread_de_thread - execve(2)'s "all other threads are destroyed"
 * (Linux de_thread): kill every other thread of current's group, wait
 * until they are gone, and, when current is not the leader, give current
 * the leader's pid, parent and place among its parent's children. 0, or
 * -EAGAIN when the group is already ending (exit_group or another exec
 * won: current dies on its way out).
 */
int thread_de_thread(void);

/* thread_wake_waiters_locked - wake every thread of parent's group that
 * sleeps in wait4 (a child of any of them changed state). */
void thread_wake_waiters_locked(struct proc *parent);

/*
 * thread_stop_group_locked - current takes a stop signal (default
 * action): every other thread of its group stops too, at its next return
 * to user mode. thread_continue_group_locked undoes it for SIGCONT.
 * Interrupts off.
 */
void thread_stop_group_locked(void);
void thread_continue_group_locked(struct proc *p);

/* A TLS descriptor as set_thread_area(2) gives it (GDT_ENTRY_TLS_MIN). */
struct thread_tls {
	uint32_t base;
	uint32_t pages; /* limit, in pages */
	bool present;
};

/* thread_tls_read - CLONE_SETTLS: the i386 struct user_desc at utls, as
 * set_thread_area(2) checks it. 0, -EFAULT, -EINVAL. */
int thread_tls_read(uint32_t utls, struct thread_tls *tls);

/* thread_tls_set - give task tid (new, not yet run, or current as a
 * vfork child phase that has just begun) the descriptor; the scheduler
 * loads it into the GDT on every switch to the task. A selector the
 * change leaves unusable reads 0 (an unusable %ss: SIGSEGV), as
 * set_thread_area(2). */
void thread_tls_set(int tid, const struct thread_tls *tls);

#endif
