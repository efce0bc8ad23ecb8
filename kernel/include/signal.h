/*
 * signal.h - signals: Linux i386 numbers and flags, and the interface the
 * rest of the kernel uses to send and deliver them (signal(7),
 * rt_sigaction(2), sigreturn(2)).
 */
#ifndef SLEIGHT_SIGNAL_H
#define SLEIGHT_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "proc.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31

#define SIG_DFL		0u
#define SIG_IGN		1u

#define SA_NOCLDSTOP	0x00000001u
#define SA_NOCLDWAIT	0x00000002u
#define SA_SIGINFO	0x00000004u
#define SA_RESTORER	0x04000000u
#define SA_ONSTACK	0x08000000u
#define SA_RESTART	0x10000000u
#define SA_NODEFER	0x40000000u
#define SA_RESETHAND	0x80000000u

#define SIGBIT(sig)	(1ull << ((sig) - 1))

/* Internal: a blocking call interrupted by a signal; becomes -EINTR, or a
 * restart of the call when the handler has SA_RESTART (Linux
 * ERESTARTSYS). Never seen by user space. */
#define ERESTARTSYS	512

/* clone(2) flags (Linux include/uapi/linux/sched.h). */
#define CSIGNAL			0x000000ffu
#define CLONE_VM		0x00000100u
#define CLONE_FS		0x00000200u
#define CLONE_FILES		0x00000400u
#define CLONE_SIGHAND		0x00000800u
#define CLONE_VFORK		0x00004000u
#define CLONE_PARENT		0x00008000u
#define CLONE_THREAD		0x00010000u
#define CLONE_SETTLS		0x00080000u
#define CLONE_PARENT_SETTID	0x00100000u
#define CLONE_CHILD_CLEARTID	0x00200000u
#define CLONE_CHILD_SETTID	0x01000000u
/* Flags a plain (non-CLONE_VM) clone accepts and ignores. */
#define CLONE_SUPPORTED_FORK	(CLONE_VFORK)

/* Install the user fault and user return hooks (trap_set_user_hooks). */
void signal_init(void);

/* Is an unblocked signal pending for p? */
static inline bool signal_pending(const struct proc *p)
{
	return (p->sig.pending & ~p->sig.blocked) != 0;
}

/* Post sig to p (interrupts off); wakes p from an interruptible sleep if
 * the signal is not blocked. SIGKILL always wakes. */
void signal_send_locked(struct proc *p, int sig);

/* Deliver pending signals to current on its way back to user mode:
 * default actions (terminate, ignore, stop, continue) or a handler frame
 * built on the user stack. Interrupts off. */
void signal_deliver(struct trapframe *tf);

/* A user-mode fault: post the matching signal (SIGSEGV, SIGILL, SIGFPE,
 * SIGBUS) to current; delivery kills it if the signal is blocked or
 * ignored, as Linux does for synchronous faults. */
void signal_fault(struct trapframe *tf, int sig);

/* Reset caught signals to SIG_DFL (execve(2)); ignored stay ignored. */
void signal_reset_on_exec(struct sig_state *s);

#endif
