/*
 * kernel/proc/signal.c - delivering signals (signal(7)): default actions,
 * job-control stops, handler frames on the user stack (Linux
 * arch/x86/kernel/signal_32.c layout, see sigframe.h), system-call
 * restart, and user faults turned into signals. Posting them (which
 * pending set, which thread is woken) is kernel/proc/sigsend.c.
 *
 * Owns struct sig_state of every task (its mask and pending set) with
 * sigsend.c, and the use of the sighand part's dispositions. A thread
 * takes its own pending signals first, then its thread group's
 * (signal_struct.shared_pending); a default action that terminates ends
 * the whole group, a stop stops every thread.
 * Locking: one CPU; every change to a sig_state or a sighand, and every
 * state change it causes (P_STOPPED, wake-ups), happens with interrupts
 * off. signal_deliver runs on current's way back to ring 3 with
 * interrupts off and keeps them off, except around proc_exit.
 * Invariants: SIGKILL and SIGSTOP are never blocked and never have a
 * handler; a signal whose action is "ignore" is never pending unless it
 * is blocked (it is discarded at send, as Linux does); a job-control
 * stop (SIGTSTP, SIGTTIN, SIGTTOU) with the default action never stops
 * a process of an orphaned process group (dropped at delivery); a P_STOPPED
 * process sits in do_stop() below and leaves only through SIGCONT or
 * SIGKILL.
 */
#include "kernel.h"
#include "errno.h"
#include "exit.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "sigframe.h"
#include "signal.h"
#include "thread.h"
#include "uaccess.h"
#include "vm.h"
#include "arch/x86/eflags.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"
#include "uapi/unistd.h"
#include "uapi/wait.h"

/* The four bytes of a 32-bit immediate, lowest first (movl $imm, %eax). */
#define LE32(v)                                                                \
	(uint8_t)(v), (uint8_t)((v) >> 8), (uint8_t)((v) >> 16),               \
		(uint8_t)((v) >> 24)

/*
 * Post a synchronous signal to current that cannot be refused (Linux
 * force_sig_info): if it is blocked or ignored, the action becomes
 * SIG_DFL and it is unblocked, so the process dies of it.
 */
static void force_sig_locked(int sig, const struct ksiginfo *info)
{
	struct sig_state *s = &current->sig;
	struct k_sigaction *ka = &current->sighand->action[sig - 1];
	uint64_t bit = SIGBIT(sig);

	assert_irqs_off();
	if ((s->blocked & bit) || ka->handler == SIG_IGN) {
		ka->handler = SIG_DFL;
		s->blocked &= ~bit;
	}
	s->info[sig - 1] = *info;
	s->pending |= bit;
	s->forced |= bit;
}

/* signal_fault_info - see signal.h. Interrupts may be on or off. */
void signal_fault_info(int sig, int code, uint32_t addr)
{
	struct ksiginfo info = {.code = code, .addr = addr};
	uint32_t f = irq_save();

	force_sig_locked(sig, &info);
	irq_restore(f);
}

/* ---- the user-fault hooks --------------------------------------------- */

/* The trap layer's user-fault hook: an exception from ring 3 that no
 * handler claimed becomes the signal Linux sends for it (trapsig.c). */
static void signal_trap_fault(struct trapframe *tf)
{
	int code = SI_KERNEL;
	uint32_t addr = 0;
	int sig = trap_signal_info(tf, &code, &addr);

	if (sig < 0)
		panic_trap(tf, "%s from user mode", trap_name(tf->trapno));
	if (sig)
		signal_fault_info(sig, code, addr);
}

/*
 * The mm layer's user page-fault handler: let the address space fix the
 * fault (demand paging, copy-on-write); if it cannot, SIGSEGV with the
 * address, as Linux decides it from the regions, not from the error
 * code: SEGV_MAPERR where no region is, SEGV_ACCERR where the region's
 * protection refuses the access; SIGBUS BUS_ADRERR for a page of a file
 * mapping wholly past the end of the file.
 * Memory running out is not the faulter's fault: the OOM
 * killer frees some and the fault is retried (mm_fault_oom); only when
 * the faulter is itself the process to kill (or nothing else can be) is
 * it SIGKILLed. Always 0: the fault is dealt with either way.
 */
