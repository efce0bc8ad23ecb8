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

long vfork_enter(struct trapframe *tf, uint32_t child_esp, int exit_signal);
long vfork_exec(struct exec_ctx *ec);
long vfork_child_exit(int status);
int vfork_live_frames(void);

/* The process whose child phase hides pid as its parent pid (signals to
 * it are held in that frame), or NULL. Interrupts off. */
struct proc *vfork_find_hidden_parent_locked(int pid, uint64_t **held);

/* A signal from child to parent (SIGCHLD on exit, stop, continue): if
 * child belongs to an identity of parent's that a child phase hides, the
 * signal is held in that frame; returns true then. sig 0 only asks.
 * Interrupts off. */
bool vfork_hold_child_signal_locked(struct proc *parent, struct proc *child,
				    int sig);

/* The OOM killer chose p: SIGKILL every parent its child phases hide.
 * Interrupts off. */
void vfork_kill_hidden_parents_locked(struct proc *p);

/* Call mark(id) for each pid, pgid and sid p's child phases hide (for
 * the pid allocator). Interrupts off. */
void vfork_mark_saved_ids_locked(const struct proc *p, void (*mark)(int id));

/* getppid(2) of current: the vforking parent's pid inside a child phase. */
int vfork_parent_pid(const struct proc *p);

long sys_vfork(void);

#endif
