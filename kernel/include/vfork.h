/*
 * vfork.h - the vfork child phase (kernel/proc/vfork.c; docs/vfork.md).
 */
#ifndef SLEIGHT_VFORK_H
#define SLEIGHT_VFORK_H

#include <stdbool.h>
#include <stdint.h>

struct trapframe;
struct exec_ctx;
struct proc;
struct proc_plan;

long vfork_enter(struct trapframe *tf, uint32_t child_esp,
		 const struct proc_plan *plan);
long vfork_exec(struct exec_ctx *ec);
long vfork_resume_parent_locked(struct proc *child);
int vfork_live_frames(void);

/* The OOM killer chose p: SIGKILL every vfork parent whose memory its
 * child phase runs on. Interrupts off. */
void vfork_kill_parents_locked(struct proc *p);

/* parent (P_VFORK) ends while suspended (its thread group is exiting):
 * its child phase goes on as a process of its own, keeping the kernel
 * stack it borrowed; parent never resumes. Interrupts off. */
void vfork_detach_locked(struct proc *parent);

long sys_vfork(void);

#endif
