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
#include "uaccess.h"
#include "vfork.h"
#include "uapi/resource.h" /* RUSAGE_SIZE */
#include "uapi/wait.h"

/* exit(2): status code & 0xff; returns only to end a vfork child phase
 * (into the parent). */
long sys_exit(int code)
{
	return proc_exit(W_EXITCODE(code & 0xff, 0));
}

/* exit_group(2): one thread per process, so as exit(2). */
long sys_exit_group(int code)
{
	return proc_exit(W_EXITCODE(code & 0xff, 0));
}

/* fork(2): the child's pid, -EAGAIN or -ENOMEM (proc_fork). */
long sys_fork(void)
{
	return proc_fork(current->tf, 0, SIGCHLD);
}

/* vfork(2): a child phase on the caller's own stack (kernel/proc/vfork.c,
 * docs/vfork.md). */
long sys_vfork(void)
{
	return vfork_enter(current->tf, 0, SIGCHLD);
}

/*
 * sys_clone - clone(2), i386 argument order: flags, newsp, parent_tid,
 * tls, child_tid. The low byte of flags is the exit signal (0..64).
 * CLONE_VM|CLONE_VFORK with nothing else is the vfork path (musl's
 * posix_spawn, system, popen); without CLONE_VM it is a fork, where
 * CLONE_VFORK alone is accepted and means nothing more. Either may add
 * the tid flags (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID: glibc's fork), done by futex_clone_tids. Anything
 * else (threads, namespaces, TLS, unknown bits) is -EINVAL.
 */
long sys_clone(uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls,
	       uint32_t ctid)
{
	int exit_signal = flags & CSIGNAL;
	uint32_t rest = flags & ~CSIGNAL & ~CLONE_TID_FLAGS;
	long r;

	if (exit_signal > NSIG)
		return -EINVAL;
	if (rest == (CLONE_VM | CLONE_VFORK)) {
		r = vfork_enter(current->tf, newsp, exit_signal);
		if (r == 0 && (flags & CLONE_TID_FLAGS))
			futex_clone_tids(current->pid, flags, ptid, ctid);
		return r;
	}
	if (rest & ~CLONE_SUPPORTED_FORK)
		return -EINVAL;
	r = proc_fork(current->tf, newsp, exit_signal);
	if (r > 0 && (flags & CLONE_TID_FLAGS))
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
