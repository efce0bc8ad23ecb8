/*
 * kernel/proc/thread.c - thread groups: the tasks that share one
 * signal_struct (clone(2) with CLONE_THREAD), with Linux i386 semantics
 * (docs/threads.md).
 *
 * Owns the group fields of struct signal_struct (leader, threads, live,
 * the group exit and the exec hand-over) and the per-task tgid,
 * thread_next, exit_delayed and stop_pending. Every one of them changes
 * with interrupts off (one CPU: the scheduler, exit and signal posting
 * see them whole).
 * Invariants:
 *   - every task is on exactly one group's threads list from its creation
 *     until it is freed; a group's leader is on it until it is reaped (as
 *     a zombie) or until an exec by another thread replaces it;
 *   - a task's tgid is its leader's pid; the leader's pid is the tgid;
 *   - live counts the members that have not exited; a leader that exited
 *     while live > 0 is a zombie with exit_delayed set, which wait4 does
 *     not report (Linux delay_group_leader) until the last thread exits;
 *   - only the leader has a parent link and sits on a children list; a
 *     thread's children belong to the group (wait4 walks every thread's
 *     list) and go to another live thread when it exits;
 *   - once group_exit is set, every other live thread has SIGKILL
 *     pending, and the first status given is the group's.
 * Sources: clone(2), exit_group(2), execve(2) ("all threads other than
 * the calling thread are destroyed"), signal(7), pthreads(7); Linux
 * kernel/exit.c, kernel/signal.c complete_signal, fs/exec.c de_thread.
 */
#include "kernel.h"
#include "errno.h"
#include "fork.h"
#include "futex.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "thread.h"
#include "vfork.h"
#include "uaccess.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "uapi/ldt.h"
#include "uapi/wait.h"

static bool alive(const struct proc *t)
{
	return t->state != P_UNUSED && t->state != P_ZOMBIE;
}

static void unlink_thread_locked(struct proc *t)
{
	struct proc **pp;

	assert_irqs_off();
	for (pp = &t->signal->threads; *pp; pp = &(*pp)->thread_next) {
		if (*pp == t) {
			*pp = t->thread_next;
			break;
		}
	}
	t->thread_next = NULL;
}

/* thread_group_attach - see thread.h. */
void thread_group_attach(struct proc *t, struct proc *caller)
{
	uint32_t f = irq_save();

	if (caller)
		thread_group_join_locked(t, caller);
	else
		thread_group_start(t);
	irq_restore(f);
}

/* thread_forget - see thread.h. */
void thread_forget(struct proc *p)
{
	uint32_t f = irq_save();

	if (p->signal) {
		unlink_thread_locked(p);
		if (p->signal->leader == p)
			p->signal->leader = NULL;
	}
	irq_restore(f);
}

/* thread_group_start - see thread.h. */
void thread_group_start(struct proc *p)
{
	struct signal_struct *sig = p->signal;

	sig->leader = p;
	sig->threads = p;
	sig->live = 1;
	p->thread_next = NULL;
	p->tgid = p->pid;
}

/* thread_group_join_locked - see thread.h. */
void thread_group_join_locked(struct proc *t, struct proc *caller)
{
	struct signal_struct *sig = caller->signal;

	assert_irqs_off();
	BUG_ON(t->signal != sig);
	t->tgid = caller->tgid;
	t->thread_next = sig->threads;
	sig->threads = t;
	sig->live++;
	t->parent = NULL;
	t->exit_signal = 0;
}

/* thread_leader - see thread.h. */
struct proc *thread_leader(const struct proc *p)
{
	return p->signal && p->signal->leader ? p->signal->leader
					      : (struct proc *)p;
}

/* thread_others_live - see thread.h. */
bool thread_others_live(const struct proc *p)
{
	return p->signal && p->signal->live > 1;
}

/* thread_for_each_locked - see thread.h. */
void thread_for_each_locked(struct proc *p, void (*fn)(struct proc *, void *),
			    void *arg)
{
	struct proc *t, *next;

	assert_irqs_off();
	if (!p->signal) {
		fn(p, arg);
		return;
	}
	for (t = p->signal->threads; t; t = next) {
		next = t->thread_next; /* fn may unlink t */
		if (alive(t))
			fn(t, arg);
	}
}

/* May t take sig now: alive, not suspended in vfork, not blocking it. */
static bool takes(const struct proc *t, int sig)
{
	if (!alive(t) || t->state == P_EMBRYO || t->state == P_VFORK)
		return false;
	return sig == SIGKILL || !(t->sig.blocked & SIGBIT(sig));
}

