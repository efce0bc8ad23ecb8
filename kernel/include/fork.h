/*
 * fork.h - making a process (kernel/proc/fork.c): fork(2), clone(2)
 * without CLONE_VM (with CLONE_VM|CLONE_VFORK it is vfork.h), the clone
 * flags, and the kernel stack a new process first runs on.
 */
#ifndef SLEIGHT_FORK_H
#define SLEIGHT_FORK_H

#include <stdint.h>

#include "uapi/sched.h" /* CSIGNAL, CLONE_* */

/* Flags a plain (non-CLONE_VM) clone accepts and ignores. */
#define CLONE_SUPPORTED_FORK (CLONE_VFORK)

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
long proc_fork(const struct trapframe *tf, uint32_t child_esp, int exit_signal);

#endif
