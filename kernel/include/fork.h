/*
 * fork.h - making a process (kernel/proc/fork.c): fork(2), clone(2)
 * without CLONE_VM|CLONE_VFORK (with both it is vfork.h), the rule that
 * decides what a new task shares and copies (kernel/proc/plan.c, pure and
 * host-tested), the parts it applies to (kernel/proc/parts.c), and the
 * kernel stack a new process first runs on.
 */
#ifndef SLEIGHT_FORK_H
#define SLEIGHT_FORK_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/sched.h" /* CSIGNAL, CLONE_* */

/* ---- the share/copy rule (kernel/proc/plan.c) ------------------------ */

/* The refcounted parts of a task (proc.h). */
enum part_id {
	PART_FILES,   /* the fd table */
	PART_FS,      /* cwd, root, umask */
	PART_SIGHAND, /* the dispositions */
	PART_SIGNAL,  /* the thread group's: session, limits, timers */
	PART_VM,      /* the address space */
	PART_COUNT,
};

/* What a task gets of one part. */
enum part_how {
	PART_KEEP,    /* exec: the task keeps the part it has */
	PART_SHARE,   /* one more user of the caller's part */
	PART_COPY,    /* its own copy of the caller's part (for signal:
			 the session and limits, no timer) */
	PART_UNSHARE, /* exec: its own copy only if others use the part */
	PART_NEW,     /* a fresh part (init's; exec's address space) */
};

/* Why a plan is made. */
enum plan_op {
	PLAN_CLONE, /* fork, vfork, clone: a new task from the caller */
	PLAN_EXEC,  /* execve: the caller's own parts */
	PLAN_INIT,  /* pid 1: from nothing */
};

/* The clone flags the rule knows (anything else: -EINVAL). Namespaces
 * and pidfds are refused, as a kernel built without them does. */
#define CLONE_PLAN_KNOWN                                                       \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE |    \
	 CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM |           \
	 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |           \
	 CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO)

/* The flags that ask for a tid to be stored or a TLS to be set. */
#define CLONE_TID_FLAGS                                                        \
	(CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |           \
	 CLONE_CHILD_SETTID)

struct proc_plan {
	uint8_t how[PART_COUNT]; /* enum part_how, by enum part_id */
	bool child_phase;	 /* CLONE_VM|CLONE_VFORK: the new task
				    borrows the caller's kernel stack
				    (docs/vfork.md) */
	bool thread;		 /* CLONE_THREAD: the caller's group */
	bool same_parent;	 /* CLONE_PARENT or CLONE_THREAD: the
				    caller's parent is the new parent */
	bool exec_reset;	 /* exec: caught handlers to SIG_DFL,
			    close-on-exec slots closed */
	int exit_signal;	 /* to the parent at exit; 0: none */
	uint32_t tid_flags;	 /* the CLONE_TID_FLAGS asked for */
};

/*
 * proc_plan_make - what a task gets of each part (Linux copy_process:
 * copy_files, copy_fs, copy_sighand, copy_signal, copy_mm; execve's
 * unshare_files and unshare_sighand). op PLAN_CLONE reads flags (the low
 * byte is the exit signal, 0..64); the other ops ignore them. Fills
 * *plan and returns 0, or -EINVAL, as Linux copy_process, for: an exit
 * signal above 64, an unknown or unsupported flag (namespaces, pidfd),
 * CLONE_SIGHAND without CLONE_VM, CLONE_THREAD without CLONE_SIGHAND,
 * CLONE_FS with CLONE_NEWNS or CLONE_NEWUSER. Pure.
 */
int proc_plan_make(enum plan_op op, uint32_t flags, struct proc_plan *plan);

/* ---- the parts (kernel/proc/parts.c) ---------------------------------- */

struct proc;
struct trapframe;

/*
 * proc_parts_apply - give dst its parts from src by plan (PLAN_CLONE:
 * dst is new and holds none; PLAN_EXEC: dst == src == current; PLAN_INIT:
 * src is NULL, every part but the address space is new and empty, and
 * the address space comes from exec). 0, or -ENOMEM with dst holding
 * exactly what it held before. Process context.
 */
int proc_parts_apply(struct proc *dst, struct proc *src,
		     const struct proc_plan *plan);

/* proc_parts_put - drop every part p holds but its signal_struct (exit:
 * a zombie keeps that until it is reaped); the last user of a part frees
 * it. p's address space must not be the one loaded in cr3 unless another
 * task still uses it. */
void proc_parts_put(struct proc *p);
/* proc_signal_put - drop p's signal_struct (proc_free, at the reap). */
void proc_signal_put(struct proc *p);

/* proc_task_copy - the per-task state a new task starts with (fork(2)):
 * ids, signal mask and alternate stack (nothing pending), TLS, FPU,
 * nice, name. Interrupts off inside, so no signal or timer is lost. */
void proc_task_copy(struct proc *child, struct proc *parent);

/* proc_clone_parent - the new task's parent: caller, or caller's parent
 * for CLONE_PARENT and CLONE_THREAD (clone(2)). */
struct proc *proc_clone_parent(struct proc *caller,
			       const struct proc_plan *plan);

/* proc_clone_exit_signal - what the new task sends its parent at exit:
 * the flags' signal, but for CLONE_PARENT the caller's own (its parent
 * expects that one; Linux copy_process), and none for a thread. */
int proc_clone_exit_signal(const struct proc *caller,
			   const struct proc_plan *plan);

/* proc_setup_kstack - see kernel/proc/fork.c. */
void proc_setup_kstack(struct proc *p, const struct trapframe *tf);

/*
 * proc_clone - a new task from current, by plan, that returns 0 from the
 * system call in tf, with esp = child_esp when nonzero (clone's stack
 * argument). The child's pid, -EAGAIN (no slot or pid) or -ENOMEM (see
 * kernel/proc/fork.c). Not for plans with child_phase (vfork.h).
 */
long proc_clone(const struct trapframe *tf, uint32_t child_esp,
		const struct proc_plan *plan);

/* proc_fork - fork(2): proc_clone with the plan of plain SIGCHLD. */
long proc_fork(const struct trapframe *tf);

#endif
