/*
 * kernel/proc/vfork.c - vfork(2) and clone(CLONE_VM|CLONE_VFORK): the
 * child phase as its own process record (docs/vfork.md).
 *
 * vfork makes a child record with the parts its plan gives it (fork.h:
 * the fd table, fs and dispositions copied, a signal_struct of its own
 * with no timer, the address space borrowed) and the per-task state of
 * a fork child. The child record *borrows* the parent's kernel stack: it
 * becomes current on that same stack, with no context switch and no
 * page copied, and vfork returns 0 into it: the child phase. The
 * parent's user registers, as the system call will return them, are
 * saved in its own record (vfork_regs, eax = the child's pid), and the
 * parent stays in the table untouched, P_VFORK, seen as it is by every
 * lookup, signal, listing and wait; signals sent to it stay pending. The
 * child phase ends in one of two ways, each of which hands the CPU back
 * to the parent on the same stack, at its saved registers:
 *   - execve succeeds (vfork_exec): the child record gets a kernel stack
 *     and the new address space of its own and becomes runnable;
 *   - _exit, exit_group, exit or a fatal signal (proc_exit calls
 *     vfork_resume_parent): the child record is an ordinary zombie.
 * A failed exec returns its errno into the child phase.
 *
 * Owns the child-phase links (proc.vfork_parent, proc.vfork_child,
 * proc.vfork_regs) and the count of child phases in progress. A parent
 * that is one thread of a group which ends meanwhile is detached instead
 * of resumed: the child keeps the stack (vfork_detach_locked, thread.c).
 * Invariants:
 *   - p->vfork_parent != NULL iff p is in a child phase; it is then the
 *     P_VFORK task whose kernel stack and vm p borrows (p holds a users
 *     count on the vm, never frees the stack), and p's parent too unless
 *     CLONE_PARENT made p its sibling;
 *   - a P_VFORK process has exactly one child in a child phase, is never
 *     scheduled, and runs again only through vfork_resume_parent;
 *   - child phases nest: the chain of vfork_parent links is at most
 *     VFORK_DEPTH_MAX long; vfork_live_frames() counts the phases in
 *     progress and is 0 when there is none.
 * Locking: one CPU; the hand-over of current and the state changes run
 * with interrupts off. Cost: O(open descriptors) on entry and exit, flat
 * in the parent's size; no memory is copied.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"
#include "exit.h"
#include "file.h"
#include "fork.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/io.h"

static int live_phases;

/* vfork_live_frames - child phases in progress (0 when there is none). */
int vfork_live_frames(void)
{
	return live_phases;
}

static int depth(const struct proc *p)
{
	int n = 0;

	for (; p->vfork_parent; p = p->vfork_parent)
		n++;
	return n;
}

/*
 * vfork_enter - start a child phase for current, which made the system
 * call whose registers are tf, by plan (plan->child_phase set). child_esp:
 * the stack for the child phase (clone's stack argument), or 0 to keep
 * esp. Returns 0 into the child phase (current is then the child
 * record), or, with no child phase started and nothing changed: -EAGAIN
 * (no pid or slot left, or nesting deeper than VFORK_DEPTH_MAX),
 * -ENOMEM (no memory for the child's parts).
 */
long vfork_enter(struct trapframe *tf, uint32_t child_esp,
		 const struct proc_plan *plan)
{
	struct proc *parent = current, *child;
	int err;
	uint32_t f;

	if (depth(parent) >= VFORK_DEPTH_MAX)
		return -EAGAIN;
	child = proc_alloc_slot(0, &err);
	if (!child)
		return err;
	err = proc_parts_apply(child, parent, plan);
	if (err)
		goto out_free_slot;
	/* Nothing below can fail: the child phase begins. */
	proc_task_copy(child, parent);
	child->exit_signal = proc_clone_exit_signal(parent, plan);
	child->kstack = parent->kstack; /* borrowed, as the vm is */
	child->tf = parent->tf;
	child->vfork_parent = parent;
	parent->vfork_child = child;
	parent->vfork_regs = *tf;
	parent->vfork_regs.eax = (uint32_t)child->pid;
	if (child_esp)
		tf->esp = child_esp;

	f = irq_save();
	proc_link_child_locked(proc_clone_parent(parent, plan), child);
	parent->state = P_VFORK;
	live_phases++;
	sched_hand_over_locked(child);
	irq_restore(f);
	return 0;

out_free_slot:
	proc_free(child);
	return err;
}

/*
 * vfork_resume_parent_locked - end child's child phase: the parent gets
 * the CPU back on the same kernel stack, with its saved registers in the
 * trap frame (eax = child's pid). child's state (P_ZOMBIE, P_RUNNABLE)
 * is the caller's to set first. Returns the pid, which the system call
 * returns into the parent. Interrupts off.
 */
long vfork_resume_parent_locked(struct proc *child)
{
	struct proc *parent = child->vfork_parent;

	assert_irqs_off();
	BUG_ON(child != current || parent->state != P_VFORK);
	child->vfork_parent = NULL;
	parent->vfork_child = NULL;
	*parent->tf = parent->vfork_regs;
	live_phases--;
	sched_hand_over_locked(parent);
	return child->pid;
}

/*
 * vfork_detach_locked - see vfork.h. From here the child phase
 * (parent->vfork_child) owns the stack (its kstack already names it) and
 * is an ordinary process: its exec installs in place, its exit makes an
 * ordinary zombie. Linux: a vfork parent's wait
 * is killable and the child runs on.
 */
void vfork_detach_locked(struct proc *parent)
{
	struct proc *c = parent->vfork_child;

	assert_irqs_off();
	BUG_ON(parent->state != P_VFORK || !c || c->vfork_parent != parent);
	c->vfork_parent = NULL;
	parent->vfork_child = NULL;
	parent->kstack = 0; /* the child's now */
	live_phases--;
}

/*
 * vfork_exec - execve in a child phase: the program is spawned as the
 * child record without waiting, then the parent resumes. ec holds the
 * fully built program (exec_prepare did everything that can fail, but for
 * the kernel stack allocated here and the unsharing of exec's plan).
 * Returns the pid into the parent's eax, or -ENOMEM into the child phase
 * (ec released, nothing changed).
 */
long vfork_exec(struct exec_ctx *ec)
{
	struct proc *child = current;
	struct trapframe tf;
	uint32_t kstack = kstack_alloc(), entry, esp, f;
	long pid;
	int err;

	if (!kstack) {
		exec_ctx_release(ec);
		return -ENOMEM;
	}
	err = exec_install(child, ec, &entry, &esp);
	if (err) {
		kstack_free(kstack);
		return err;
	}
	/* Nothing below can fail; the borrowed stack is given back. */
	child->kstack = kstack;
	exec_start_frame(&tf, entry, esp);
	proc_setup_kstack(child, &tf);

	f = irq_save();
	child->state = P_RUNNABLE;
	pid = vfork_resume_parent_locked(child);
	irq_restore(f);
	return pid;
}

/*
 * vfork_kill_parents_locked - the OOM killer chose p, which may run on
 * memory its vfork parents own: SIGKILL each of them too (Linux kills
 * every task that shares the victim's mm), so each dies as soon as the
 * child phase above it ends. Interrupts off.
 */
void vfork_kill_parents_locked(struct proc *p)
{
	assert_irqs_off();
	for (struct proc *q = p->vfork_parent; q; q = q->vfork_parent)
		signal_send_locked(q, SIGKILL);
}
