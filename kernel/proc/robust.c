/*
 * kernel/proc/robust.c - the futex state of a task's life cycle: the
 * robust list that set_robust_list(2) registers, walked when a task exits
 * or execs, the clear_child_tid store and wake
 * (set_tid_address(2), CLONE_CHILD_CLEARTID) and the tid stores of
 * clone(2) (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID).
 *
 * Owns the robust_list, set_child_tid and clear_child_tid fields of
 * struct proc, which only their task changes (and clone, on a child not
 * yet run). Every access to the lists and words is a user copy of the
 * task's own address space: a fault ends the step quietly, a loop in the
 * list ends after ROBUST_LIST_LIMIT entries, so no list can hurt the
 * kernel. Locking: process context; the word updates run with
 * interrupts off, which makes them atomic against user code on one CPU.
 *
 * Sources: set_robust_list(2), set_tid_address(2), clone(2); Linux
 * Documentation/locking/robust-futex-ABI.rst and kernel/futex/core.c
 * (exit_robust_list, handle_futex_death), kernel/fork.c (mm_release).
 */
#include "kernel.h"
#include "errno.h"
#include "futex.h"
#include "proc.h"
#include "uaccess.h"
#include "vm.h"
#include "arch/x86/io.h"
#include "uapi/futex.h"

/* The pid a task's futex words and tid stores hold (its tid, once
 * threads exist). */
static int task_tid(const struct proc *p)
{
	return p->pid;
}

/* Does p share its memory with another task, so that someone may
 * read its clear_child_tid word (Linux: mm_users > 1)? A thread, a
 * CLONE_VM process, or a vfork child phase on its parent's memory. */
static bool mm_shared(const struct proc *p)
{
	return p->vfork_parent != NULL || vm_users(p->vm) > 1;
}

static void __user *uptr(uint32_t addr)
{
	return (void __user *)(uintptr_t)addr;
}

/*
 * A robust futex whose owner p dies (Linux handle_futex_death): if the
 * word at uaddr names p as owner, keep FUTEX_WAITERS, clear the tid, set
 * FUTEX_OWNER_DIED and, when there were waiters, wake one. A pending
 * entry (pending) with no owner gets the wake too: p may have died
 * between releasing the lock and waking. pi: a PI futex, which Sleight
 * has none of (only the word is fixed). -EFAULT ends the walk.
 */
static int futex_death(uint32_t uaddr, const struct proc *p, bool pi,
		       bool pending)
{
	uint32_t uval, f;
	int err = 0;

	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	f = irq_save();
	if (get_user_u32(&uval, uptr(uaddr))) {
		err = -EFAULT;
	} else if (pending && !pi && !(uval & FUTEX_TID_MASK)) {
		futex_wake_user(uptr(uaddr), true, 1);
	} else if ((uval & FUTEX_TID_MASK) == (uint32_t)task_tid(p)) {
		uint32_t mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;

		if (put_user_u32(uptr(uaddr), mval))
			err = -EFAULT;
		else if (!pi && (uval & FUTEX_WAITERS))
			futex_wake_user(uptr(uaddr), true, 1);
	}
	irq_restore(f);
	return err;
}

/* Read a list pointer at uaddr: the entry, with bit 0 (PI) split off. */
static int fetch_entry(uint32_t *entry, bool *pi, uint32_t uaddr)
{
	uint32_t v;

	if (get_user_u32(&v, uptr(uaddr)))
		return -EFAULT;
	*entry = v & ~1u;
	*pi = v & 1u;
	return 0;
}

/*
 * Walk p's robust list (Linux exit_robust_list): every entry but the
 * pending one, at most ROBUST_LIST_LIMIT, then the pending one. The next
 * pointer is read before the entry is handled, since waking a waiter may
 * let it free the entry.
 */
