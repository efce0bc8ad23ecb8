/*
 * kernel/sys/sys_id.c - identity system calls: pids, user and group ids,
 * process groups and sessions, uname(2), set_tid_address(2).
 *
 * Owns nothing; reads and changes current's proc_ids and the session_ids
 * in its signal_struct (shared by a thread group, proc.h).
 * Every user pointer goes through copy_to_user/copy_from_user. Semantics
 * follow the Linux man pages named at each call. A task's pid is its
 * thread id; getpid gives its thread group's id (thread.h).
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "sched.h"
#include "thread.h"
#include "syscall.h"
#include "uaccess.h"
#include "arch/x86/io.h"
#include "uapi/utsname.h"

/* getpid(2): the thread group's id, the same in every thread. */
long sys_getpid(void)
{
	return current->tgid;
}

/* gettid(2): the calling thread's own id. */
long sys_gettid(void)
{
	return current->pid;
}

/* getppid(2): the process's parent, whichever thread asks; init's parent
 * is reported as 0 (a vfork child phase's parent is the vforking
 * process, like any child's). */
long sys_getppid(void)
{
	struct proc *parent = thread_leader(current)->parent;

	return parent ? parent->tgid : 0;
}

long sys_set_tid_address(uint32_t tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_getuid32(void)
{
	return current->ids.uid;
}

long sys_geteuid32(void)
{
	return current->ids.euid;
}

long sys_getgid32(void)
{
	return current->ids.gid;
}

long sys_getegid32(void)
{
	return current->ids.egid;
}

/* setuid(2): root sets all three ids; others may set euid to uid or
 * suid. */
/* (uid_t)-1 and (gid_t)-1 name no id: they mean "unchanged" elsewhere. */
#define ID_INVALID 0xFFFFFFFFu

long sys_setuid32(uint32_t uid)
{
	struct proc_ids *id = &current->ids;

	if (uid == ID_INVALID)
		return -EINVAL;
	if (id->euid == 0) {
		id->uid = id->euid = id->suid = uid;
		return 0;
	}
	if (uid != id->uid && uid != id->suid)
		return -EPERM;
	id->euid = uid;
	return 0;
}

long sys_setgid32(uint32_t gid)
{
	struct proc_ids *id = &current->ids;

	if (gid == ID_INVALID)
		return -EINVAL;
	if (id->euid == 0) {
		id->gid = id->egid = id->sgid = gid;
		return 0;
	}
	if (gid != id->gid && gid != id->sgid)
		return -EPERM;
	id->egid = gid;
	return 0;
}

/* getresuid(2) / getresgid(2). */
static long put_three(uint32_t __user *a, uint32_t __user *b,
		      uint32_t __user *c, uint32_t x, uint32_t y, uint32_t z)
{
	if (put_user_u32(a, x) || put_user_u32(b, y) || put_user_u32(c, z))
		return -EFAULT;
	return 0;
}

long sys_getresuid32(uint32_t __user *r, uint32_t __user *e, uint32_t __user *s)
{
	struct proc_ids *id = &current->ids;

	return put_three(r, e, s, id->uid, id->euid, id->suid);
}

long sys_getresgid32(uint32_t __user *r, uint32_t __user *e, uint32_t __user *s)
{
	struct proc_ids *id = &current->ids;

	return put_three(r, e, s, id->gid, id->egid, id->sgid);
}

/* getgroups(2): size 0 asks for the count; -EINVAL when too small. */
long sys_getgroups32(int size, uint32_t __user *list)
{
	struct proc_ids *id = &current->ids;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return id->ngroups;
	if ((uint32_t)size < id->ngroups)
		return -EINVAL;
	if (copy_to_user(list, id->groups, id->ngroups * sizeof(uint32_t)))
		return -EFAULT;
	return id->ngroups;
}

long sys_setgroups32(int size, const uint32_t __user *list)
{
	struct proc_ids *id = &current->ids;
	uint32_t groups[NGROUPS_MAX_SLEIGHT];
	int i;

	if (id->euid != 0)
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX_SLEIGHT)
		return -EINVAL;
	/* All or nothing: the list is checked whole before it replaces the
	 * old one. */
	if (copy_from_user(groups, list, size * sizeof(uint32_t)))
		return -EFAULT;
	for (i = 0; i < size; i++)
		if (groups[i] == ID_INVALID)
			return -EINVAL;
	memcpy(id->groups, groups, size * sizeof(uint32_t));
	id->ngroups = size;
	return 0;
}

/* ---- process groups and sessions: setpgid(2), setsid(2) ---- */

static struct proc *find_self_or_child_locked(int pid)
{
	struct proc *p;

	assert_irqs_off();
	if (pid == 0 || pid == current->tgid)
		return current;
	p = proc_find_locked(pid);
	/* a child of any thread of the caller's (its group's children) */
	if (!p || !p->parent || p->parent->signal != current->signal)
		return NULL;
	return p;
}

/*
 * setpgid(2): pid 0 is the caller, pgid 0 is pid. -ESRCH: not the caller
 * or its child; -EPERM: a session leader, another session, or a group
 * that does not exist in the caller's session; -EINVAL: pgid < 0.
 */
long sys_setpgid(int pid, int pgid)
{
	uint32_t f = irq_save();
	struct proc *p = find_self_or_child_locked(pid);
	long err = 0;

	if (pgid < 0) {
		err = -EINVAL;
	} else if (!p) {
		err = -ESRCH;
	} else {
		if (pgid == 0)
			pgid = p->tgid;
		if (p->signal->session.sid == p->tgid ||
		    p->signal->session.sid != current->signal->session.sid)
			err = -EPERM;
		else if (pgid != p->tgid &&
			 !proc_pgrp_exists_locked(pgid,
						  current->signal->session.sid))
			err = -EPERM;
		else
			p->signal->session.pgid = pgid;
	}
	irq_restore(f);
	return err;
}

long sys_getpgid(int pid)
{
	uint32_t f = irq_save();
	struct proc *p = pid == 0 ? current : proc_find_locked(pid);
	long r = p ? p->signal->session.pgid : -ESRCH;

	irq_restore(f);
	return r;
}

long sys_getpgrp(void)
{
	return current->signal->session.pgid;
}

long sys_getsid(int pid)
{
	uint32_t f = irq_save();
	struct proc *p = pid == 0 ? current : proc_find_locked(pid);
	long r = p ? p->signal->session.sid : -ESRCH;

	irq_restore(f);
	return r;
}

/* setsid(2): -EPERM when a process group with the caller's pid as its
 * id exists (the caller leads one). */
long sys_setsid(void)
{
	uint32_t f = irq_save();
	long r;

	if (current->signal->session.pgid == current->tgid ||
	    proc_pgrp_exists_locked(current->tgid, 0)) {
		r = -EPERM;
	} else {
		current->signal->session.pgid = current->tgid;
		current->signal->session.sid = current->tgid;
		current->signal->session.ctty = -1;
		r = current->tgid;
	}
	irq_restore(f);
	return r;
}

/* ---- uname(2) ---- */

long sys_uname(struct new_utsname __user *buf)
{
	static const struct new_utsname u = {
		.sysname = "Sleight",
		.nodename = "sleight",
		.release = "0.1",
		.version = "#1",
		.machine = "i686",
		.domainname = "(none)",
	};

	return copy_to_user(buf, &u, sizeof(u)) ? -EFAULT : 0;
}
