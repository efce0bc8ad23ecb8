/*
 * fork.h - making a process (kernel/proc/fork.c): fork(2), clone(2)
 * without CLONE_VM (with CLONE_VM|CLONE_VFORK it is vfork.h), the clone
 * flags, and the kernel stack a new process first runs on.
 */
#ifndef SLEIGHT_FORK_H
#define SLEIGHT_FORK_H

#include <stdint.h>

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

struct proc;
struct trapframe;

/* proc_setup_kstack - see kernel/proc/fork.c. */
void proc_setup_kstack(struct proc *p, const struct trapframe *tf);

/*
 * proc_fork - a child of current that returns 0 from the system call in
 * tf, with esp = child_esp when nonzero, sending exit_signal to its
 * parent when it exits. The child's pid, -EAGAIN (no slot or pid) or
 * -ENOMEM (see kernel/proc/fork.c).
 */
long proc_fork(const struct trapframe *tf, uint32_t child_esp,
	       int exit_signal);

#endif
