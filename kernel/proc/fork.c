/*
 * kernel/proc/fork.c - fork(2) and clone(2) without CLONE_VM|CLONE_VFORK:
 * a new task on its own kernel stack, with the parts its plan gives it
 * (fork.h: for fork, copies of all, the memory copy-on-write) and the
 * per-task state of a fork child.
 *
 * Owns nothing beyond the call. Follows Linux kernel/fork.c's shape: the
 * steps that can fail (a slot and stack, the parts) come first and are
 * undone in reverse by one cleanup ladder; the child becomes visible
 * (linked, runnable) only after the last of them. A CLONE_THREAD child
 * joins the caller's thread group (thread.c) and is nobody's child.
 * What the child inherits follows fork(2) (POSIX.1-2008 "fork") by way
 * of the plan: the same descriptors (sharing open file descriptions),
 * cwd, root, umask, signal dispositions and mask, ids, process group and
 * session, rlimits; not the pending signals, nor a pending alarm.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fork.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "thread.h"
#include "vm.h"
#include "arch/x86/io.h"

/*
 * proc_setup_kstack - lay out p's kernel stack so that its first
 * context_switch returns into sched_tail, which returns into trap_return
 * with esp at a copy of tf (the top of the stack), which enters user mode
 * with its registers. From esp up: the context (eip = sched_tail), the
 * return address trap_return, the trap frame.
 */
void proc_setup_kstack(struct proc *p, const struct trapframe *tf)
{
	struct trapframe *ktf;
	struct context *ctx;
	uint32_t *ret;

	ktf = (struct trapframe *)(p->kstack - sizeof(*ktf));
	*ktf = *tf;
	p->tf = ktf;
	ret = (uint32_t *)ktf - 1;
	*ret = (uint32_t)(uintptr_t)trap_return;
	ctx = (struct context *)ret - 1;
	memset(ctx, 0, sizeof(*ctx));
	ctx->eip = (uint32_t)(uintptr_t)sched_tail;
	p->context = ctx;
}

/* proc_clone_parent - see fork.h. */
struct proc *proc_clone_parent(struct proc *caller,
			       const struct proc_plan *plan)
{
	struct proc *pp = thread_leader(caller)->parent; /* the process's */

	return plan->same_parent && pp ? pp : caller;
}

/* proc_clone_exit_signal - see fork.h. */
int proc_clone_exit_signal(const struct proc *caller,
			   const struct proc_plan *plan)
{
	if (plan->same_parent && !plan->thread)
		return thread_leader(caller)->exit_signal;
	return plan->exit_signal;
}

/* One attempt at proc_clone; nothing is left behind on failure. */
static long clone_once(const struct trapframe *tf, uint32_t child_esp,
		       const struct proc_plan *plan)
{
	struct proc *caller = current, *child;
	struct trapframe ctf = *tf;
	int err;
	uint32_t f;

	child = proc_alloc(0, &err);
	if (!child)
		return err;
	err = proc_parts_apply(child, caller, plan);
	if (err)
		goto out_free_proc;
	/* Nothing below can fail: the child becomes visible. */
	proc_task_copy(child, caller);
	child->exit_signal = proc_clone_exit_signal(caller, plan);
	ctf.eax = 0;
	if (child_esp)
		ctf.esp = child_esp;
	proc_setup_kstack(child, &ctf);

	f = irq_save();
	if (!plan->thread) /* a thread is on its group's list instead */
		proc_link_child_locked(proc_clone_parent(caller, plan), child);
	child->state = P_RUNNABLE;
	irq_restore(f);
	return child->pid;

out_free_proc:
	proc_free(child);
	return err;
}

/*
 * proc_clone - see fork.h. When memory is short the OOM killer runs once
 * (waiting for its victim, mm.h) and the clone is tried again, as Linux's
 * allocator would for the page tables.
 */
long proc_clone(const struct trapframe *tf, uint32_t child_esp,
		const struct proc_plan *plan)
{
	long r;

	BUG_ON(plan->child_phase);
	r = clone_once(tf, child_esp, plan);
	if (r != -ENOMEM || mm_out_of_memory("fork", true))
		return r;
	return clone_once(tf, child_esp, plan);
}

/* proc_fork - see fork.h. Returns the child's pid, -EAGAIN or -ENOMEM. */
long proc_fork(const struct trapframe *tf)
{
	struct proc_plan plan;

	proc_plan_make(PLAN_CLONE, SIGCHLD, &plan);
	return proc_clone(tf, 0, &plan);
}