/* thread_pick_locked - see thread.h. */
struct proc *thread_pick_locked(struct proc *p, int sig)
{
	assert_irqs_off();
	if (takes(p, sig))
		return p;
	if (!p->signal)
		return NULL;
	for (struct proc *t = p->signal->threads; t; t = t->thread_next)
		if (takes(t, sig))
			return t;
	return NULL;
}

/* SIGKILL to one thread (fn for thread_for_each_locked): arg skips one. */
static void kill_thread(struct proc *t, void *skip)
{
	struct ksiginfo info = {.code = SI_KERNEL};

	if (t != skip)
		signal_send_thread_locked(t, SIGKILL, &info);
}

/* thread_group_exit_locked - see thread.h. */
bool thread_group_exit_locked(int status)
{
	struct signal_struct *sig = current->signal;

	assert_irqs_off();
	if (sig->group_exit)
		return false;
	sig->group_exit = true;
	sig->group_exit_status = status;
	thread_for_each_locked(current, kill_thread, current);
	return true;
}

/* thread_group_status - see thread.h. */
int thread_group_status(const struct proc *leader)
{
	const struct signal_struct *sig = leader->signal;

	return sig->group_exit && !sig->exec_task ? sig->group_exit_status
						  : leader->exit_status;
}

/* thread_reaper_locked - see thread.h. */
struct proc *thread_reaper_locked(struct proc *p)
{
	struct signal_struct *sig = p->signal;

	assert_irqs_off();
	if (!sig)
		return NULL;
	if (sig->leader != p && alive(sig->leader))
		return sig->leader;
	for (struct proc *t = sig->threads; t; t = t->thread_next)
		if (t != p && alive(t) && t->state != P_EMBRYO)
			return t;
	return NULL;
}

/*
 * t (current, or a thread ended on its behalf) has released its parts
 * and leaves a group that goes on: its children go to a live thread, a
 * leader stays a zombie the parent cannot see yet, any other thread is
 * freed (once the CPU has left it, if it is current). Interrupts off.
 */
static void thread_gone_locked(struct proc *t, int status)
{
	struct signal_struct *sig = t->signal;
	struct proc *reaper = thread_reaper_locked(t);

	assert_irqs_off();
	BUG_ON(!reaper);
	proc_reparent_children_locked(t, NULL); /* to reaper */
	thread_wake_waiters_locked(reaper);
	t->exit_status = status;
	sig->live--;
	if (sig->exec_task)
		wake_up_locked(&sig->exec_wq);
	t->state = P_ZOMBIE;
	if (t == sig->leader) {
		t->exit_delayed = true; /* reported with the group */
		return;
	}
	unlink_thread_locked(t);
	if (t == current)
		sched_free_after_switch_locked(t);
	else
		proc_free(t);
}

/* thread_exit_one - see thread.h. */
void thread_exit_one(int status)
{
	cli();
	thread_gone_locked(current, status);
	schedule();
	panic("thread %d was scheduled after its exit", current->pid);
}

/* A thread of current's group suspended in vfork, or NULL. */
static struct proc *find_vforked_locked(void)
{
	assert_irqs_off();
	for (struct proc *t = current->signal->threads; t; t = t->thread_next)
		if (t->state == P_VFORK)
			return t;
	return NULL;
}

/*
 * thread_end_vforked - see thread.h. Each one is detached from its child
 * phase (which keeps the borrowed kernel stack) and ended here, on its
 * behalf: its robust list and clear_child_tid (the memory is current's
 * too), its parts, its place in the group.
 */
void thread_end_vforked(void)
{
	struct proc *t;
	uint32_t f;

	for (;;) {
		f = irq_save();
		t = find_vforked_locked();
		if (t) {
			vfork_detach_locked(t);
			t->state = P_EMBRYO; /* invisible while it is ended */
		}
		irq_restore(f);
		if (!t)
			return;
		futex_exit_release(t);
		proc_parts_put(t);
		f = irq_save();
		thread_gone_locked(t, W_EXITCODE(0, SIGKILL));
		irq_restore(f);
	}
}

/* thread_exit_last_locked - see thread.h. */
struct proc *thread_exit_last_locked(int status)
{
	struct proc *p = current, *leader = thread_leader(p);
	struct signal_struct *sig = p->signal;

