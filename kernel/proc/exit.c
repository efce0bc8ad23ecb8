/*
 * kernel/proc/exit.c - ending a process and reaping it: the work of
 * exit(2), exit_group(2) and wait4(2) (their system calls are
 * kernel/sys/sys_proc.c).
 *
 * Owns the zombie protocol: an exiting process releases everything but its
 * record, kernel stack and signal_struct, becomes P_ZOMBIE with its wait
 * status, hands its children to init, sends SIGHUP and SIGCONT to each
 * process group it leaves orphaned with a member stopped (POSIX
 * _exit(2)), signals and wakes its parent, and switches away for good.
 * The parent's wait4 frees the record and stack (proc_free); when the
 * parent ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT) the zombie is freed at
 * once, after the CPU has left its stack (sched_free_after_switch_locked).
 * A vfork child phase exits the same way, except that its kernel stack is
 * the parent's, which resumes on it (vfork.c). A thread of a group that
 * goes on exits alone (thread.c); the last one makes the group's leader
 * the zombie, with the group's status. Locking: the zombie transition,
 * every children-list walk and every walk over the process list run with
 * interrupts off. Status words follow wait(2): exit code << 8, or the
 * signal number (| 0x80 for a core dump).
 */
#include "kernel.h"
#include "errno.h"
#include "exit.h"
#include "file.h"
#include "fork.h"
#include "futex.h"
#include "halt.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "thread.h"
#include "vfs.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/io.h"
#include "uapi/wait.h"

/*
 * Drop p's (current's) parts but the signal_struct, which the zombie
 * keeps for wait4 and group lookups until it is reaped (proc_free). A
 * child phase's address space is its parent's, which stays loaded.
 */
static void release_resources(struct proc *p)
{
	if (p->vm && !p->vfork_parent)
		pgdir_switch(NULL); /* off the address space we may free */
	proc_parts_put(p);
}

/* Does z's parent ignore SIGCHLD (SIG_IGN or SA_NOCLDWAIT), so that z is
 * freed at once (wait(2))? */
static bool parent_ignores_sigchld(struct proc *parent)
{
	const struct k_sigaction *sa = &parent->sighand->action[SIGCHLD - 1];

	return sa->handler == (uint32_t)SIG_IGN || (sa->flags & SA_NOCLDWAIT);
}

/*
 * proc_zombie_notify_locked - z has just become a zombie child of
 * z->parent: send the parent z's exit signal and wake its wait4, or, when
 * the parent ignores SIGCHLD, free z at once (after the CPU has left it,
 * if z is current). Interrupts off.
 */
void proc_zombie_notify_locked(struct proc *z)
{
	struct proc *parent = z->parent;

	assert_irqs_off();
	if (parent_ignores_sigchld(parent)) {
		proc_unlink_child_locked(z);
		if (z == current)
			sched_free_after_switch_locked(z);
		else
			proc_free(z);
	} else {
		signal_notify_exit_locked(z, z->exit_status);
	}
	thread_wake_waiters_locked(parent); /* any thread may wait */
}

/* Is a member of group pgid stopped? Interrupts off. */
static bool pgrp_has_stopped_locked(int pgid)
{
	const struct proc *p;

	assert_irqs_off();
	proc_for_each_locked(p)
		if (p->state == P_STOPPED && p->signal->session.pgid == pgid)
			return true;
	return false;
}

/*
 * A group p's exit may orphan with a member stopped gets SIGHUP, then
 * SIGCONT, as POSIX _exit(2) requires (no shell is left to continue it;
 * Linux kill_orphaned_pgrp). A group already handled has no stopped
 * member left, so a second call for it is a no-op. Interrupts off, with
 * the exiting process already a zombie (the orphan test ignores it).
 */
static void hup_if_orphaned_locked(int pgid)
{
	assert_irqs_off();
	if (!proc_pgrp_orphaned_locked(pgid) || !pgrp_has_stopped_locked(pgid))
		return;
	signal_send_pgrp_locked(pgid, SIGHUP);
	signal_send_pgrp_locked(pgid, SIGCONT);
}

/* The exiting process, while its children move to init (reparent_moved). */
static struct proc *exiting;

/* A child of the exiting process is now init's: its group, when in
 * another group of the same session, may be orphaned now (Linux
 * reparent_leader). */
static void reparent_moved(struct proc *c)
{
	const struct session_ids *cs = &c->signal->session;
	const struct session_ids *es = &exiting->signal->session;

	if (cs->pgid != es->pgid && cs->sid == es->sid)
		hup_if_orphaned_locked(cs->pgid);
}

/*
 * Hand p's children to init, then check the groups p's exit may orphan:
 * each child's, when that child is in another group of p's session, and
 * p's own, when its parent (the parent of z, p's group's leader) is in
 * another group of the same session. Returns whether a child is a
 * zombie. Interrupts off, p a zombie.
 */
