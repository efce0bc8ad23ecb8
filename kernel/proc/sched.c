/*
 * kernel/proc/sched.c - the round-robin scheduler and wait queues.
 *
 * Owns `current`, the idle process (pid 0, which runs kmain's idle loop on
 * the boot stack), the need-resched flag and the tick wait queue.
 *
 * Locking: one CPU. schedule() and every *_locked function run with
 * interrupts off; a process that sleeps inside them resumes, later, still
 * with interrupts off, and its caller restores its own flags. A process is
 * preempted only on its way back to user mode (sched_user_return), never
 * in the middle of kernel code.
 *
 * Invariants: exactly one process is P_RUNNING and it is `current`
 * (sched_hand_over_locked changes current on one kernel stack for the
 * vfork child phase; a P_VFORK parent is never picked); a
 * P_SLEEPING process is on exactly one wait queue (p->wq); a zombie's
 * kernel stack is freed only once it is no longer running on it
 * (sched_tail frees the reaped predecessor).
 */
#include "kernel.h"
#include "errno.h"
#include "futex.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "timer.h"
#include "vm.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"

struct proc *current;
static struct proc idle_proc;
/* The idle process's parts: empty, never freed (the boot context opens
 * init's console with them as current). */
static struct fs_struct idle_fs = {.users = 1};
static struct sighand idle_sighand = {.users = 1};
static struct signal_struct idle_signal = {.users = 1};
static struct proc *free_after_switch; /* reaped while running on it */
static bool need_resched;
static unsigned slice_ticks;
struct wait_queue tick_wq; /* woken on every timer tick */

void context_switch(struct context **old, struct context *new);

/* Round robin: the first runnable process after current in table order,
 * else current if it may go on running, else the idle process. */
static struct proc *pick_next_locked(void)
{
	int start = 0;

	if (current >= proc_table && current < proc_table + PROC_MAX)
		start = (int)(current - proc_table) + 1;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &proc_table[(start + i) % PROC_MAX];

		if (p->state == P_RUNNABLE)
			return p;
	}
	if (current->state == P_RUNNABLE)
		return current;
	return &idle_proc;
}

/* Load the hardware state that belongs to next: its kernel stack for
 * traps from ring 3 (Intel SDM vol. 3, 7.2.1), its page directory and its
 * TLS descriptor. */
static void switch_hw_locked(struct proc *next)
{
	if (next->kstack)
		tss_set_kernel_stack(next->kstack);
	pgdir_switch(next->vm ? vm_pgdir(next->vm) : NULL);
	gdt_set_tls(GDT_ENTRY_TLS_MIN, next->tls_base, next->tls_limit,
		    next->tls_present);
}

/*
 * schedule - give the CPU to the next runnable process. Interrupts must be
 * off. The caller has already set current->state (P_SLEEPING, P_ZOMBIE,
 * ...) if it must not run on; a P_RUNNING caller stays runnable. Returns
 * when the caller is chosen again (never, for a zombie).
 */
void schedule(void)
{
	struct proc *prev = current, *next;

	BUG_ON(read_eflags() & EFLAGS_IF);
	if (prev->state == P_RUNNING)
		prev->state = P_RUNNABLE;
	need_resched = false;
	slice_ticks = 0;
	next = pick_next_locked();
	next->state = P_RUNNING;
	if (next == prev)
		return;
	current = next;
	fpu_save(&prev->fpu);
	fpu_restore(&next->fpu);
	switch_hw_locked(next);
	context_switch(&prev->context, next->context);
	sched_tail();
}

/*
 * sched_hand_over_locked - make next current on the kernel stack that
 * is running now, without a context switch (the vfork child phase
 * begins and ends this way, kernel/proc/vfork.c). The caller has set
 * current's state; next becomes P_RUNNING with its FPU registers and TLS
 * loaded. current's FPU registers are not saved: at the start its state
 * was just copied (proc_task_copy saved it), at the end the child
 * phase's registers are dropped (an exec gave the record a clean state,
 * which must stay). The page directory stays: a child phase runs on its
 * parent's, so the one loaded is next's at both ends (checked), and CR3
 * is not reloaded (that would flush the TLB for nothing). Interrupts off.
 */
void sched_hand_over_locked(struct proc *next)
{
	BUG_ON(read_eflags() & EFLAGS_IF);
	BUG_ON(!next->vm || read_cr3() != V2P(vm_pgdir(next->vm)));
	fpu_restore(&next->fpu);
	next->state = P_RUNNING;
	current = next;
	tss_set_kernel_stack(next->kstack);
	gdt_set_tls(GDT_ENTRY_TLS_MIN, next->tls_base, next->tls_limit,
		    next->tls_present);
}

