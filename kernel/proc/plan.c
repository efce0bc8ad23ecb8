/*
 * kernel/proc/plan.c - the one rule for inherited state: from the clone
 * flags (or the operation, for exec and init), what a task gets of each
 * refcounted part (fork.h, proc.h).
 *
 * Owns nothing: a pure function, built into the kernel and into the host
 * test tests/unit/test_plan.c. No locking. Sources: clone(2), fork(2),
 * execve(2); Linux kernel/fork.c copy_process for the invalid
 * combinations and copy_files/copy_fs/copy_sighand/copy_signal/copy_mm
 * for the shares; fs/exec.c begin_new_exec (unshare_files,
 * unshare_sighand, flush_signal_handlers) for exec.
 * Invariant: a plan that shares the sighand shares the address space, and
 * one that joins a thread group shares the sighand; so one thread group
 * may share every part.
 */
#include "errno.h"
#include "fork.h"

#define NSIG_MAX 64

/* Linux copy_process's checks, in its order. */
static int flags_valid(uint32_t flags)
{
	if ((flags & CSIGNAL) > NSIG_MAX ||
	    (flags & ~CSIGNAL & ~CLONE_PLAN_KNOWN))
		return -EINVAL;
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	return 0;
}

static enum part_how share_if(uint32_t flags, uint32_t flag)
{
	return (flags & flag) ? PART_SHARE : PART_COPY;
}

static int plan_clone(uint32_t flags, struct proc_plan *plan)
{
	int err = flags_valid(flags);

	if (err)
		return err;
	plan->how[PART_FILES] = share_if(flags, CLONE_FILES);
	plan->how[PART_FS] = share_if(flags, CLONE_FS);
	plan->how[PART_SIGHAND] = share_if(flags, CLONE_SIGHAND);
	plan->how[PART_SIGNAL] = share_if(flags, CLONE_THREAD);
	plan->how[PART_VM] = share_if(flags, CLONE_VM);
	plan->child_phase =
		(flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
	plan->thread = flags & CLONE_THREAD;
	plan->same_parent = flags & (CLONE_PARENT | CLONE_THREAD);
	/* A thread sends nothing when it ends (Linux exit_signal -1). */
	plan->exit_signal = plan->thread ? 0 : (int)(flags & CSIGNAL);
	plan->tid_flags = flags & CLONE_TID_FLAGS;
	return 0;
}

/* proc_plan_make - see fork.h. */
int proc_plan_make(enum plan_op op, uint32_t flags, struct proc_plan *plan)
{
	*plan = (struct proc_plan){0};
	switch (op) {
	case PLAN_CLONE:
		return plan_clone(flags, plan);
	case PLAN_EXEC:
		plan->how[PART_FILES] = PART_UNSHARE;
		plan->how[PART_FS] = PART_KEEP;
		plan->how[PART_SIGHAND] = PART_UNSHARE;
		plan->how[PART_SIGNAL] = PART_KEEP;
		plan->how[PART_VM] = PART_NEW;
		plan->exec_reset = true;
		return 0;
	case PLAN_INIT:
		for (int i = 0; i < PART_COUNT; i++)
			plan->how[i] = PART_NEW;
		return 0;
	}
	return -EINVAL;
}
