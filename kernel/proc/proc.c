/*
 * kernel/proc/proc.c - the process table and pid allocation.
 *
 * Owns proc_table[] and the pid cursor. Locking: one CPU; every change to
 * the table, to parent/child links or to a state happens with interrupts
 * off (callers of the _locked functions hold that).
 * Invariants:
 *   - a slot is P_UNUSED iff it belongs to no process;
 *   - every process but init (pid 1) and the idle process (pid 0) has a
 *     parent, and is on that parent's children list exactly once; a
 *     thread that is not its group's leader has none (thread.c);
 *   - a pid is in use while a slot holds it, so no two live things
 *     share one (a vfork child phase is a process with its own slot).
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "proc.h"
#include "vfs.h"
#include "fork.h"
#include "sched.h"
#include "thread.h"
#include "uaccess.h"
#include "arch/x86/io.h"

struct proc proc_table[PROC_MAX];
struct proc *initproc;
static int next_pid = 1;

/* The address space user pointers refer to: current's (uaccess). */
static struct vm_space *current_space(void)
{
	return current ? current->vm : NULL;
}

/* proc_init - see proc.h. */
void proc_init(void)
{
	uaccess_set_space(current_space);
}

/* proc_find_locked - the visible process with this pid, or NULL.
 * Zombies count (they hold their pid until reaped), and so does a
 * parent suspended in vfork; embryos do not (they are being built). */
struct proc *proc_find_locked(int pid)
{
	if (pid <= 0)
		return NULL;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &proc_table[i];

		if (p->pid == pid && p->state != P_UNUSED &&
		    p->state != P_EMBRYO)
			return p;
	}
	return NULL;
}

/*
 * proc_pgrp_orphaned_locked - is process group pgid orphaned (POSIX XBD
 * 3.265 "Orphaned Process Group"; Linux will_become_orphaned_pgrp)? It
 * is unless some member has a parent in another group of the same
 * session, the shell that could continue it. Zombies do not count, nor
 * do members whose parent is init, as on Linux. Interrupts off.
 */
bool proc_pgrp_orphaned_locked(int pgid)
{
	for (int i = 0; i < PROC_MAX; i++) {
		const struct proc *p = &proc_table[i], *pp = p->parent;

		if (p->state == P_UNUSED || p->state == P_EMBRYO ||
		    p->state == P_ZOMBIE || p->signal->session.pgid != pgid)
			continue;
		if (!pp || pp == initproc)
			continue;
		if (pp->signal->session.pgid != pgid &&
		    pp->signal->session.sid == p->signal->session.sid)
			return false;
	}
	return true;
}

/* A pid is in use while any slot, embryo or not, holds it. */
static bool pid_in_use(int pid)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (proc_table[i].state != P_UNUSED && proc_table[i].pid == pid)
			return true;
	return false;
}

/*
 * pid_alloc_locked - the next free pid, cycling through 1..PID_MAX-1 so
 * that a pid is reused only after the others (as Linux does). Returns the
 * pid, or -EAGAIN when none is free.
 */
int pid_alloc_locked(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		int pid = next_pid;

		next_pid = next_pid + 1 >= PID_MAX ? 2 : next_pid + 1;
		if (!pid_in_use(pid))
			return pid;
	}
	return -EAGAIN;
}

static struct proc *free_slot_locked(void)
{
	for (int i = 0; i < PROC_MAX; i++)
		if (proc_table[i].state == P_UNUSED)
			return &proc_table[i];
	return NULL;
}

/*
 * Would one more process for current's real uid pass its RLIMIT_NPROC?
 * Every slot in use counts, embryos and zombies included (Linux counts a
 * task until it is released). Root, by real uid or euid, is exempt, as
 * Linux exempts INIT_USER and CAP_SYS_RESOURCE/CAP_SYS_ADMIN
 * (copy_process, kernel/fork.c). Interrupts off.
 */