static void robust_list_walk(const struct proc *p, uint32_t head)
{
	struct robust_list_head_abi h;
	uint32_t entry, next, pending;
	bool pi, next_pi, pending_pi;
	int limit = ROBUST_LIST_LIMIT;

	if (fetch_entry(&entry, &pi, head) ||
	    copy_from_user(&h, uptr(head), sizeof(h)) ||
	    fetch_entry(&pending, &pending_pi,
			head + offsetof(struct robust_list_head_abi,
					list_op_pending)))
		return;
	while (entry != head) {
		int rc = fetch_entry(&next, &next_pi, entry);

		if (entry != pending &&
		    futex_death(entry + (uint32_t)h.futex_offset, p, pi, false))
			return;
		if (rc)
			return;
		entry = next;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		futex_death(pending + (uint32_t)h.futex_offset, p, pending_pi,
			    true);
}

/* The robust list and clear_child_tid of p (current), before its memory
 * goes (exit) or is replaced (exec). */
static void release(struct proc *p)
{
	if (p->robust_list) {
		robust_list_walk(p, p->robust_list);
		p->robust_list = 0;
	}
	if (p->clear_child_tid) {
		if (mm_shared(p) && !put_user_u32(uptr(p->clear_child_tid), 0))
			futex_wake_user(uptr(p->clear_child_tid), true, 1);
		p->clear_child_tid = 0;
	}
}

/* futex_exit_release - see futex.h. */
void futex_exit_release(struct proc *p)
{
	release(p);
}

/* futex_exec_release - see futex.h. */
void futex_exec_release(struct proc *p)
{
	release(p);
}

/* futex_clone_tids - see futex.h. */
void futex_clone_tids(int pid, uint32_t flags, uint32_t ptid, uint32_t ctid)
{
	struct proc *child;
	uint32_t f;

	if (flags & CLONE_PARENT_SETTID)
		put_user_u32(uptr(ptid), (uint32_t)pid);
	if (pid == current->pid) { /* a vfork child phase: memory shared */
		if (flags & CLONE_CHILD_SETTID)
			put_user_u32(uptr(ctid), (uint32_t)pid);
		if (flags & CLONE_CHILD_CLEARTID)
			current->clear_child_tid = ctid;
		return;
	}
	f = irq_save();
	child = proc_find_locked(pid); /* not yet run: nothing can reap it */
	if (child && (flags & CLONE_CHILD_SETTID))
		child->set_child_tid = ctid;
	if (child && (flags & CLONE_CHILD_CLEARTID))
		child->clear_child_tid = ctid;
	irq_restore(f);
}

/* futex_set_child_tid - see futex.h. */
void futex_set_child_tid(void)
{
	put_user_u32(uptr(current->set_child_tid), (uint32_t)task_tid(current));
	current->set_child_tid = 0;
}

/* futex_tids_save - see futex.h. */
void futex_tids_save(struct futex_tids *s, struct proc *p)
{
	s->set_child_tid = p->set_child_tid;
	s->clear_child_tid = p->clear_child_tid;
	s->robust_list = p->robust_list;
	p->set_child_tid = 0;
	p->clear_child_tid = 0;
	p->robust_list = 0;
}

/* futex_tids_restore - see futex.h. */
void futex_tids_restore(struct proc *p, const struct futex_tids *s)
{
	p->set_child_tid = s->set_child_tid;
	p->clear_child_tid = s->clear_child_tid;
	p->robust_list = s->robust_list;
}

/* May current read p's robust list (Linux ptrace_may_access,
 * PTRACE_MODE_READ_REALCREDS, without capabilities but root's)? */
static bool may_read(const struct proc *p)
{
	const struct proc_ids *c = &current->ids, *t = &p->ids;

	if (p == current || c->euid == 0)
		return true;
	return c->uid == t->uid && c->uid == t->euid && c->uid == t->suid &&
	       c->gid == t->gid && c->gid == t->egid && c->gid == t->sgid;
}

/* futex_robust_list_of - see futex.h. */
int futex_robust_list_of(int pid, uint32_t *head)
{
	struct proc *p = current;
	uint32_t f = irq_save();
	int err = 0;

	if (pid && pid != current->pid)
		p = proc_find_locked(pid);
	if (!p)
		err = -ESRCH;
	else if (!may_read(p))
		err = -EPERM;
	else
		*head = p->robust_list;
	irq_restore(f);
	return err;
}
