/*
 * kernel/sys/sys_proc.c - the process system calls: exit(2),
 * exit_group(2), fork(2), vfork(2), clone(2), execve(2), wait4(2) and
 * waitpid(2). Each checks its arguments and copies results out; the work
 * is in kernel/proc (exit.c, fork.c, vfork.c, exec.c).
 *
 * Owns nothing. Locking: none here; the calls into proc take what they
 * need. User memory is written only after the work is done (wait4
 * stores the status of a child already reaped, as Linux's kernel_wait4).
 * Sources: the man pages named above; Linux i386 argument order.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"
#include "exit.h"
#include "fork.h"
#include "futex.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "thread.h"
#include "uaccess.h"
#include "vfork.h"
#include "uapi/resource.h" /* RUSAGE_SIZE */
#include "uapi/wait.h"

/* exit(2): the calling thread ends with status code & 0xff (the last
 * one ends the process); returns only to end a vfork child phase (into
 * the parent). */
long sys_exit(int code)
{
	return proc_exit(W_EXITCODE(code & 0xff, 0));
}

/* exit_group(2): every thread of the process ends; as exit(2) for a
 * single thread. */
long sys_exit_group(int code)
{
	return proc_exit_group(W_EXITCODE(code & 0xff, 0));
}

/* fork(2): the child's pid, -EAGAIN or -ENOMEM (proc_fork). */
long sys_fork(void)
{
	return proc_fork(current->tf);
}

/* vfork(2): a child phase on the caller's own stack (kernel/proc/vfork.c,
 * docs/vfork.md). */
long sys_vfork(void)
{
	struct proc_plan plan;

	proc_plan_make(PLAN_CLONE, CLONE_VM | CLONE_VFORK | SIGCHLD, &plan);
	return vfork_enter(current->tf, 0, &plan);
}

/*
 * sys_clone - clone(2), i386 argument order: flags, newsp, parent_tid,
 * tls, child_tid. The low byte of flags is the exit signal (0..64).
 * proc_plan_make decides what the new task shares and copies, and
 * refuses (-EINVAL) what Linux refuses. CLONE_VM|CLONE_VFORK is the vfork
 * child phase (musl's posix_spawn, system, popen); otherwise a task on
 * its own stack (a fork when CLONE_VM is absent; CLONE_VFORK alone then
 * means nothing more), or a thread (CLONE_THREAD: thread.h), with the
 * TLS descriptor read from tls for CLONE_SETTLS as set_thread_area(2)
 * reads it. The tid flags (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID: glibc's fork, pthread_create) are done by
 * futex_clone_tids. CLONE_THREAD with CLONE_VM|CLONE_VFORK is -EINVAL
 * here (Linux accepts it). CLONE_PARENT makes the task a sibling of the
 * caller that sends the caller's exit signal (-EINVAL from init). The
 * new task does not run before this returns (one
 * CPU, no preemption in the kernel), so what is stored in it after
 * proc_clone is there at its first instruction.
 */
long sys_clone(uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls,
	       uint32_t ctid)
{
	struct proc_plan plan;
	struct thread_tls td;
	int err = proc_plan_make(PLAN_CLONE, flags, &plan);
	long r;

	if (err)
		return err;
	if ((flags & CLONE_SETTLS) && (err = thread_tls_read(tls, &td)))
		return err;
	/* A child phase runs on its parent's kernel stack until it execs or
	 * exits, which a thread of the parent's own group cannot do on
	 * Sleight's terms (its exec would end the parent, its exit leave
	 * it suspended): refused, though Linux takes it. No libc asks. */
	if (plan.child_phase && plan.thread)
		return -EINVAL;
	/* init has no parent to give a sibling (Linux: SIGNAL_UNKILLABLE) */
	if ((flags & CLONE_PARENT) && current == initproc)
		return -EINVAL;
	if (plan.child_phase) {
		r = vfork_enter(current->tf, newsp, &plan);
		if (r == 0 && (flags & CLONE_SETTLS)) /* current: the child */
			thread_tls_set(current->pid, &td);
		if (r == 0 && plan.tid_flags)
			futex_clone_tids(current->pid, flags, ptid, ctid);
		return r;
	}
	r = proc_clone(current->tf, newsp, &plan);
	if (r > 0 && (flags & CLONE_SETTLS))
		thread_tls_set((int)r, &td);
	if (r > 0 && plan.tid_flags)
		futex_clone_tids((int)r, flags, ptid, ctid);
	return r;
}

/*
 * execve(2): upath and the user addresses of the argv and envp vectors,
 * all copied in by proc_execve. 0 into the new program, or its error with
 * the caller unchanged.
 */
long sys_execve(const char __user *upath, uint32_t uargv, uint32_t uenvp)
{
	return proc_execve(upath, uargv, uenvp);
}

/*
 * sys_wait4 - wait4(2): proc_wait's child for pid and options, its status
 * word stored at *status (if not NULL) and rusage zeroed (if given).
 * Returns the child's pid, 0 (WNOHANG, none changed), -EINVAL (unknown
 * option bits), -ECHILD, -ERESTARTSYS (EINTR, or a restart under
 * SA_RESTART), or -EFAULT for a bad status or rusage pointer, stored
 * after the child is reaped (or its report taken): the child is gone
 * then, as on Linux.
 */
long sys_wait4(int pid, int __user *status, uint32_t options,
	       void __user *rusage)
{
	int zstatus;
	long zpid;

	if (options & ~WAIT_OPTIONS)
		return -EINVAL;
	zpid = proc_wait(pid, options, &zstatus);
	if (zpid <= 0)
		return zpid;
	if (status && copy_to_user(status, &zstatus, sizeof(zstatus)))
		return -EFAULT;
	if (rusage && clear_user(rusage, RUSAGE_SIZE))
		return -EFAULT;
	return zpid;
}

/* waitpid(2): wait4 without rusage. */
long sys_waitpid(int pid, int __user *status, uint32_t options)
{
	return sys_wait4(pid, status, options, NULL);
}
