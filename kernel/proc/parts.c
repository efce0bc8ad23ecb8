/*
 * kernel/proc/parts.c - the refcounted parts of a task (proc.h): the fd
 * table, fs (cwd, root, umask), sighand (dispositions), signal (the
 * thread group's session, limits and timer) and the address space, and
 * the per-task state a new task copies.
 *
 * Owns the users counts of every part and the rule that carries out a
 * plan (proc_plan_make, plan.c): for each part, keep, share (one more
 * user), copy, unshare or make a new one. The steps that can fail run
 * first into a staging set; only when all succeeded does the task take
 * them (Linux copy_process's shape), so a failure leaves it as it was.
 * Locking: one CPU. Counts change in process context. The sighand copy
 * and the per-task signal state copy run with interrupts off, because a
 * signal sent from an interrupt (the tty's ^C, the alarm tick) changes
 * pending sets and an interrupt may not see half a copy (signal.c).
 * Invariants: users >= 1 while a task points at a part; the last put
 * frees it (and, for the fd table and fs, drops the references it held).
 * A task that gets a signal_struct joins the caller's thread group with
 * it (CLONE_THREAD) or leads its own (thread_group_attach).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fork.h"
#include "mm.h"
#include "proc.h"
#include "signal.h"
#include "thread.h"
#include "vfs.h"
#include "vm.h"
#include "arch/x86/io.h"

/* One task's parts while a plan is carried out; NULL: keep what it has. */
struct parts {
	struct fdtable *files;
	struct fs_struct *fs;
	struct sighand *sighand;
	struct signal_struct *signal;
	struct vm_space *vm;
};

/* ---- files ---- */

static void files_put(struct fdtable *t)
{
	if (!t || --t->users)
		return;
	fdtable_close_all(t);
	kfree(t);
}

static struct fdtable *files_new(const struct fdtable *src)
{
	struct fdtable *t = kmalloc(sizeof(*t));

	if (!t)
		return NULL;
	if (src)
		fdtable_clone(t, src); /* O(open descriptors) */
	else
		fdtable_init(t);
	t->users = 1;
	return t;
}

/* ---- fs ---- */

static void fs_put(struct fs_struct *fs)
{
	if (!fs || --fs->users)
		return;
	if (fs->cwd)
		iput(fs->cwd);
	if (fs->root)
		iput(fs->root);
	kfree(fs);
}

static struct fs_struct *fs_new(const struct fs_struct *src)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	if (src) {
		*fs = *src;
		if (fs->cwd)
			iget(fs->cwd);
		if (fs->root)
			iget(fs->root);
	}
	fs->users = 1;
	return fs;
}

/* ---- sighand ---- */

static void sighand_put(struct sighand *sh)
{
	if (sh && !--sh->users)
		kfree(sh);
}

static struct sighand *sighand_new(const struct sighand *src)
{
	struct sighand *sh = kzalloc(sizeof(*sh));
	uint32_t f;

	if (!sh)
		return NULL;
	if (src) {
		f = irq_save(); /* force_sig may change an action */
		memcpy(sh->action, src->action, sizeof(sh->action));
		irq_restore(f);
	}
	sh->users = 1;
	return sh;
}

/* ---- signal ---- */

static void signal_struct_put(struct signal_struct *sig)
{
	if (sig && !--sig->users)
		kfree(sig);
}

/* A new process's: the session and limits, no timer (fork(2)). */
static struct signal_struct *signal_struct_new(const struct signal_struct *src)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig));

	if (!sig)
		return NULL;
	if (src) {
		sig->session = src->session;
		memcpy(sig->rlim, src->rlim, sizeof(sig->rlim));
	}
	sig->users = 1;
	return sig;
}

/* ---- the plan ---- */

static void parts_drop(struct parts *n)
{
	files_put(n->files);
	fs_put(n->fs);
	sighand_put(n->sighand);
	signal_struct_put(n->signal);
	if (n->vm)
		vm_put(n->vm);
}

/* Would the plan's how give the task a part of its own? */
static bool need_own(enum part_how how, int users)
{
	return how == PART_COPY || how == PART_NEW ||
	       (how == PART_UNSHARE && users > 1);
}

