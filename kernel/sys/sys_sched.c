/*
 * kernel/sys/sys_sched.c - the scheduler system calls: sched_yield(2),
 * sched_getaffinity(2) and sched_setaffinity(2).
 *
 * Owns nothing. Sleight runs on one CPU, so every process's affinity
 * mask is {CPU 0}: sched_getaffinity reports it in the kernel's mask
 * size (one 32-bit word, as Linux i386 with nr_cpu_ids 1), and
 * sched_setaffinity accepts any mask that contains CPU 0 and changes
 * nothing. Locking: interrupts off around the process lookup (proc.h)
 * and around schedule(). Sources: sched_yield(2), sched_setaffinity(2);
 * Linux kernel/sched/core.c for the length rules and the order of the
 * checks.
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "uaccess.h"
#include "arch/x86/io.h"

#define NR_CPUS_ONLINE 1u
/* The kernel's cpumask: one word (Linux cpumask_size() on i386). */
#define CPUMASK_BYTES ((uint32_t)sizeof(uint32_t))

/* sched_yield(2): let every other runnable process run before current
 * again (the round-robin queue); always 0. */
long sys_sched_yield(void)
{
	uint32_t f = irq_save();

	schedule();
	irq_restore(f);
	return 0;
}

/* 0 when pid (0: the caller) names a process, else -ESRCH. */
static int affinity_target(int pid)
{
	uint32_t f;
	int err = 0;

	if (pid == 0)
		return 0;
	f = irq_save();
	if (pid < 0 || !proc_find_locked(pid))
		err = -ESRCH;
	irq_restore(f);
	return err;
}

/*
 * sched_getaffinity(2), the system call: write the mask of pid's
 * allowed CPUs, min(len, CPUMASK_BYTES) bytes, to umask and return
 * that count. -EINVAL when len holds fewer bits than there are CPUs or
 * is not a multiple of the word size; -ESRCH; -EFAULT.
 */
long sys_sched_getaffinity(int pid, uint32_t len, uint32_t __user *umask)
{
	uint32_t mask = 1u, n = MIN(len, CPUMASK_BYTES);
	int err;

	if ((uint64_t)len * 8 < NR_CPUS_ONLINE || len % sizeof(uint32_t))
		return -EINVAL;
	err = affinity_target(pid);
	if (err)
		return err;
	if (copy_to_user(umask, &mask, n))
		return -EFAULT;
	return (long)n;
}

/*
 * sched_setaffinity(2): pid's new mask is the first min(len,
 * CPUMASK_BYTES) bytes at umask (a shorter one is zero-extended, bits
 * of CPUs that do not exist are ignored). 0 when it contains CPU 0;
 * -EFAULT (checked first, as Linux), -ESRCH, then -EINVAL when it
 * names no CPU that exists.
 */
long sys_sched_setaffinity(int pid, uint32_t len, const uint32_t __user *umask)
{
	uint32_t mask = 0;
	int err;

	if (copy_from_user(&mask, umask, MIN(len, CPUMASK_BYTES)))
		return -EFAULT;
	err = affinity_target(pid);
	if (err)
		return err;
	return (mask & 1u) ? 0 : -EINVAL;
}
