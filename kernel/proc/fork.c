/*
 * kernel/proc/fork.c - fork(2) and clone(2) without CLONE_VM: a new process
 * with a copy-on-write copy of the caller's memory and copies of its
 * per-process state.
 *
 * Owns nothing beyond the call. Follows Linux kernel/fork.c's shape: a
 * list of copy_* steps that each return 0 or -errno, undone in reverse by
 * one cleanup ladder; the child becomes visible (linked, runnable) only
 * after the last step that can fail.
 * What the child inherits follows fork(2) (POSIX.1-2008 "fork"): the same
 * descriptors (sharing open file descriptions), cwd, root, umask, signal
 * dispositions and mask, ids, process group and session, rlimits; not the
 * pending signals, nor a pending alarm.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fork.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "vfs.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/io.h"

static int copy_files(struct proc *child, struct proc *parent)
{
	child->files = kmalloc(sizeof(*child->files));
	if (!child->files)
		return -ENOMEM;
	fdtable_clone(child->files, parent->files);
	return 0;
}

static void copy_state(struct proc *child, struct proc *parent)
{
	fpu_save(&parent->fpu); /* the live registers are the parent's */
	child->fpu = parent->fpu;
	signal_fork_copy(&child->sig, &parent->sig);
	child->syscall_nr = -1;
	child->ids = parent->ids;
	child->session = parent->session;
	child->limits = parent->limits;
	child->limits.alarm_deadline_ms = 0;
	child->limits.alarm_interval_ms = 0;
	child->tls_base = parent->tls_base;
	child->tls_limit = parent->tls_limit;
	child->tls_present = parent->tls_present;
	memcpy(child->name, parent->name, sizeof(child->name));
}

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

/* One attempt at proc_fork; nothing is left behind on failure. */
static long fork_once(const struct trapframe *tf, uint32_t child_esp,
		      int exit_signal)
{
	struct proc *parent = current, *child;
	struct trapframe ctf = *tf;
	int err;
	uint32_t f;

	child = proc_alloc(0, &err);
	if (!child)
		return err;
	child->vm = vm_clone(parent->vm);
	if (!child->vm) {
		err = -ENOMEM;
		goto out_free_proc;
	}
	err = copy_files(child, parent);
	if (err)
		goto out_free_vm;
	/* Nothing below can fail: the child becomes visible. */
	fs_state_copy(&child->fs, &parent->fs);
	copy_state(child, parent);
	child->exit_signal = exit_signal;
	ctf.eax = 0;
	if (child_esp)
		ctf.esp = child_esp;
	proc_setup_kstack(child, &ctf);

	f = irq_save();
	proc_link_child_locked(parent, child);
	child->state = P_RUNNABLE;
	irq_restore(f);
	return child->pid;

out_free_vm:
	vm_destroy(child->vm);
out_free_proc:
	proc_free(child);
	return err;
}

/*
 * proc_fork - create a child of current that returns 0 from the system
 * call in tf, with esp = child_esp when that is nonzero (clone's stack
 * argument). exit_signal is sent to the parent when the child exits
 * (SIGCHLD for fork). When memory is short the OOM killer runs once
 * (waiting for its victim, mm.h) and the fork is tried again, as Linux's
 * allocator would for the page tables. Returns the child's pid, -EAGAIN
 * (no slot or pid) or -ENOMEM.
 */
long proc_fork(const struct trapframe *tf, uint32_t child_esp, int exit_signal)
{
	long r = fork_once(tf, child_esp, exit_signal);

	if (r != -ENOMEM || mm_out_of_memory("fork", true))
		return r;
	return fork_once(tf, child_esp, exit_signal);
}
