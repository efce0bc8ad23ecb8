/*
 * proc.h - processes: struct proc with the per-task state, the
 * refcounted parts a task shares or copies (kernel/proc/parts.c), and the
 * process table (kernel/proc/proc.c: records allocated on demand, pids,
 * parent/child links, lookups by pid, the iterators every walk over all
 * processes goes through) with pid 1's start (kernel/proc/initproc.c).
 * The scheduler and wait queues are sched.h; fork, exit and wait, exec,
 * signals and timers each have their own header (fork.h, exit.h, exec.h,
 * signal.h, itimer.h).
 *
 * Locking: Sleight runs on one CPU. Process-table and scheduler state is
 * changed with interrupts off (irq_save/irq_restore); a process is only
 * preempted at the timer interrupt, never while it holds interrupts off.
 * "Locked" means exactly that: every function whose name ends in _locked
 * is called with interrupts off, and says so on its first line with
 * assert_irqs_off() (arch/x86/io.h), which panics naming the function.
 *
 * Per-process state lives in parts, each with a count of the tasks that
 * use it, named as in Linux (kernel/fork.c copy_files, copy_fs, ...):
 *   files   - the fd table                 (struct fdtable *, file.h)
 *   fs      - cwd, root, umask             (struct fs_struct *)
 *   sighand - the signal dispositions      (struct sighand *)
 *   signal  - what a thread group shares:  (struct signal_struct *)
 *             process group, session, controlling tty, rlimits and
 *             the ITIMER_REAL/alarm timer
 *   vm      - the address space            (struct vm_space *, vm.h)
 * Whether a new task shares or copies each part is decided in one place,
 * proc_plan_make (kernel/proc/plan.c), from the clone flags. Everything
 * else (pid, state, stacks, registers, the signal mask and per-task
 * pending signals, alternate stack, ids, TLS, FPU) is per task, in
 * struct proc, copied at fork. Tasks that share the signal part are one
 * thread group, a process (thread.h, docs/threads.md).
 */
#ifndef SLEIGHT_PROC_H
#define SLEIGHT_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "param.h"
#include "sched.h"
#include "uapi/resource.h" /* struct rlimit64_s, RLIM_NLIMITS */
#include "arch/x86/fpu.h"
#include "arch/x86/trap.h"

struct fdtable;
struct inode;
struct vm_space;

enum proc_state {
	P_UNUSED = 0, /* never on the process list (a freed record) */
	P_EMBRYO,     /* being built; not yet visible to the scheduler */
	P_RUNNABLE,
	P_RUNNING,
	P_SLEEPING, /* on a wait queue */
	P_STOPPED,  /* SIGSTOP and friends */
	P_ZOMBIE,   /* exited; waiting for its parent's wait4 */
	P_VFORK,    /* suspended in vfork: its child phase runs on its
		       kernel stack (kernel/proc/vfork.c) */
};

/* Saved kernel registers for context_switch (callee-saved, cdecl). */
struct context {
	uint32_t edi, esi, ebx, ebp, eip;
};

#define NSIG 64 /* signals 1..64, as Linux */

/* Linux struct k_sigaction as rt_sigaction(2) passes it (i386). */
struct k_sigaction {
	uint32_t handler;  /* SIG_DFL 0, SIG_IGN 1, or address */
	uint32_t flags;	   /* SA_* */
	uint32_t restorer; /* SA_RESTORER trampoline */
	uint64_t mask;	   /* blocked while the handler runs */
};

/* What the sender of a pending signal said about it (siginfo_t). */
struct ksiginfo {
	int32_t code;	/* SI_USER, SEGV_MAPERR, ... */
	int32_t pid;	/* kill: sender; SIGCHLD: child */
	uint32_t uid;	/* the sender's (child's) real uid */
	int32_t status; /* SIGCHLD: exit code or signal */
	uint32_t addr;	/* faults: the faulting address */
};

/*
 * The per-task signal state (kernel/proc/signal.c); the dispositions are
 * the sighand part. A signal is pending at most once (standard and
 * real-time alike); info[] keeps what its first sender said.
 */
