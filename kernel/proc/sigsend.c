/*
 * kernel/proc/sigsend.c - posting signals (signal(7)): to a process, where
 * the signal waits in its thread group's pending set for the thread
 * chosen to take it (Linux complete_signal), or to one thread (tkill,
 * tgkill, the group's SIGKILL); the job-control side effects of posting
 * (a stop cancels a pending SIGCONT, SIGCONT continues the group); and
 * the parent's notices of a child's stop, continue and exit.
 *
 * Owns the pending sets (struct sig_state.pending of every task,
 * signal_struct.shared_pending of every group) on the posting side;
 * signal.c takes signals out of them at delivery.
 * Locking: one CPU; every function here runs with interrupts off (an
 * interrupt, the tty's ^C or the alarm tick, posts too).
 * Invariants: a signal is pending at most once in a set, with its first
 * sender's info; a signal whose action is "ignore" is discarded at send
 * unless blocked (Linux sig_ignored); init takes only signals it has a
 * handler for; a zombie takes nothing, but a leader that exited alone
 * still names its living group.
 * Sources: signal(7), kill(2), tkill(2), wait(2); Linux kernel/signal.c
 * (prepare_signal, complete_signal, do_notify_parent).
 */
#include "kernel.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "thread.h"
#include "arch/x86/io.h"
#include "uapi/wait.h"

static bool proc_gone(const struct proc *p)
{
	return p->state == P_UNUSED || p->state == P_ZOMBIE;
}

/*
 * A stopped child changed state: record it for wait4 (WUNTRACED,
 * WCONTINUED), wake the parent's wait4, and send SIGCHLD unless the
 * parent asked for SA_NOCLDSTOP. code: CLD_STOPPED or CLD_CONTINUED.
 */
void signal_notify_stop_locked(struct proc *t, int code, int sig)
{
	struct proc *p = thread_leader(t), *parent = p->parent;
	struct ksiginfo info = {
		.code = code, .pid = p->pid, .uid = p->ids.uid, .status = sig};

	assert_irqs_off();
	p->wait_report = code == CLD_STOPPED ? W_STOPCODE(sig) : W_CONTINUED;
	if (!parent)
		return;
	thread_wake_waiters_locked(parent);
	if (parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP)
		return;
	signal_send_info_locked(parent, SIGCHLD, &info);
}

/* Drop t's pending stops; note in *stopped whether t is (to be)
 * stopped. For thread_for_each_locked. */
static void drop_stops(struct proc *t, void *stopped)
{
	t->sig.pending &= ~SIG_STOP_SET;
	if (t->state == P_STOPPED || t->stop_pending)
		*(bool *)stopped = true;
}

/* SIGCONT was sent to p's process: drop pending stops in every thread
 * and the group, resume the stopped threads (signal(7)). */
static void continue_locked(struct proc *p)
{
	bool stopped = false;

	assert_irqs_off();
	thread_for_each_locked(p, drop_stops, &stopped);
	if (p->signal)
		p->signal->shared_pending &= ~SIG_STOP_SET;
	if (!stopped)
		return;
	thread_continue_group_locked(p);
	signal_notify_stop_locked(p, CLD_CONTINUED, SIGCONT);
}

static void drop_cont(struct proc *t, void *unused)
{
	t->sig.pending &= ~SIGBIT(SIGCONT);
}

/* Linux prepare_signal's job-control side effects, for p's process: a
 * stop signal cancels a pending SIGCONT, SIGCONT continues the group. */
static void prepare_locked(struct proc *p, int sig)
{
	assert_irqs_off();
	if (SIGBIT(sig) & SIG_STOP_SET) {
		thread_for_each_locked(p, drop_cont, NULL);
		if (p->signal)
			p->signal->shared_pending &= ~SIGBIT(SIGCONT);
	}
	if (sig == SIGCONT)
		continue_locked(p);
}

/* Make sig pending in *pending, keeping the first sender's info. */
static void post(uint64_t *pending, struct ksiginfo *infos, int sig,
		 const struct ksiginfo *info)
{
	if (!(*pending & SIGBIT(sig)))
		infos[sig - 1] = *info;
	*pending |= SIGBIT(sig);
}

