/*
 * proc.h - processes: the process table, the scheduler interface and the
 * per-process state that system calls read and change.
 *
 * Locking: Sleight runs on one CPU. Process-table and scheduler state is
 * changed with interrupts off (irq_save/irq_restore); a process is only
 * preempted at the timer interrupt, never while it holds interrupts off.
 *
 * The per-process state is grouped so that the vfork child phase can back
 * up and restore each group as a whole (see docs/vfork.md):
 *   files   - the fd table                         (struct fdtable *)
 *   fs      - cwd, root, umask                     (struct fs_state)
 *   sig     - dispositions, mask, pending          (struct sig_state)
 *   ids     - uids, gids, groups                   (struct cred)
 *   session - pgid, sid, controlling tty           (struct session_ids)
 *   limits  - rlimits, alarm/itimers, nice         (struct limits)
 * Memory (struct vm_space) is shared, never backed up.
 */
#ifndef SLEIGHT_PROC_H
#define SLEIGHT_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "param.h"
#include "arch/x86/fpu.h"
#include "arch/x86/trap.h"

struct fdtable;
struct inode;
struct vm_space;
struct vfork_frame;

enum proc_state {
	P_UNUSED = 0,
	P_EMBRYO,	/* being built; not yet visible to the scheduler */
	P_RUNNABLE,
	P_RUNNING,
	P_SLEEPING,	/* on a wait queue */
	P_STOPPED,	/* SIGSTOP and friends */
	P_ZOMBIE,	/* exited; waiting for its parent's wait4 */
};

/* Saved kernel registers for context_switch (callee-saved, cdecl). */
struct context {
	uint32_t edi, esi, ebx, ebp, eip;
};

#define NSIG		64		/* signals 1..64, as Linux */

/* Linux struct k_sigaction as rt_sigaction(2) passes it (i386). */
struct k_sigaction {
	uint32_t handler;		/* SIG_DFL 0, SIG_IGN 1, or address */
	uint32_t flags;			/* SA_* */
	uint32_t restorer;		/* SA_RESTORER trampoline */
	uint64_t mask;			/* blocked while the handler runs */
};

/* What the sender of a pending signal said about it (siginfo_t). */
struct ksiginfo {
	int32_t code;			/* SI_USER, SEGV_MAPERR, ... */
	int32_t pid;			/* kill: sender; SIGCHLD: child */
	uint32_t uid;			/* the sender's (child's) real uid */
	int32_t status;			/* SIGCHLD: exit code or signal */
	uint32_t addr;			/* faults: the faulting address */
};

/*
 * All signal state of a process (kernel/proc/signal.c). A signal is
 * pending at most once (standard and real-time alike); info[] keeps what
 * its first sender said.
 */
struct sig_state {
	struct k_sigaction action[NSIG];	/* index signo - 1 */
	uint64_t blocked;			/* bit signo - 1 */
	uint64_t pending;			/* bit signo - 1 */
	struct ksiginfo info[NSIG];		/* of each pending signal */
	uint64_t forced;	/* pending synchronous faults: fatal even
				   to init, never ignored */
	uint64_t saved_mask;	/* rt_sigsuspend's mask to restore ... */
	bool restore_mask;	/* ... once delivery is done */
	uint32_t altstack_sp;	/* sigaltstack base (lowest byte) */
	uint32_t altstack_size;	/* bytes; 0: no alternate stack */
	uint32_t altstack_flags; /* ss_flags last installed, 0 at exec
				    (Linux sas_ss_flags) */
};

struct fs_state {
	struct inode *cwd;		/* holds a reference */
	struct inode *root;		/* holds a reference */
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
	int ctty;			/* controlling tty id, or -1 */
};

#define RLIM_NLIMITS	16
#define RLIMIT_NPROC	6	/* processes per real uid (setrlimit(2)) */

struct rlimit64_s {
	uint64_t cur, max;
};

struct limits {
	struct rlimit64_s rlim[RLIM_NLIMITS];
	uint64_t alarm_deadline_ms;	/* uptime_ms() of the alarm, 0: none */
	uint64_t alarm_interval_ms;	/* ITIMER_REAL re-arm period, 0: none */
	int nice;
};

struct wait_queue {
	struct proc *head;		/* sleepers, linked by wq_next */
};

struct proc {
	struct fpu_area fpu;		/* user x87/SSE state while switched
					   out (first: 16-byte aligned) */
	int pid;
	enum proc_state state;
	char name[16];			/* the program's base name */

	struct proc *parent;
	struct proc *children;		/* first child */
	struct proc *sibling;		/* next child of the same parent */

	uint32_t kstack;		/* top of the kernel stack */
	struct context *context;	/* saved by context_switch */
	struct trapframe *tf;		/* the user trap frame, if any */

	struct vm_space *vm;		/* user address space */
	struct fdtable *files;
	struct fs_state fs;
	struct sig_state sig;
	struct proc_ids ids;
	struct session_ids session;
	struct limits limits;

	struct wait_queue *wq;		/* the queue it sleeps on */
	struct proc *wq_next;
	bool wake_interrupted;		/* woken by a signal, not the event */

	int exit_status;		/* wait4 status word once a zombie */
	int exit_signal;		/* sent to the parent on exit: SIGCHLD */
	struct wait_queue child_exit;	/* the parent's wait4 sleeps here */

	int32_t syscall_nr;		/* the call in progress (Linux orig_eax)
					   for restarts; -1: none */
	int wait_report;		/* for the parent's wait4: a stop
					   ((sig << 8) | 0x7f) or a continue
					   (0xffff) not yet reported; 0: none */

	struct vfork_frame *vfork;	/* innermost child phase, or NULL */
	uint32_t tls_base;		/* set_thread_area, reloaded on switch */
	uint32_t tls_limit;		/* in pages (descriptor limit) */
	bool tls_present;
	uint32_t clear_child_tid;	/* set_tid_address */
	uint32_t fault_addr;		/* CR2 of the last refused user page
					   fault (si_addr of its SIGSEGV) */
};

/* The process running on this CPU; NULL before the first one starts. */
extern struct proc *current;

#endif