struct sig_state {
	uint64_t blocked;	    /* bit signo - 1 */
	uint64_t pending;	    /* bit signo - 1 */
	struct ksiginfo info[NSIG]; /* of each pending signal */
	uint64_t forced;	    /* pending synchronous faults: fatal even
				       to init, never ignored */
	uint64_t saved_mask;	    /* rt_sigsuspend's mask to restore ... */
	bool restore_mask;	    /* ... once delivery is done */
	uint32_t altstack_sp;	    /* sigaltstack base (lowest byte) */
	uint32_t altstack_size;	    /* bytes; 0: no alternate stack */
	uint32_t altstack_flags;    /* ss_flags last installed, 0 at exec
				       (Linux sas_ss_flags) */
};

/* The dispositions (rt_sigaction(2)); shared under CLONE_SIGHAND. */
struct sighand {
	int users;			 /* tasks using it */
	struct k_sigaction action[NSIG]; /* index signo - 1 */
};

/* cwd, root and umask; shared under CLONE_FS. */
struct fs_struct {
	int users;	    /* tasks using it */
	struct inode *cwd;  /* holds a reference */
	struct inode *root; /* holds a reference */
	uint32_t umask;
};

#define NGROUPS_MAX_SLEIGHT 16

struct proc_ids {
	uint32_t uid, euid, suid;
	uint32_t gid, egid, sgid;
	uint32_t ngroups;
	uint32_t groups[NGROUPS_MAX_SLEIGHT];
};

struct session_ids {
	int pgid;
	int sid;
	int ctty; /* controlling tty id, or -1 */
};

/*
 * What a thread group shares (Linux struct signal_struct): shared with
 * CLONE_THREAD, otherwise a new one per process that inherits the
 * session and the limits but no timer (fork(2)). The alarm fields are
 * changed with interrupts off (kernel/proc/itimer.c).
 */
struct signal_struct {
	int users; /* tasks using it */
	struct session_ids session;
	struct rlimit64_s rlim[RLIM_NLIMITS];
	uint64_t alarm_deadline_ms; /* uptime_ms() of the alarm, 0: none */
	uint64_t alarm_interval_ms; /* ITIMER_REAL re-arm period, 0: none */

	/* The thread group (kernel/proc/thread.c); interrupts off. */
	struct proc *leader;	 /* its pid is the group's tgid */
	struct proc *threads;	 /* every member, linked by thread_next */
	int live;		 /* members that have not exited */
	uint64_t shared_pending; /* process-directed signals */
	struct ksiginfo shared_info[NSIG]; /* of each of them */
	bool group_exit;	   /* exit_group, a fatal signal, or an exec
				      killing the other threads */
	int group_exit_status;	   /* wait status of the first group exit */
	struct proc *exec_task;	   /* the thread an exec kills for */
	struct wait_queue exec_wq; /* exec_task waits here for them */
};

struct proc {
	struct fpu_area fpu; /* user x87/SSE state while switched
				out (first: 16-byte aligned) */
	int pid;	     /* the task's id: gettid(2); change only through
				proc_set_pid_locked (hashed) */
	int tgid;	     /* its thread group's: getpid(2) (thread.h) */
	enum proc_state state;
	char name[16]; /* the program's base name */

	/* The table's links (kernel/proc/proc.c; interrupts off). */
	struct proc *all_next; /* the process list, creation order */
	struct proc *all_prev;
	struct proc *hash_next; /* the pid hash chain of pid */

	struct proc *parent;	  /* NULL for a thread but the leader */
	struct proc *children;	  /* first child */
	struct proc *sibling;	  /* next child of the same parent */
	struct proc *thread_next; /* next member of its thread group */
	bool exit_delayed;	  /* a zombie leader whose group still
				     runs: not yet reported to wait4 */
	bool stop_pending;	  /* a group stop reached this thread: it
				     stops on its way to user mode */

	uint32_t kstack;	 /* top of the kernel stack */
	struct context *context; /* saved by context_switch */
	struct trapframe *tf;	 /* the user trap frame, if any */

	/* The parts (kernel/proc/parts.c): each pointer holds one users
	 * count. A zombie has dropped all but signal, which it keeps for
	 * wait4 and group lookups until it is reaped (proc_free). */
	struct vm_space *vm; /* user address space */
	struct fdtable *files;
	struct fs_struct *fs;
	struct sighand *sighand;
	struct signal_struct *signal;

	struct sig_state sig; /* mask, pending, altstack: per task */
	struct proc_ids ids;  /* copied, never shared */
	int nice;

