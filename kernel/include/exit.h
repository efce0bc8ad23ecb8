/*
 * exit.h - ending a process and reaping it (kernel/proc/exit.c): exit(2),
 * the zombie and its parent's wait4(2), with the wait options.
 */
#ifndef SLEIGHT_EXIT_H
#define SLEIGHT_EXIT_H

#include <stdint.h>

#include "uapi/wait.h"

/* The wait4(2) options Sleight accepts. */
#define WAIT_OPTIONS                                                           \
	(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)

struct proc;

/* proc_exit - see kernel/proc/exit.c (returns only to end a vfork child
 * phase). */
long proc_exit(int status);
/* proc_exit_group - see kernel/proc/exit.c (exit_group(2), fatal
 * signals; returns only to end a vfork child phase). */
long proc_exit_group(int status);
/* proc_zombie_notify_locked - see kernel/proc/exit.c. Interrupts off. */
void proc_zombie_notify_locked(struct proc *z);

/*
 * proc_wait - the wait of wait4(2) for current: a child matching pid
 * (> 0: that pid; -1: any; 0: the caller's process group; < -1: group
 * -pid) that is a zombie is reaped; with WUNTRACED / WCONTINUED one that
 * stopped ((sig << 8) | 0x7f) or continued (0xffff) since it was last
 * reported is reported, not reaped. Returns its pid with its status word
 * in *status; 0 with WNOHANG when none has changed; -ECHILD when no
 * child matches; -ERESTARTSYS when a signal arrives while waiting.
 * options must be within WAIT_OPTIONS.
 */
long proc_wait(int pid, uint32_t options, int *status);

#endif