	assert_irqs_off();
	p->exit_status = status;
	if (!sig)
		return p;
	sig->live = 0;
	if (leader == p) {
		p->exit_status = thread_group_status(p);
		return p;
	}
	unlink_thread_locked(p);
	p->state = P_ZOMBIE;
	sched_free_after_switch_locked(p);
	leader->exit_delayed = false;
	leader->exit_status = thread_group_status(leader);
	return leader;
}

/* Give current the leader's identity (Linux de_thread's exchange):
 * its pid, parent and place among the parent's children; the old
 * leader, a zombie already, is freed with current's old tid. */
static void take_leadership_locked(struct proc *l)
{
	struct proc *p = current, *parent = l->parent;
	int tid = p->pid;

	assert_irqs_off();
	unlink_thread_locked(l);
	if (parent) {
		proc_unlink_child_locked(l);
		proc_link_child_locked(parent, p);
	}
	p->pid = l->pid;
	l->pid = tid;
	p->tgid = p->pid;
	p->exit_signal = l->exit_signal;
	p->wait_report = 0;
	p->signal->leader = p;
	proc_free(l);
}

/* thread_de_thread - see thread.h. */
int thread_de_thread(void)
{
	struct proc *p = current;
	struct signal_struct *sig = p->signal;
	uint32_t f = irq_save();

	if (sig->live == 1 && sig->leader == p) {
		irq_restore(f);
		return 0;
	}
	if (sig->group_exit) {
		irq_restore(f);
		return -EAGAIN;
	}
	sig->group_exit = true; /* no exit_group or second exec meanwhile */
	sig->exec_task = p;
	thread_for_each_locked(p, kill_thread, p);
	irq_restore(f);
	thread_end_vforked();
	f = irq_save();
	while (sig->live > 1)
		sleep_on_locked(&sig->exec_wq);
	if (sig->leader != p)
		take_leadership_locked(sig->leader);
	sig->group_exit = false;
	sig->exec_task = NULL;
	irq_restore(f);
	return 0;
}

static void wake_waiter(struct proc *t, void *unused)
{
	wake_up_locked(&t->child_exit);
}

/* thread_wake_waiters_locked - see thread.h. */
void thread_wake_waiters_locked(struct proc *parent)
{
	assert_irqs_off();
	thread_for_each_locked(parent, wake_waiter, NULL);
}

static void stop_thread(struct proc *t, void *skip)
{
	if (t == skip || t->state == P_EMBRYO)
		return;
	t->stop_pending = true;
	proc_interrupt_sleep_locked(t);
}

/* thread_stop_group_locked - see thread.h. */
void thread_stop_group_locked(void)
{
	assert_irqs_off();
	thread_for_each_locked(current, stop_thread, current);
}

static void continue_thread(struct proc *t, void *unused)
{
	t->stop_pending = false;
	if (t->state == P_STOPPED)
		t->state = P_RUNNABLE;
}

/* thread_continue_group_locked - see thread.h. */
void thread_continue_group_locked(struct proc *p)
{
	assert_irqs_off();
	thread_for_each_locked(p, continue_thread, NULL);
}

/* thread_tls_read - see thread.h (Linux do_set_thread_area for
 * CLONE_SETTLS: the slot must be named, GDT_ENTRY_TLS_MIN here). */
int thread_tls_read(uint32_t utls, struct thread_tls *tls)
{
	struct user_desc d;

	if (copy_from_user(&d, (const void __user *)(uintptr_t)utls, sizeof(d)))
		return -EFAULT;
	if (d.entry_number != GDT_ENTRY_TLS_MIN)
		return -EINVAL;
	tls->pages = d.flags & UD_LIMIT_IN_PAGES ? d.limit : d.limit >> 12;
	if (tls->pages > 0xFFFFF)
		return -EINVAL;
	tls->base = d.base_addr;
	tls->present = !(d.flags & UD_NOT_PRESENT);
	return 0;
}

/* thread_tls_set - see thread.h. */
void thread_tls_set(int tid, const struct thread_tls *tls)
{
	uint32_t f = irq_save();
	struct proc *t = proc_find_locked(tid);

	if (t) {
		t->tls_base = tls->base;
		t->tls_limit = tls->pages;
		t->tls_present = tls->present;
	}
	if (t == current) { /* a vfork child phase runs now: load it */
		gdt_set_tls(GDT_ENTRY_TLS_MIN, tls->base, tls->pages,
			    tls->present);
		if (user_selectors_fix(current->tf))
			signal_fault_info(SIGSEGV, SI_KERNEL, 0);
	}
	irq_restore(f);
}
