/*
 * kernel/sys/sys_signal.c - the signal system calls (Linux i386 numbers in
 * syscall.tbl): rt_sigaction, rt_sigprocmask, sigprocmask, rt_sigpending,
 * rt_sigsuspend, pause, sigreturn, rt_sigreturn, sigaltstack, kill, tkill,
 * tgkill. Each checks and copies its user arguments, then changes
 * current->sig (the task's mask, pending set, altstack) or the
 * dispositions in current->sighand through the rules of
 * kernel/proc/sigset.c; kill and its kin send through kernel/proc/kill.c.
 *
 * Owns nothing. Locking: changes to current->sig happen with interrupts
 * off (the timer's alarm and other processes' kills post into it from
 * interrupt context or, on this one CPU, between two system calls).
 * User memory is copied with interrupts on, before or after.
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "sched.h"
#include "sigframe.h"
#include "signal.h"
#include "syscall.h"
#include "uaccess.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= NSIG;
}

/* Would this handler make sig be ignored (Linux sig_handler_ignored)? */
static bool handler_ignores(uint32_t handler, int sig)
{
	enum sig_default d = signal_default_action(sig);

	return handler == SIG_IGN ||
	       (handler == SIG_DFL &&
		(d == SIG_DEF_IGNORE || d == SIG_DEF_CONT));
}

static void action_to_abi(struct sigaction_abi *a, const struct k_sigaction *k)
{
	a->handler = k->handler;
	a->flags = k->flags;
	a->restorer = k->restorer;
	a->mask[0] = (uint32_t)k->mask;
	a->mask[1] = (uint32_t)(k->mask >> 32);
}

/*
 * sys_rt_sigaction - rt_sigaction(2): read and/or set the action of sig.
 * act and oact are struct k_sigaction (20 bytes; see sigframe.h). Setting
 * an action that ignores sig discards a pending sig, blocked or not
 * (POSIX.1-2008 2.4.3). 0, -EINVAL (sigsetsize not 8, sig outside 1..64,
 * or a new action for SIGKILL or SIGSTOP), -EFAULT.
 */
long sys_rt_sigaction(int sig, const struct sigaction_abi __user *uact,
		      struct sigaction_abi __user *uoact, uint32_t sigsetsize)
{
	struct sigaction_abi act, old;
	struct k_sigaction *ka;
	uint32_t f;

