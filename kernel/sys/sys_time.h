/*
 * sys_time.h - struct timespec across the syscall boundary, for the
 * calls outside sys_time.c that take one (poll, select, utimensat).
 * i386 has two layouts (uapi/time.h): the old struct timespec of two
 * 32-bit longs and, for the *_time64 calls, __kernel_timespec of two
 * 64-bit slots.
 */
#ifndef SLEIGHT_SYS_TIME_H
#define SLEIGHT_SYS_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler.h"
#include "uapi/time.h"

/* Bytes of one user timespec: 16 with wide (time64), else 8. */
static inline size_t timespec_user_size(bool wide)
{
	return wide ? sizeof(struct timespec64) : sizeof(struct timespec32);
}

/*
 * timespec_get_user - read the user timespec at u into *ts, wide: the
 * time64 layout, else the 32-bit one (sign-extended). tv_nsec is the
 * whole slot, unchecked; Linux keeps only its low 32 bits (a 32-bit long,
 * get_timespec64), which callers that follow it take with (int32_t).
 * 0 or -EFAULT. Source: clock_gettime(2), Linux kernel/time/time.c.
 */
int timespec_get_user(struct timespec64 *ts, const void __user *u, bool wide);

/*
 * timespec_put_user - write ns nanoseconds (>= 0) to user memory at u as
 * a timespec of either layout (seconds truncated to 32 bits in the old
 * one). 0 or -EFAULT.
 */
int timespec_put_user(void __user *u, bool wide, int64_t ns);

#endif
