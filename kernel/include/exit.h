/*
 * exit.h - ending a process and reaping it (kernel/proc/exit.c): exit(2),
 * the zombie and its parent's wait4(2).
 */
#ifndef SLEIGHT_EXIT_H
#define SLEIGHT_EXIT_H

struct proc;

/* proc_exit - see kernel/proc/exit.c (returns only to end a vfork child
 * phase). */
long proc_exit(int status);
/* proc_zombie_notify_locked - see kernel/proc/exit.c. Interrupts off. */
void proc_zombie_notify_locked(struct proc *z);

#endif
