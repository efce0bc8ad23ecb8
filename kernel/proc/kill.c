/*
 * kernel/proc/kill.c - sending a signal on behalf of current, as kill(2)
 * chooses its targets: one process by pid (signal_kill_pid, which every
 * by-pid sender goes through), a process group, or everyone; and one
 * thread for tkill(2)/tgkill(2) (signal_kill_thread); with kill(2)'s
 * permission rule. A pid that names any thread of a process names the
 * process (the signal is process-directed, signal.c).
 *
 * Also the kernel's own group signal, signal_send_pgrp_locked (the tty's
 * ^C, an orphaned group's SIGHUP), which has no sender to check.
 *
 * Owns nothing. Locking: the process list is walked (proc.h iterators)
 * and signals are posted with interrupts off. A parent suspended in vfork
 * (P_VFORK) is a target like any other: its signals stay pending until
 * its child phase ends and it resumes (docs/vfork.md).
 * Invariants: every signal sent on a process's behalf passes
 * kill_permitted first; embryos are never targets (they are not yet, or
 * no longer, processes), zombies accept and drop what they are sent.
 * Sources: kill(2), POSIX kill(), Linux kernel/signal.c.
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "signal.h"
#include "arch/x86/io.h"

/* May current signal t? kill(2): a privileged sender, or the sender's
 * real or effective uid equals the target's real or saved uid; SIGCONT
 * within the session is always allowed (Linux check_kill_permission). */
static bool kill_permitted(const struct proc *t, int sig)
{
	const struct proc_ids *c = &current->ids, *ti = &t->ids;

	if (c->euid == 0 || t == current)
		return true;
	if (c->euid == ti->uid || c->euid == ti->suid || c->uid == ti->uid ||
	    c->uid == ti->suid)
		return true;
	return sig == SIGCONT &&
	       t->signal->session.sid == current->signal->session.sid;
}

/* signal_kill_proc_locked - see signal.h. Zombies accept and drop the
 * signal (kill(2) on an unreaped child succeeds). */
int signal_kill_proc_locked(struct proc *p, int sig, int code)
{
	struct ksiginfo info = {
		.code = code, .pid = current->tgid, .uid = current->ids.uid};

	assert_irqs_off();
	if (!kill_permitted(p, sig))
		return -EPERM;
	if (!sig)
		return 0;
	signal_send_info_locked(p, sig, &info);
	return 0;
}

/* signal_kill_thread - see signal.h (Linux do_tkill). */
int signal_kill_thread(int tgid, int tid, int sig)
{
	struct ksiginfo info = {.code = SI_TKILL,
				.pid = current->tgid,
				.uid = current->ids.uid};
	uint32_t f = irq_save();
	struct proc *t = proc_find_locked(tid);
	int err = 0;

	if (!t || t->state == P_ZOMBIE || (tgid > 0 && t->tgid != tgid))
		err = -ESRCH;
	else if (!kill_permitted(t, sig))
		err = -EPERM;
	else if (sig)
		signal_send_thread_locked(t, sig, &info);
	irq_restore(f);
	return err;
}

/* signal_kill_pid - see signal.h. */
int signal_kill_pid(int pid, int sig, int code)
{
	uint32_t f = irq_save();
	struct proc *p = proc_find_locked(pid);
	int err;

	err = p ? signal_kill_proc_locked(p, sig, code) : -ESRCH;
	irq_restore(f);
	return err;
}

/* signal_kill_pgrp - see signal.h. */
int signal_kill_pgrp(int pgid, int sig)
{
	uint32_t f = irq_save();
	bool any = false, ok = false;
	int err = -ESRCH;
	struct proc *p;

	proc_for_each_locked(p) {
		if (!proc_visible(p) || p->signal->session.pgid != pgid)
			continue;
		any = true;
		err = signal_kill_proc_locked(p, sig, SI_USER);
		ok |= err == 0;
	}
	irq_restore(f);
	return ok ? 0 : any ? err : -ESRCH;
}

/* signal_kill_all - see signal.h. */
int signal_kill_all(int sig)
{
	uint32_t f = irq_save();
	bool any = false;
	struct proc *p;

	proc_for_each_locked(p) {
		if (!proc_visible(p) || p->tgid <= 1 ||
		    p->signal == current->signal)
			continue;
		any = true;
		signal_kill_proc_locked(p, sig, SI_USER);
	}
	irq_restore(f);
	return any ? 0 : -ESRCH;
}

/*
 * signal_send_pgrp_locked - see signal.h. Every live member (not an
 * embryo, not a zombie) of group pgid gets sig from the kernel (si_code
 * SI_KERNEL), without kill(2)'s permission rule; pgid <= 0 is no group.
 * Returns how many got it. Interrupts off.
 */
int signal_send_pgrp_locked(int pgid, int sig)
{
	struct proc *p;
	int n = 0;

	assert_irqs_off();
	if (pgid <= 0)
		return 0;
	proc_for_each_locked(p) {
		if (!proc_live(p) || p->signal->session.pgid != pgid)
			continue;
		signal_send_locked(p, sig);
		n++;
	}
	return n;
}