	if (sigsetsize != SIGSET_BYTES || !valid_signal(sig))
		return -EINVAL;
	if (uact && (SIGBIT(sig) & SIG_UNBLOCKABLE))
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	ka = &current->sighand->action[sig - 1];
	f = irq_save();
	action_to_abi(&old, ka);
	if (uact) {
		ka->handler = act.handler;
		ka->flags = act.flags;
		ka->restorer = act.restorer;
		ka->mask = (act.mask[0] | (uint64_t)act.mask[1] << 32) &
			   ~SIG_UNBLOCKABLE;
		if (handler_ignores(ka->handler, sig)) {
			current->sig.pending &= ~SIGBIT(sig);
			current->signal->shared_pending &= ~SIGBIT(sig);
		}
	}
	irq_restore(f);
	if (uoact && copy_to_user(uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* Change the mask; the old one in *old. 0 or -EINVAL (bad how). */
static int change_mask(int how, const uint64_t *set, uint64_t *old)
{
	uint32_t f = irq_save();
	int err = 0;

	*old = current->sig.blocked;
	if (set)
		err = signal_mask_change(&current->sig.blocked, how, *set);
	irq_restore(f);
	return err;
}

/*
 * sys_rt_sigprocmask - rt_sigprocmask(2): how is SIG_BLOCK, SIG_UNBLOCK
 * or SIG_SETMASK (checked only when set is given); SIGKILL and SIGSTOP
 * are silently never blocked. 0, -EINVAL (how, sigsetsize not 8),
 * -EFAULT. A signal it unblocks is delivered on the way out.
 */
long sys_rt_sigprocmask(int how, const uint64_t __user *uset,
			uint64_t __user *uoset, uint32_t sigsetsize)
{
	uint64_t set, old;
	int err;

	if (sigsetsize != SIGSET_BYTES)
		return -EINVAL;
	if (uset && copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	err = change_mask(how, uset ? &set : NULL, &old);
	if (err)
		return err;
	if (uoset && copy_to_user(uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * sys_sigprocmask - the old sigprocmask (126): as rt_sigprocmask on
 * signals 1..32 only (a 32-bit set); 33..64 keep their state.
 */
long sys_sigprocmask(int how, const uint32_t __user *uset,
		     uint32_t __user *uoset)
{
	uint32_t set32 = 0;
	uint64_t set, old;
	int err;

	if (uset && copy_from_user(&set32, uset, sizeof(set32)))
		return -EFAULT;
	set = set32;
	if (uset && how == SIG_SETMASK)
		set |= current->sig.blocked & 0xFFFFFFFF00000000ull;
	err = change_mask(how, uset ? &set : NULL, &old);
	if (err)
		return err;
	set32 = (uint32_t)old;
	if (uoset && copy_to_user(uoset, &set32, sizeof(set32)))
		return -EFAULT;
	return 0;
}

/*
 * sys_rt_sigpending - rt_sigpending(2): the signals pending while
 * blocked, as sigsetsize bytes (at most 8). 0, -EINVAL, -EFAULT.
 */
long sys_rt_sigpending(uint64_t __user *uset, uint32_t sigsetsize)
{
	uint64_t set;

	if (sigsetsize > SIGSET_BYTES)
		return -EINVAL;
	set = (current->sig.pending | current->signal->shared_pending) &
	      current->sig.blocked;
	if (copy_to_user(uset, &set, sigsetsize))
		return -EFAULT;
	return 0;
}

/* Sleep until a signal is deliverable. Interrupts off. Nothing wakes the
 * private queue: only a signal ends the sleep. */
static void wait_for_signal_locked(void)
{
	struct wait_queue wq = {NULL};

	assert_irqs_off();
	while (!signal_pending(current))
		sleep_interruptible_locked(&wq);
}

/*
 * sys_rt_sigsuspend - rt_sigsuspend(2): replace the mask with *umask and
 * wait for a signal. Returns -EINTR once a handler has run; the old mask
 * comes back after the delivery (Linux saved-sigmask), so the handler
 * runs under the temporary one. -EINVAL (sigsetsize not 8), -EFAULT.
 */
long sys_rt_sigsuspend(const uint64_t __user *umask, uint32_t sigsetsize)
{
	struct sig_state *s = &current->sig;
	uint64_t mask;
	uint32_t f;

	if (sigsetsize != SIGSET_BYTES)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	f = irq_save();
	s->saved_mask = s->blocked;
	s->restore_mask = true;
	s->blocked = mask & ~SIG_UNBLOCKABLE;
	wait_for_signal_locked();
	irq_restore(f);
	return -ERESTARTNOHAND;
}

/* sys_pause - pause(2): wait for a signal; -EINTR after a handler. */
long sys_pause(void)
{
	uint32_t f = irq_save();

	wait_for_signal_locked();
	irq_restore(f);
	return -ERESTARTNOHAND;
}

/* A sigreturn whose frame cannot be read or used: SIGSEGV (Linux
 * "badframe"). */
static long bad_frame(void)
{
	signal_fault_info(SIGSEGV, SI_KERNEL, 0);
	return 0;
}

/* Load the FPU state saved at user address fp by the frame builder (a
 * zero fp: the initial state). Reserved MXCSR bits are dropped, as
 * Linux i386 masks them; a restore that faults anyway leaves the
 * initial state loaded. 0 or -EFAULT (the caller sends SIGSEGV). */
static int restore_fpu(uint32_t fp)
{
	if (!fp) {
		fpu_init_state(&current->fpu);
	} else {
		if (copy_from_user(&current->fpu, (void __user *)(uintptr_t)fp,
				   sizeof(current->fpu)))
			return -EFAULT;
		fpu_sanitize(&current->fpu);
	}
	return fpu_restore(&current->fpu) ? -EFAULT : 0;
}

/* Restore mask and registers from a frame; the result for eax. */
static long restore_from(const struct sigcontext_abi *sc, uint64_t mask)
{
	struct trapframe *tf = current->tf;
	uint32_t f;

	if (sigcontext_restore(tf, sc))
		return bad_frame();
	if (restore_fpu(sc->fpstate))
		return bad_frame();
	f = irq_save();
	current->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	irq_restore(f);
	current->syscall_nr = -1; /* the restored eax never restarts */
	return (long)tf->eax;
}

/*
 * sys_sigreturn - sigreturn(2) from an old-style frame: it lies at esp - 8
 * (the handler's ret and __restore's popl took pretcode and sig). Returns
 * the interrupted eax so that the dispatcher leaves it in place.
 */
long sys_sigreturn(void)
{
	uint32_t at = current->tf->esp - 8;
	struct sigcontext_abi sc;
	uint32_t extramask;

	if (copy_from_user(
		    &sc,
		    (void __user *)(uintptr_t)(at +
					       offsetof(struct sigframe_abi,
							sc)),
		    sizeof(sc)) ||
	    copy_from_user(
		    &extramask,
		    (void __user *)(uintptr_t)(at +
					       offsetof(struct sigframe_abi,
							extramask)),
		    sizeof(extramask)))
		return bad_frame();
	return restore_from(&sc, sc.oldmask | (uint64_t)extramask << 32);
}

static int set_altstack(const struct stack_abi *ss);

/* sys_rt_sigreturn - rt_sigreturn(2): the frame lies at esp - 4. */
long sys_rt_sigreturn(void)
{
	uint32_t at = current->tf->esp - 4;
	struct ucontext_abi uc;

	if (copy_from_user(
		    &uc,
		    (void __user *)(uintptr_t)(at +
					       offsetof(struct rt_sigframe_abi,
							uc)),
		    sizeof(uc)))
		return bad_frame();
	set_altstack(&uc.uc_stack); /* errors ignored, as Linux */
	return restore_from(&uc.uc_mcontext,
			    uc.uc_sigmask[0] | (uint64_t)uc.uc_sigmask[1]
						       << 32);
}

static int altstack_flags(uint32_t sp)
{
	const struct sig_state *s = &current->sig;

	if (!s->altstack_size)
		return SS_DISABLE;
	return signal_on_altstack(sp, s->altstack_sp, s->altstack_size)
		       ? SS_ONSTACK
		       : 0;
}

/*
 * Install ss as the alternate stack (Linux do_sigaltstack). A request
 * equal to the setting in force (sp, size and the flags last given) is
 * 0 without further checks, so { NULL, 0, 0 } in a process that never
 * installed a stack succeeds. 0, -EPERM (running on the current one),
 * -EINVAL (flags), -ENOMEM (smaller than MINSIGSTKSZ).
 */
static int set_altstack(const struct stack_abi *ss)
{
	struct sig_state *s = &current->sig;
	uint32_t flags = (uint32_t)ss->ss_flags;
	uint32_t mode = flags & ~SS_AUTODISARM;

	if (altstack_flags(current->tf->esp) == SS_ONSTACK)
		return -EPERM;
	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (ss->ss_sp == s->altstack_sp && ss->ss_size == s->altstack_size &&
	    flags == s->altstack_flags)
		return 0;
	if (mode != SS_DISABLE && ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	s->altstack_sp = mode == SS_DISABLE ? 0 : ss->ss_sp;
	s->altstack_size = mode == SS_DISABLE ? 0 : ss->ss_size;
	s->altstack_flags = flags;
	return 0;
}

/*
 * sys_sigaltstack - sigaltstack(2): report the alternate signal stack in
 * *uoss (flags SS_ONSTACK while running on it, SS_DISABLE when none),
 * then install *uss. SA_ONSTACK handlers run on it. 0, -EFAULT, -EPERM,
 * -EINVAL, -ENOMEM.
 */
long sys_sigaltstack(const struct stack_abi __user *uss,
		     struct stack_abi __user *uoss)
{
	struct stack_abi ss,
		old = {
			.ss_sp = current->sig.altstack_sp,
			.ss_size = current->sig.altstack_size,
			.ss_flags =
				altstack_flags(current->tf->esp) |
				(current->sig.altstack_flags & SS_AUTODISARM),
		};
	int err;

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		err = set_altstack(&ss);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * sys_kill - kill(2): pid > 0 that process; 0 the caller's process group;
 * -1 every process but init and the caller; < -1 the group -pid. sig 0
 * checks only. 0, -EINVAL (sig outside 0..64), -ESRCH, -EPERM.
 */
long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (pid > 0)
		return signal_kill_pid(pid, sig, SI_USER);
	if (pid == -1)
		return signal_kill_all(sig);
	if (pid == 0)
		return signal_kill_pgrp(current->signal->session.pgid, sig);
	if (pid == INT32_MIN)
		return -ESRCH;
	return signal_kill_pgrp(-pid, sig);
}

/* sys_tkill - tkill(2): sig to thread tid, whatever its group.
 * -EINVAL (tid <= 0, bad sig), -ESRCH, -EPERM. */
long sys_tkill(int tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	return signal_kill_thread(-1, tid, sig);
}

/* sys_tgkill - tgkill(2): sig to thread tid of thread group tgid.
 * -EINVAL (tgid or tid <= 0, bad sig), -ESRCH (tid is not a live thread
 * of tgid), -EPERM. */
long sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > NSIG)
		return -EINVAL;
	return signal_kill_thread(tgid, tid, sig);
}