static int signal_user_page_fault(struct trapframe *tf, uint32_t va,
				  uint32_t err)
{
	int r = -EFAULT;

	if (current->vm)
		r = mm_fault_oom(current->vm, va, err & 2, err & 1);
	if (r == 0)
		return 0;
	if (r == -ENOMEM && (current->sig.pending & SIGBIT(SIGKILL)))
		return 0; /* the OOM killer chose current: it dies on
			     its way back to ring 3 */
	if (r == -ENOMEM) {
		printk("%s[%d]: out of memory on a page fault at %#x\n",
		       current->name, current->pid, va);
		signal_fault_info(SIGKILL, SI_KERNEL, va);
		return 0;
	}
	if (r == -EIO)
		signal_fault_info(SIGBUS, BUS_ADRERR, va);
	else
		signal_fault_info(SIGSEGV,
				  r == -EACCES ? SEGV_ACCERR : SEGV_MAPERR, va);
	return 0;
}

/* signal_init - see signal.h. */
void signal_init(void)
{
	trap_set_user_hooks(signal_trap_fault, sched_user_return);
	mm_user_fault_handler = signal_user_page_fault;
}

/* ---- exec and fork ---------------------------------------------------- */

/* signal_reset_on_exec - see signal.h (Linux flush_signal_handlers):
 * flags, restorer and mask of every action go; the alternate stack too
 * (it lies in the old image). Mask and pending signals stay. */