	struct wait_queue *wq; /* the queue it sleeps on */
	struct proc *wq_next;
	bool wake_interrupted; /* woken by a signal, not the event */

	int exit_status;	      /* wait4 status word once a zombie */
	int exit_signal;	      /* sent to the parent on exit: SIGCHLD */
	struct wait_queue child_exit; /* the parent's wait4 sleeps here */

	int32_t syscall_nr; /* the call in progress (Linux orig_eax)
			       for restarts; -1: none */
	int wait_report;    /* for the parent's wait4: a stop
			       ((sig << 8) | 0x7f) or a continue
			       (0xffff) not yet reported; 0: none */

	struct proc *vfork_parent;   /* in a child phase: the P_VFORK
					parent whose kernel stack and
					memory it borrows; else NULL */
	struct trapframe vfork_regs; /* P_VFORK: the user registers vfork
					returns with (eax = the pid) */
	struct proc *vfork_child;    /* P_VFORK: its child phase */
	uint32_t tls_base;	     /* set_thread_area, reloaded on switch */
	uint32_t tls_limit;	     /* in pages (descriptor limit) */
	bool tls_present;
	uint32_t clear_child_tid; /* set_tid_address, CLONE_CHILD_CLEARTID:
				     0 and a wake here at exit (futex.h) */
	uint32_t set_child_tid;	  /* CLONE_CHILD_SETTID: the tid goes here
				     at the first run, then 0 */
	uint32_t robust_list;	  /* set_robust_list head, 0: none */
};

/* The process running on this CPU; NULL before the first one starts.
 * Set by the scheduler (kernel/proc/sched.c). */
extern struct proc *current;

/* ---- the process table (kernel/proc/proc.c) --------------------------- */

extern struct proc *initproc;

/* proc_init - install the process layer's hook into mm (user pointers
 * refer to current's address space) and size the default RLIMIT_NPROC
 * from the free frames. Once, at boot, after pmm_init and before any
 * user copy. */
void proc_init(void);
struct proc *proc_alloc_slot(int pid, int *err);
struct proc *proc_alloc(int pid, int *err);
void proc_free(struct proc *p);
struct proc *proc_find_locked(int pid);
void proc_set_pid_locked(struct proc *p, int pid);
/* True when no member of process group pgid has a parent in another
 * group of its session (POSIX "orphaned process group"). Interrupts off. */
bool proc_pgrp_orphaned_locked(int pgid);
bool proc_pgrp_exists_locked(int pgid, int sid);
int pid_alloc_locked(void);
void proc_link_child_locked(struct proc *parent, struct proc *child);
void proc_unlink_child_locked(struct proc *child);
bool proc_reparent_children_locked(struct proc *p,
				   void (*moved)(struct proc *c));
int proc_count(void);
uint64_t proc_nproc_default(void);

/*
 * Walking every process. The table itself is private to kernel/proc/proc.c;
 * everyone else walks it through these, with interrupts off for the whole
 * walk (nothing is added or freed meanwhile):
 *
 *	uint32_t f = irq_save();
 *	struct proc *p;
 *
 *	proc_for_each_locked(p)
 *		if (proc_visible(p) && ...)
 *			...;
 *	irq_restore(f);
 *
 * The walk sees every record in creation order: embryos (being built)
 * and zombies included. The
 * body must not free p (proc_free): collect, or restart the walk.
 * proc_first_locked is the list's head, or NULL; proc_next the record
 * after p, or NULL.
 */
struct proc *proc_first_locked(void);

static inline struct proc *proc_next(const struct proc *p)
{
	return p->all_next;
}

#define proc_for_each_locked(p)                                                \
	for ((p) = proc_first_locked(); (p); (p) = proc_next(p))

/* A process lookups and signals see: anything but an embryo. */
static inline bool proc_visible(const struct proc *p)
{
	return p->state != P_EMBRYO && p->state != P_UNUSED;
}

/* A process that is alive: visible and not a zombie. */
static inline bool proc_live(const struct proc *p)
{
	return proc_visible(p) && p->state != P_ZOMBIE;
}

/* ---- pid 1 (kernel/proc/initproc.c) ----------------------------------- */

/* proc_start_init - make pid 1 run path with argv, root its root
 * directory (the reference passes to init); runnable on return. Panics
 * when init cannot be started. */
void proc_start_init(struct inode *root, const char *path,
		     const char *const *argv);

#endif