/* sched_tail - work left for the process that just got the CPU. */
void sched_tail(void)
{
	if (free_after_switch && free_after_switch != current) {
		proc_free(free_after_switch);
		free_after_switch = NULL;
	}
	if (current->set_child_tid)
		futex_set_child_tid(); /* a clone child's first run */
}

/* sched_free_after_switch_locked - free p's slot and kernel stack as soon
 * as the CPU has left it (for a process reaped while it still runs). */
void sched_free_after_switch_locked(struct proc *p)
{
	BUG_ON(free_after_switch != NULL);
	free_after_switch = p;
}

/* sched_make_runnable - let the scheduler run p (a P_EMBRYO or woken
 * process). */
void sched_make_runnable(struct proc *p)
{
	uint32_t f = irq_save();

	p->state = P_RUNNABLE;
	irq_restore(f);
}

/* The timer's hook: every tick, end the time slice of a user process
 * after SCHED_SLICE_TICKS and wake tick sleepers. Interrupt context. */
static void sched_tick(void)
{
	if (current != &idle_proc && ++slice_ticks >= SCHED_SLICE_TICKS)
		need_resched = true;
	if (tick_wq.head)
		wake_up_locked(&tick_wq);
}

/*
 * sched_user_return - called on every return to ring 3 with interrupts
 * off: switch away if the slice is over, then deliver pending signals.
 */
void sched_user_return(struct trapframe *tf)
{
	if (need_resched)
		schedule();
	signal_deliver(tf);
}

/* sleep_on_locked - put current on wq and switch away until woken.
 * Interrupts off. */
void sleep_on_locked(struct wait_queue *wq)
{
	current->wq = wq;
	current->wq_next = wq->head;
	wq->head = current;
	current->state = P_SLEEPING;
	schedule();
}

/*
 * sleep_interruptible_locked - as sleep_on_locked, but a signal ends the
 * sleep. Returns 0 when woken by the event, -ERESTARTSYS when a signal is
 * pending (before sleeping or while asleep): a system call passes that
 * up, and signal delivery turns it into -EINTR or a restart of the call
 * (SA_RESTART, or no handler ran). A call that must not restart (it
 * reports time left, say) returns -EINTR itself. Interrupts off.
 */
int sleep_interruptible_locked(struct wait_queue *wq)
{
	if (signal_pending(current))
		return -ERESTARTSYS;
	current->wake_interrupted = false;
	sleep_on_locked(wq);
	if (current->wake_interrupted || signal_pending(current)) {
		current->wake_interrupted = false;
		return -ERESTARTSYS;
	}
	return 0;
}

/* wake_up_locked - make every sleeper on wq runnable. Interrupts off. */
void wake_up_locked(struct wait_queue *wq)
{
	while (wq->head) {
		struct proc *p = wq->head;

		wq->head = p->wq_next;
		p->wq_next = NULL;
		p->wq = NULL;
		if (p->state == P_SLEEPING)
			p->state = P_RUNNABLE;
	}
}

void wake_up(struct wait_queue *wq)
{
	uint32_t f = irq_save();

	wake_up_locked(wq);
	irq_restore(f);
}

/* proc_interrupt_sleep_locked - a signal arrived for p: if it sleeps, take
 * it off its queue and make it runnable with wake_interrupted set. */
void proc_interrupt_sleep_locked(struct proc *p)
{
	struct proc **pp;

	if (p->state != P_SLEEPING || !p->wq)
		return;
	for (pp = &p->wq->head; *pp; pp = &(*pp)->wq_next) {
		if (*pp == p) {
			*pp = p->wq_next;
			break;
		}
	}
	p->wq = NULL;
	p->wq_next = NULL;
	p->wake_interrupted = true;
	p->state = P_RUNNABLE;
}

/* sched_init - make the running boot context the idle process (pid 0). */
void sched_init(void)
{
	fpu_init();
	fpu_init_state(&idle_proc.fpu);
	strlcpy(idle_proc.name, "idle", sizeof(idle_proc.name));
	idle_proc.fs = &idle_fs;
	idle_proc.sighand = &idle_sighand;
	idle_proc.signal = &idle_signal;
	idle_proc.state = P_RUNNING;
	current = &idle_proc;
	timer_add_hook(sched_tick);
}

/* sched_idle_loop - what the boot context does once init is running:
 * sleep until an interrupt, then let anything runnable run. */
void __noreturn sched_idle_loop(void)
{
	for (;;) {
		cli();
		schedule();
		/* sti's one-instruction shadow: no wake-up is lost before hlt
		 */
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}
