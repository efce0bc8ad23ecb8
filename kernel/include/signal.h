/*
 * signal.h - signals (kernel/proc/signal.c, sigsend.c, sigset.c, kill.c):
 * the kernel's signal masks and restart codes, and the interface the rest
 * of the kernel uses to send and deliver them (signal(7), rt_sigaction(2),
 * sigreturn(2)). The numbers, flags and ABI layouts are uapi/signal.h.
 */
#ifndef SLEIGHT_SIGNAL_H
#define SLEIGHT_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "proc.h"

#include "uapi/sched.h"
#include "uapi/signal.h"

#define SIGBIT(sig) (1ull << ((sig)-1))
/* The job-control stop signals. */
#define SIG_STOP_SET                                                           \
	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
/* Signals that can be neither caught, blocked nor ignored. */
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* Synchronous fault signals: delivered before any other (Linux
 * SYNCHRONOUS_MASK). */
#define SIG_SYNCHRONOUS                                                        \
	(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | \
	 SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

/* Internal: a blocking call interrupted by a signal; becomes -EINTR, or a
 * restart of the call when the handler has SA_RESTART (Linux
 * ERESTARTSYS). Never seen by user space. */
#define ERESTARTSYS 512
/* Internal: as ERESTARTSYS, but -EINTR whenever a handler runs, whatever
 * SA_RESTART says (Linux ERESTARTNOHAND: pause, rt_sigsuspend). */
#define ERESTARTNOHAND 514

/* Is an unblocked signal pending for p, in its own set or its thread
 * group's, or a group stop (thread.h)? */
static inline bool signal_pending(const struct proc *p)
{
	uint64_t shared = p->signal ? p->signal->shared_pending : 0;

	return ((p->sig.pending | shared) & ~p->sig.blocked) != 0 ||
	       p->stop_pending;
}

struct sigcontext_abi;
struct siginfo_abi;

/* ---- kernel/proc/sigsend.c -------------------------------------------- */

/* Post sig to p's process (interrupts off): a process-directed signal,
 * pending in the thread group and taken by a thread that does not block
 * it, which is woken from an interruptible sleep (thread.h). SIGKILL
 * goes to, and wakes, every thread. The receiver sees si_code SI_KERNEL. */
void signal_send_locked(struct proc *p, int sig);

/* As signal_send_locked, with what siginfo_t will say (info->code ...). */
void signal_send_info_locked(struct proc *p, int sig,
			     const struct ksiginfo *info);

/* A thread-directed signal (tkill, tgkill, the group's SIGKILL): pending
 * for task t only; wakes t if t does not block it. Interrupts off. */
void signal_send_thread_locked(struct proc *t, int sig,
			       const struct ksiginfo *info);

/* t's process stopped (code CLD_STOPPED, by sig) or continued
 * (CLD_CONTINUED): record it on the leader for the parent's wait4
 * (WUNTRACED, WCONTINUED), wake the parent's waiters and send it
 * SIGCHLD unless it asked for SA_NOCLDSTOP. Interrupts off. */
void signal_notify_stop_locked(struct proc *t, int code, int sig);

/* p (current) became a zombie with wait status `status`: send its exit
 * signal to the parent with CLD_EXITED, CLD_KILLED or CLD_DUMPED. */
void signal_notify_exit_locked(struct proc *p, int status);

/* ---- kernel/proc/signal.c --------------------------------------------- */

/* Deliver pending signals to current on its way back to user mode:
 * default actions (terminate, ignore, stop, continue) or a handler frame
 * built on the user stack. Interrupts off. */
void signal_deliver(struct trapframe *tf);

/* A user-mode fault: post signal sig (SIGSEGV, SIGILL, SIGFPE, SIGBUS)
 * with si_code code and si_addr addr to current; delivery kills it if
 * the signal is blocked or ignored, as Linux does for synchronous
 * faults. */
void signal_fault_info(int sig, int code, uint32_t addr);

/* Reset caught signals of sh to SIG_DFL (execve(2)); ignored stay
 * ignored; the task's alternate stack s goes. */
void signal_reset_on_exec(struct sighand *sh, struct sig_state *s);

/* The child's per-task signal state after fork(2): the parent's mask
 * and alternate stack; nothing pending. Interrupts off. */
void signal_fork_copy(struct sig_state *child, const struct sig_state *parent);

/* Install the trap hooks (user faults become signals, delivery on every
 * return to ring 3) and the user page-fault handler. Once, at boot,
 * after the trap and mm init. */
void signal_init(void);

/* ---- kernel/proc/kill.c: kill(2)'s targets and permission ------------ */

/*
 * signal_kill_pid - send sig (0: only check) to the process with this
 * pid on behalf of current, as kill(2) does for pid > 0; code is the
 * si_code (SI_USER, SI_TKILL). 0, -ESRCH (no such process), -EPERM
 * (kill(2) permission rules). Every lookup of a signal target by pid
 * goes through here.
 */
int signal_kill_pid(int pid, int sig, int code);

/* tkill(2)/tgkill(2): sig (0: check only) to task tid alone, which
 * must be in thread group tgid unless tgid is -1; si_code SI_TKILL. 0,
 * -ESRCH (no such live task in that group), -EPERM. */
int signal_kill_thread(int tgid, int tid, int sig);

/* Send sig (0: check only) from current to p, with si_code code: the
 * permission check of signal_kill_pid, for callers that walk the table
 * (kill of a group). 0 or -EPERM. Interrupts off. */
int signal_kill_proc_locked(struct proc *p, int sig, int code);

/* kill(2) of process group pgid (sig 0: check only): 0 if any member got
 * it, else the last error (-EPERM), or -ESRCH when the group is empty. */
int signal_kill_pgrp(int pgid, int sig);

/* The kernel's own signal to a process group (the tty's ^C, SIGWINCH,
 * an orphaned group's SIGHUP): sig to every live member of pgid, with no
 * permission check. Returns how many got it. Interrupts off. */
int signal_send_pgrp_locked(int pgid, int sig);

/* kill(-1, sig): everyone but init and the caller; 0 when there was
 * anyone to try (even if refused, as Linux), else -ESRCH. */
int signal_kill_all(int sig);

/* ---- kernel/proc/sigset.c: pure rules, host-tested -------------------- */

enum sig_default {
	SIG_DEF_TERM, /* terminate */
	SIG_DEF_CORE, /* "core": terminate; no core file is written */
	SIG_DEF_IGNORE,
	SIG_DEF_STOP,
	SIG_DEF_CONT, /* continue (the resume is done at send) */
};

/* The default action of sig 1..NSIG (signal(7)). */
enum sig_default signal_default_action(int sig);

/* Would sig be discarded at send time, with the dispositions action[]
 * (NSIG of them) and the mask blocked? Linux sig_ignored(): never when
 * blocked; else when the handler is SIG_IGN, or SIG_DFL with a default
 * action of ignore (SIGCHLD, SIGCONT, SIGURG, SIGWINCH). */
bool signal_discarded(const struct k_sigaction *action, uint64_t blocked,
		      int sig);

/* The signal to deliver next: a synchronous fault signal first, else the
 * lowest-numbered pending unblocked one; 0 when none. */
int signal_next(uint64_t pending, uint64_t blocked);

/* rt_sigprocmask's change of *blocked by how (SIG_BLOCK, SIG_UNBLOCK,
 * SIG_SETMASK); SIGKILL and SIGSTOP are never blocked. 0, or -EINVAL for
 * an unknown how (nothing changed). */
int signal_mask_change(uint64_t *blocked, int how, uint64_t set);

/* Where a frame of size bytes goes below user stack pointer sp: the i386
 * ABI wants (frame + 4) 16-byte aligned, as after a call. */
uint32_t signal_frame_addr(uint32_t sp, uint32_t size);

/* Is sp on the alternate stack [base, base + size)? */
bool signal_on_altstack(uint32_t sp, uint32_t base, uint32_t size);

/*
 * The syscall-restart rule at delivery (Linux handle_signal /
 * arch_do_signal_or_restart): if tf returns from system call nr (>= 0)
 * with -ERESTARTSYS or -ERESTARTNOHAND, either set eax = -EINTR (a
 * handler runs and the call must not restart) or rewind eip over the
 * 2-byte int $0x80 and reload eax = nr. handler: a handler is about to
 * run, with flags sa_flags.
 */
void signal_fix_restart(struct trapframe *tf, int32_t nr, bool handler,
			uint32_t sa_flags);

/* Save tf and the old mask into a sigcontext (cr2: fault address). */
void sigcontext_save(struct sigcontext_abi *sc, const struct trapframe *tf,
		     uint64_t oldmask, uint32_t cr2);

/*
 * sigcontext_restore - load the registers of sc into tf, as sigreturn
 * does, so that user space cannot escalate or make the way back to ring
 * 3 fault: only the arithmetic/DF/TF/AC/RF flags come from sc (IF stays
 * on, IOPL 0, no VM, no NT), every selector gets RPL 3 and then goes
 * through user_selectors_fix. 0, or -EINVAL when cs or ss is not usable
 * (tf untouched; the caller kills with SIGSEGV, as Linux's failed iret).
 */
int sigcontext_restore(struct trapframe *tf, const struct sigcontext_abi *sc);

/*
 * user_selectors_fix - make tf's selectors safe for trap_return to load
 * in ring 0, against the GDT as it is now (gdt_user_selector_ok): a
 * ds, es, fs or gs that cannot be loaded becomes 0, as Linux's
 * loadsegment fixup leaves it (the process faults on its next use of
 * the register); cs and ss have no such fallback, so either one being
 * unusable gives -EINVAL with tf untouched, and the caller sends
 * SIGSEGV. 0 otherwise. Used by sigreturn and set_thread_area (which
 * can empty the descriptor a register holds).
 */
int user_selectors_fix(struct trapframe *tf);

/* Fill a user siginfo_t for sig from what its sender said. */
void siginfo_fill(struct siginfo_abi *out, int sig,
		  const struct ksiginfo *info);

#endif