/* Init takes only the signals it has handlers for (Linux
 * SIGNAL_UNKILLABLE), so that kill -9 1 cannot bring the system down. */
static bool init_ignores(const struct proc *p, int sig)
{
	return p == initproc &&
	       p->sighand->action[sig - 1].handler == SIG_DFL &&
	       !(p->sig.blocked & SIGBIT(sig));
}

/*
 * signal_send_thread_locked - see signal.h. Order as Linux
 * prepare_signal: job-control side effects happen even when the signal
 * itself is then discarded (a SIGCONT to a stopped process that ignores
 * SIGCONT still resumes it).
 */
void signal_send_thread_locked(struct proc *t, int sig,
			       const struct ksiginfo *info)
{
	struct sig_state *s = &t->sig;
	uint64_t bit;

	assert_irqs_off();
	/* !sighand: a thread being ended on its behalf has let its parts
	 * go (thread_end_vforked) */
	if (sig < 1 || sig > NSIG || proc_gone(t) || !t->sighand)
		return;
	bit = SIGBIT(sig);
	prepare_locked(t, sig);
	if (sig == SIGKILL && t->state == P_STOPPED)
		t->state = P_RUNNABLE;
	if (signal_discarded(t->sighand->action, s->blocked, sig) ||
	    init_ignores(t, sig))
		return;
	if (!(s->pending & bit))
		s->forced &= ~bit;
	post(&s->pending, s->info, sig, info);
	if (sig == SIGKILL || !(s->blocked & bit))
		proc_interrupt_sleep_locked(t);
}

static void kill_thread(struct proc *t, void *info)
{
	signal_send_thread_locked(t, SIGKILL, info);
}

/*
 * signal_send_info_locked - see signal.h: a process-directed signal.
 * It waits in the group's pending set for the thread chosen to take it
 * (thread_pick_locked), which is woken; SIGKILL goes to every thread at
 * once (Linux complete_signal).
 */
void signal_send_info_locked(struct proc *p, int sig,
			     const struct ksiginfo *info)
{
	struct signal_struct *sg;
	struct proc *t;

	assert_irqs_off();
	/* A leader that exited first still names its living group (its own
	 * parts are gone: a live thread stands in for it). */
	if (p->state == P_ZOMBIE)
		p = thread_reaper_locked(p);
	if (sig < 1 || sig > NSIG || !p || proc_gone(p) || !p->sighand)
		return;
	sg = p->signal;
	prepare_locked(p, sig);
	if (signal_discarded(p->sighand->action, p->sig.blocked, sig) ||
	    init_ignores(p, sig))
		return;
	if (sig == SIGKILL) {
		thread_for_each_locked(p, kill_thread, (void *)info);
		return;
	}
	post(&sg->shared_pending, sg->shared_info, sig, info);
	t = thread_pick_locked(p, sig);
	if (t)
		proc_interrupt_sleep_locked(t);
}

/* signal_send_locked - see signal.h. */
void signal_send_locked(struct proc *p, int sig)
{
	struct ksiginfo info = {.code = SI_KERNEL};

	assert_irqs_off();
	signal_send_info_locked(p, sig, &info);
}

/*
 * signal_notify_exit_locked - p (current) has become a zombie with wait
 * status `status`: send its exit signal (normally SIGCHLD) to the parent
 * with CLD_EXITED, CLD_KILLED or CLD_DUMPED (wait(2), sigaction(2)).
 */
void signal_notify_exit_locked(struct proc *p, int status)
{
	struct ksiginfo info = {.pid = p->pid, .uid = p->ids.uid};

	assert_irqs_off();
	if (!p->parent || !p->exit_signal)
		return;
	if (WTERMSIG(status)) {
		info.code = (status & WCOREFLAG) ? CLD_DUMPED : CLD_KILLED;
		info.status = WTERMSIG(status);
	} else {
		info.code = CLD_EXITED;
		info.status = WEXITSTATUS(status);
	}
	signal_send_info_locked(p->parent, p->exit_signal, &info);
}