/* Take (share) or make (copy, new) every part the plan asks for. */
static int parts_stage(struct parts *n, struct proc *src,
		       const struct proc_plan *pl)
{
	const uint8_t *how = pl->how;
	bool init = !src;

	if (how[PART_FILES] == PART_SHARE)
		(n->files = src->files)->users++;
	else if (need_own(how[PART_FILES], init ? 0 : src->files->users) &&
		 !(n->files = files_new(init ? NULL : src->files)))
		return -ENOMEM;
	if (how[PART_FS] == PART_SHARE)
		(n->fs = src->fs)->users++;
	else if (need_own(how[PART_FS], init ? 0 : src->fs->users) &&
		 !(n->fs = fs_new(init ? NULL : src->fs)))
		return -ENOMEM;
	if (how[PART_SIGHAND] == PART_SHARE)
		(n->sighand = src->sighand)->users++;
	else if (need_own(how[PART_SIGHAND], init ? 0 : src->sighand->users) &&
		 !(n->sighand = sighand_new(init ? NULL : src->sighand)))
		return -ENOMEM;
	if (how[PART_SIGNAL] == PART_SHARE)
		(n->signal = src->signal)->users++;
	else if (need_own(how[PART_SIGNAL], init ? 0 : src->signal->users) &&
		 !(n->signal = signal_struct_new(init ? NULL : src->signal)))
		return -ENOMEM;
	/* The address space: shared, or a copy-on-write copy; a new one
	 * (exec, init) is built by exec and installed by its caller. */
	if (how[PART_VM] == PART_SHARE)
		vm_get(n->vm = src->vm);
	else if (how[PART_VM] == PART_COPY && !(n->vm = vm_clone(src->vm)))
		return -ENOMEM;
	return 0;
}

/* Install the staged parts in dst, dropping the ones they replace. */
static void parts_install(struct proc *dst, struct parts *n)
{
	if (n->files) {
		files_put(dst->files);
		dst->files = n->files;
	}
	if (n->fs) {
		fs_put(dst->fs);
		dst->fs = n->fs;
	}
	if (n->sighand) {
		sighand_put(dst->sighand);
		dst->sighand = n->sighand;
	}
	if (n->signal) {
		signal_struct_put(dst->signal);
		dst->signal = n->signal;
	}
	if (n->vm) {
		BUG_ON(dst->vm); /* exec swaps its address space itself */
		dst->vm = n->vm;
	}
}

/* proc_parts_apply - see fork.h. */
int proc_parts_apply(struct proc *dst, struct proc *src,
		     const struct proc_plan *plan)
{
	struct parts n = {0};
	int err = parts_stage(&n, src, plan);

	if (err) {
		parts_drop(&n);
		return err;
	}
	/* Nothing below can fail. */
	parts_install(dst, &n);
	if (n.signal) /* a thread group joined, or one of its own */
		thread_group_attach(dst, plan->thread ? src : NULL);
	if (plan->exec_reset) {
		fdtable_close_on_exec(dst->files);
		signal_reset_on_exec(dst->sighand, &dst->sig);
	}
	return 0;
}

/* proc_parts_put - see fork.h. */
void proc_parts_put(struct proc *p)
{
	struct parts n = {p->files, p->fs, p->sighand, NULL, p->vm};

	p->files = NULL;
	p->fs = NULL;
	p->sighand = NULL;
	p->vm = NULL;
	parts_drop(&n);
}

/* proc_signal_put - see fork.h. */
void proc_signal_put(struct proc *p)
{
	thread_forget(p);
	signal_struct_put(p->signal);
	p->signal = NULL;
}

/* proc_task_copy - see fork.h. */
void proc_task_copy(struct proc *child, struct proc *parent)
{
	uint32_t f = irq_save();

	if (parent == current)
		fpu_save(&parent->fpu); /* the live registers are its */
	child->fpu = parent->fpu;
	signal_fork_copy(&child->sig, &parent->sig);
	irq_restore(f);
	child->syscall_nr = -1;
	child->ids = parent->ids;
	child->nice = parent->nice;
	child->tls_base = parent->tls_base;
	child->tls_limit = parent->tls_limit;
	child->tls_present = parent->tls_present;
	memcpy(child->name, parent->name, sizeof(child->name));
}