void signal_reset_on_exec(struct sighand *sh, struct sig_state *s)
{
	for (int i = 0; i < NSIG; i++) {
		struct k_sigaction *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	s->altstack_sp = 0;
	s->altstack_size = 0;
	s->altstack_flags = 0;
}

/* signal_fork_copy - see signal.h (fork(2): "the child's set of pending
 * signals is initially empty"). */
void signal_fork_copy(struct sig_state *child, const struct sig_state *parent)
{
	*child = *parent;
	child->pending = 0;
	child->forced = 0;
	child->restore_mask = false;
	memset(child->info, 0, sizeof(child->info));
}

/* ---- delivery --------------------------------------------------------- */

/*
 * May the default action of stop signal sig stop current? SIGSTOP
 * always does; SIGTSTP, SIGTTIN and SIGTTOU are discarded in an
 * orphaned process group, where nobody would ever continue it (POSIX
 * XSH 2.4.3; Linux get_signal checks it at delivery, as here).
 */
static bool stop_allowed_locked(int sig)
{
	assert_irqs_off();
	return sig == SIGSTOP ||
	       !proc_pgrp_orphaned_locked(current->signal->session.pgid);
}

/* Stop current until SIGCONT or SIGKILL (signal(7) "Stop"). */
static void do_stop(int sig)
{
	thread_stop_group_locked(); /* the others stop on their way out */
	current->state = P_STOPPED;
	signal_notify_stop_locked(current, CLD_STOPPED, sig);
	schedule(); /* back once continue_locked made us runnable */
}

/*
 * Terminate current by sig; a forced fault is logged on the console.
 * Returns only when this ended a vfork child phase: tf then holds the
 * parent's registers, and delivery must stop at once. A "core" signal
 * ends the process as a "term" one does: no core file is written, so, as
 * on Linux when none was (RLIMIT_CORE 0, core(5)), the wait status has
 * no WCOREFLAG and SIGCHLD says CLD_KILLED.
 */
static void die_of(int sig, bool forced, const struct ksiginfo *info,
		   const struct trapframe *tf)
{
	if (forced)
		printk("%s[%d]: killed by signal %d at eip %#x (address %#x)\n",
		       current->name, current->pid, sig, tf->eip, info->addr);
	sti();
	proc_exit_group(W_EXITCODE(0, sig));
	cli();
}

/* The stack pointer a frame of size bytes goes below: the alternate
 * stack for SA_ONSTACK when one is set and not in use. */
/* Where the frame of `size` bytes goes; *fp receives the address of the
 * FPU save area placed above it (FPU_AREA_SIZE bytes, 64-aligned). */
static uint32_t frame_base(const struct trapframe *tf,
			   const struct k_sigaction *ka, uint32_t size,
			   uint32_t *fp)
{
	const struct sig_state *s = &current->sig;
	uint32_t sp = tf->esp;

	if ((ka->flags & SA_ONSTACK) && s->altstack_size &&
	    !signal_on_altstack(sp, s->altstack_sp, s->altstack_size))
		sp = s->altstack_sp + s->altstack_size;
	*fp = ALIGN_DOWN(sp - FPU_AREA_SIZE, 64u);
	return signal_frame_addr(*fp, size);
}

/* Save the interrupted FPU state at user address fp and give the
 * handler a clean one (sigreturn puts the saved one back). 0 or
 * -EFAULT. */
static int save_fpu(uint32_t fp)
{
	fpu_save(&current->fpu);
	if (copy_to_user((void __user *)(uintptr_t)fp, &current->fpu,
			 sizeof(current->fpu)))
		return -EFAULT;
	fpu_init_state(&current->fpu);
	fpu_restore(&current->fpu);
	return 0;
}

/* Registers on entry to a handler (Linux handle_signal, setup_frame):
 * eax = sig and, for regparm(3) handlers, edx and ecx the other two
 * arguments; flat user segments; DF clear as the ABI demands. */
static void enter_handler(struct trapframe *tf, const struct k_sigaction *ka,
			  uint32_t frame, int sig, uint32_t a2, uint32_t a3)
{
	tf->esp = frame;
	tf->eip = ka->handler;
	tf->eax = (uint32_t)sig;
	tf->edx = a2;
	tf->ecx = a3;
	tf->cs = SEL_UCODE;
	tf->ss = tf->ds = tf->es = SEL_UDATA;
	tf->eflags &= ~(EFLAGS_DF | EFLAGS_RF | EFLAGS_TF);
}

static uint32_t fault_cr2(int sig, const struct ksiginfo *info)
{
	return sig == SIGSEGV || sig == SIGBUS ? info->addr : 0;
}

/* The old-style frame (no SA_SIGINFO); 0 or -EFAULT. */
static int setup_frame(struct trapframe *tf, int sig,
		       const struct k_sigaction *ka, uint64_t oldmask,
		       const struct ksiginfo *info)
{
	static const uint8_t code[8] = {0x58, 0xb8, LE32(SYS_sigreturn), 0xcd,
					0x80};
	struct sigframe_abi f;
	uint32_t fp, at = frame_base(tf, ka, sizeof(f), &fp);

	memset(&f, 0, sizeof(f));
	f.pretcode = (ka->flags & SA_RESTORER)
			     ? ka->restorer
			     : at + offsetof(struct sigframe_abi, retcode);
	f.sig = sig;
	sigcontext_save(&f.sc, tf, oldmask, fault_cr2(sig, info));
	f.sc.fpstate = fp;
	f.extramask[0] = (uint32_t)(oldmask >> 32);
	memcpy(f.retcode, code, sizeof(code));
	if (copy_to_user((void __user *)(uintptr_t)at, &f, sizeof(f)) ||
	    save_fpu(fp))
		return -EFAULT;
	enter_handler(tf, ka, at, sig, 0, 0);
	return 0;
}

/* The SA_SIGINFO frame: siginfo and ucontext; 0 or -EFAULT. */
static int setup_rt_frame(struct trapframe *tf, int sig,
			  const struct k_sigaction *ka, uint64_t oldmask,
			  const struct ksiginfo *info)
{
	static const uint8_t code[8] = {0xb8, LE32(SYS_rt_sigreturn), 0xcd,
					0x80, 0};
	const struct sig_state *s = &current->sig;
	struct rt_sigframe_abi f;
	uint32_t fp, at = frame_base(tf, ka, sizeof(f), &fp);

	memset(&f, 0, sizeof(f));
	f.pretcode = (ka->flags & SA_RESTORER)
			     ? ka->restorer
			     : at + offsetof(struct rt_sigframe_abi, retcode);
	f.sig = sig;
	f.pinfo = at + offsetof(struct rt_sigframe_abi, info);
	f.puc = at + offsetof(struct rt_sigframe_abi, uc);
	siginfo_fill(&f.info, sig, info);
	f.uc.uc_stack.ss_sp = s->altstack_sp;
	f.uc.uc_stack.ss_size = s->altstack_size;
	/* the flags last given (Linux __save_altstack), so that
	 * rt_sigreturn reinstalls exactly the setting in force */
	f.uc.uc_stack.ss_flags = (int32_t)s->altstack_flags;
	sigcontext_save(&f.uc.uc_mcontext, tf, oldmask, fault_cr2(sig, info));
	f.uc.uc_mcontext.fpstate = fp;
	f.uc.uc_sigmask[0] = (uint32_t)oldmask;
	f.uc.uc_sigmask[1] = (uint32_t)(oldmask >> 32);
	memcpy(f.retcode, code, sizeof(code));
	if (copy_to_user((void __user *)(uintptr_t)at, &f, sizeof(f)) ||
	    save_fpu(fp))
		return -EFAULT;
	enter_handler(tf, ka, at, sig, f.pinfo, f.puc);
	return 0;
}

/*
 * Run the handler of sig: fix up an interrupted system call, build the
 * frame, then block sa_mask (and sig unless SA_NODEFER). A frame that
 * cannot be written kills with SIGSEGV (Linux force_sigsegv). 0 when the
 * handler will run, -EFAULT otherwise.
 */
static int handle_signal(struct trapframe *tf, int sig,
			 const struct ksiginfo *info)
{
	struct sig_state *s = &current->sig;
	struct k_sigaction *ka = &current->sighand->action[sig - 1];
	uint64_t oldmask = s->restore_mask ? s->saved_mask : s->blocked;
	struct ksiginfo segv = {.code = SI_KERNEL};
	int err;

	signal_fix_restart(tf, current->syscall_nr, true, ka->flags);
	if (ka->flags & SA_SIGINFO)
		err = setup_rt_frame(tf, sig, ka, oldmask, info);
	else
		err = setup_frame(tf, sig, ka, oldmask, info);
	if (err) {
		if (sig == SIGSEGV)
			ka->handler = SIG_DFL;
		force_sig_locked(SIGSEGV, &segv);
		return err;
	}
	s->restore_mask = false;
	s->blocked |= ka->mask;
	if (!(ka->flags & SA_NODEFER))
		s->blocked |= SIGBIT(sig);
	s->blocked &= ~SIG_UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return 0;
}

/* Carry out the default action of sig. Returns true when it ended a
 * vfork child phase (the parent resumes: stop delivering), false when
 * the process goes on. */
static bool default_action(struct trapframe *tf, int sig, bool forced,
			   const struct ksiginfo *info)
{
	if (current == initproc && !forced)
		return false;
	switch (signal_default_action(sig)) {
	case SIG_DEF_IGNORE:
	case SIG_DEF_CONT:
		return false;
	case SIG_DEF_STOP:
		if (stop_allowed_locked(sig))
			do_stop(sig);
		return false;
	case SIG_DEF_CORE:
	case SIG_DEF_TERM:
		die_of(sig, forced, info, tf);
		return true;
	}
	return false;
}

/* Take the next deliverable signal and act on it. Returns true when a
 * handler frame was set up (delivery ends there: one handler per return
 * to user mode, as Linux) or a vfork child phase died of it, false when
 * no signal was left. */
static bool deliver_one(struct trapframe *tf, bool *more)
{
	struct sig_state *s = &current->sig;
	struct signal_struct *sg = current->signal;
	int sig = signal_next(s->pending | sg->shared_pending, s->blocked);
	uint64_t bit = SIGBIT(sig);
	struct ksiginfo info;
	uint32_t handler;
	bool forced = false;

	*more = sig != 0;
	if (!sig)
		return false;
	if (s->pending & bit) { /* the thread's own first, then the group's */
		info = s->info[sig - 1];
		forced = s->forced & bit;
		s->pending &= ~bit;
		s->forced &= ~bit;
	} else {
		info = sg->shared_info[sig - 1];
		sg->shared_pending &= ~bit;
	}
	handler = current->sighand->action[sig - 1].handler;
	if (handler == SIG_IGN)
		return false;
	if (handler != SIG_DFL)
		return handle_signal(tf, sig, &info) == 0;
	return default_action(tf, sig, forced, &info);
}

/* signal_deliver - see signal.h (Linux arch_do_signal_or_restart). */
void signal_deliver(struct trapframe *tf)
{
	struct proc *me = current;
	struct sig_state *s = &me->sig;
	bool more;

	if (!trap_from_user(tf) || !me->tf)
		return;
	if (me->stop_pending) { /* another thread took a stop signal */
		me->stop_pending = false;
		me->state = P_STOPPED;
		schedule(); /* back at SIGCONT or SIGKILL */
	}
	for (;;) {
		do {
			if (!deliver_one(tf, &more))
				continue;
			/* A child phase died: its parent resumed in tf,
			 * and what was sent to it meanwhile is due now. */
			if (current != me)
				signal_deliver(tf);
			return;
		} while (more);
		/* No handler ran: an interrupted call starts over. */
		signal_fix_restart(tf, current->syscall_nr, false, 0);
		current->syscall_nr = -1;
		if (!s->restore_mask)
			return;
		/* rt_sigsuspend's mask comes back and may unblock more. */
		s->blocked = s->saved_mask;
		s->restore_mask = false;
		if (!signal_pending(current))
			return;
	}
}