static bool nproc_over_locked(void)
{
	uint32_t uid;
	uint64_t n = 0;

	if (!current || current->ids.uid == 0 || current->ids.euid == 0)
		return false;
	uid = current->ids.uid;
	for (int i = 0; i < PROC_MAX; i++)
		if (proc_table[i].state != P_UNUSED &&
		    proc_table[i].ids.uid == uid)
			n++;
	return n >= current->signal->rlim[RLIMIT_NPROC].cur;
}

/*
 * proc_alloc_slot - take a free slot, without a kernel stack, as a
 * P_EMBRYO (invisible to lookups and the scheduler) holding pid, or a new
 * pid when pid is 0. The embryo is charged to current's real uid at once.
 * Returns it, or NULL with *err = -EAGAIN (no slot, no pid, or the
 * caller's user at its RLIMIT_NPROC, fork(2)).
 */
struct proc *proc_alloc_slot(int pid, int *err)
{
	uint32_t f = irq_save();
	struct proc *p = nproc_over_locked() ? NULL : free_slot_locked();

	if (!p || (pid == 0 && (pid = pid_alloc_locked()) < 0)) {
		irq_restore(f);
		*err = -EAGAIN;
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	p->state = P_EMBRYO;
	p->pid = pid;
	p->ids.uid = current ? current->ids.uid : 0;
	irq_restore(f);
	return p;
}

/*
 * proc_alloc - as proc_alloc_slot, plus a kernel stack. Returns the
 * process, or NULL with *err = -EAGAIN (no slot or no pid) or -ENOMEM (no
 * kernel stack).
 */
struct proc *proc_alloc(int pid, int *err)
{
	struct proc *p = proc_alloc_slot(pid, err);

	if (!p)
		return NULL;
	p->kstack = kstack_alloc();
	if (!p->kstack) {
		p->state = P_UNUSED;
		*err = -ENOMEM;
		return NULL;
	}
	return p;
}

/*
 * proc_free - release a process that was never started or has been
 * reaped: its signal_struct, kernel stack and slot. Its other parts must
 * already be released (proc_parts_put). Not for the running process.
 */
void proc_free(struct proc *p)
{
	BUG_ON(p == current);
	proc_signal_put(p);
	if (p->kstack)
		kstack_free(p->kstack);
	p->kstack = 0;
	p->pid = 0;
	p->state = P_UNUSED;
}

/* proc_link_child_locked - make child a child of parent. */
void proc_link_child_locked(struct proc *parent, struct proc *child)
{
	child->parent = parent;
	child->sibling = parent->children;
	parent->children = child;
}

/* proc_unlink_child_locked - take child off its parent's list. */
void proc_unlink_child_locked(struct proc *child)
{
	struct proc **pp;

	if (!child->parent)
		return;
	for (pp = &child->parent->children; *pp; pp = &(*pp)->sibling) {
		if (*pp == child) {
			*pp = child->sibling;
			break;
		}
	}
	child->parent = NULL;
	child->sibling = NULL;
}

/*
 * proc_reparent_children_locked - hand every child of p to another live
 * thread of p's group (thread_reaper_locked: the children are the
 * group's), else to init (pid 1), as exit(2) says. Returns true if one of
 * them is already a zombie, so its new parent must be woken to reap it.
 */
bool proc_reparent_children_locked(struct proc *p)
{
	struct proc *to = thread_reaper_locked(p);
	bool zombie = false;

	if (!to)
		to = initproc;
	while (p->children) {
		struct proc *c = p->children;

		proc_unlink_child_locked(c);
		proc_link_child_locked(to, c);
		zombie |= c->state == P_ZOMBIE;
	}
	return zombie;
}

/* proc_count - processes in the table that are not P_UNUSED. */
int proc_count(void)
{
	int n = 0;

	for (int i = 0; i < PROC_MAX; i++)
		n += proc_table[i].state != P_UNUSED;
	return n;
}