static bool reparent_and_hup_locked(struct proc *p, const struct proc *z)
{
	const struct proc *pp = z->parent;
	const struct session_ids *ps = &p->signal->session;
	bool zombie;

	assert_irqs_off();
	exiting = p;
	zombie = proc_reparent_children_locked(p, reparent_moved);
	exiting = NULL;
	if (pp && pp->signal->session.pgid != ps->pgid &&
	    pp->signal->session.sid == ps->sid)
		hup_if_orphaned_locked(ps->pgid);
	return zombie;
}

/*
 * proc_exit - end current with the wait(2) status word `status`. When
 * init exits, the machine halts with init's exit code. A vfork child
 * phase ends as any process does, as a zombie, and then its parent
 * resumes on the same kernel stack: this returns the child's pid, with
 * the trap frame set to the parent's registers (the caller goes straight
 * back to user mode). Otherwise it never returns.
 */
long proc_exit(int status)
{
	struct proc *p = current, *z;
	bool wake_init;
	long pid = 0;
	uint32_t f;

	futex_exit_release(p); /* robust list, clear_child_tid */
	if (p == initproc && !thread_others_live(p))
		kernel_halt(WTERMSIG(status) ? 128 + WTERMSIG(status)
					     : WEXITSTATUS(status));
	release_resources(p);
	if (thread_others_live(p))
		thread_exit_one(status); /* the group goes on */

	f = irq_save();
	z = thread_exit_last_locked(status); /* the group's zombie */
	p->state = P_ZOMBIE;
	wake_init = reparent_and_hup_locked(p, z);
	if (p->vfork_parent) {
		p->kstack = 0; /* the parent's: not ours to free */
		pid = vfork_resume_parent_locked(p);
	}
	proc_zombie_notify_locked(z);
	if (wake_init)
		wake_up_locked(&initproc->child_exit);
	if (pid) {
		irq_restore(f);
		return pid;
	}
	schedule();
	panic("zombie %d was scheduled", p->pid);
}

/*
 * proc_exit_group - exit_group(2), and the end of a fatal signal: end
 * every thread of current's group (thread_group_exit_locked), then
 * current as proc_exit does, with the group's status (the first one
 * given). Returns only as proc_exit does.
 */
long proc_exit_group(int status)
{
	uint32_t f = irq_save();

	if (!thread_group_exit_locked(status))
		status = current->signal->group_exit_status;
	irq_restore(f);
	thread_end_vforked(); /* they cannot run to die of SIGKILL */
	return proc_exit(status);
}

static bool wait_matches(const struct proc *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	if (pid == 0)
		return c->signal->session.pgid == current->signal->session.pgid;
	return c->signal->session.pgid == -pid;
}

/* Does the caller want c's unreported stop or continue (WUNTRACED,
 * WCONTINUED)? */
static bool report_wanted(const struct proc *c, uint32_t options)
{
	if (!c->wait_report || c->state == P_ZOMBIE)
		return false;
	if (WIFSTOPPED(c->wait_report))
		return options & WUNTRACED;
	return options & WCONTINUED;
}

/* Find a matching child of t to report: a zombie whose whole group has
 * exited, or a stopped or continued child the options ask for; *any says
 * whether any child matched. */
static struct proc *find_child_locked(struct proc *t, int pid, uint32_t options,
				      bool *any)
{
	assert_irqs_off();
	for (struct proc *c = t->children; c; c = c->sibling) {
		if (!wait_matches(c, pid))
			continue;
		*any = true;
		if ((c->state == P_ZOMBIE && !c->exit_delayed) ||
		    report_wanted(c, options))
			return c;
	}
	return NULL;
}

/* As find_child_locked for the children of every thread of current's
 * group (Linux: any thread may wait for the group's children; a
 * __WNOTHREAD wait looks at the caller's own). */
static struct proc *find_waitable_locked(int pid, uint32_t options, bool *any)
{
	struct proc *c;

	assert_irqs_off();
	*any = false;
	if (options & __WNOTHREAD)
		return find_child_locked(current, pid, options, any);
	for (struct proc *t = current->signal->threads; t; t = t->thread_next)
		if ((c = find_child_locked(t, pid, options, any)))
			return c;
	return NULL;
}

/* proc_wait - see exit.h. */
long proc_wait(int pid, uint32_t options, int *status)
{
	struct proc *z;
	bool any;
	int err = 0, zpid;
	uint32_t f = irq_save();

	/* A signal that woke the sleep loses to a child that is ready
	 * meanwhile (Linux do_wait looks before it checks for signals):
	 * the child's SIGCHLD may be what woke this thread. */
	while (!(z = find_waitable_locked(pid, options, &any))) {
		if (!any)
			err = -ECHILD;
		else if (!(options & WNOHANG) && !err) {
			err = sleep_interruptible_locked(&current->child_exit);
			continue;
		}
		irq_restore(f);
		return err;
	}
	zpid = z->pid;
	if (z->state == P_ZOMBIE) {
		*status = z->exit_status;
		proc_unlink_child_locked(z);
		proc_free(z);
	} else {
		*status = z->wait_report;
		z->wait_report = 0;
	}
	irq_restore(f);
	return zpid;
}
