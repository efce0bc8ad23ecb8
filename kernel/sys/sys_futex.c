/*
 * kernel/sys/sys_futex.c - futex(2), futex_time64(2), set_robust_list(2)
 * and get_robust_list(2): decode the operation and its timeout, check
 * the arguments, and call kernel/proc/futex.c and robust.c (futex.h,
 * docs/futex.md).
 *
 * Owns nothing. Locking: none here. The order of the checks follows
 * Linux kernel/futex/syscalls.c, so a call with several faults gets the
 * errno Linux gives: the timeout first (EFAULT, EINVAL), then
 * FUTEX_CLOCK_REALTIME on an op that takes no clock (ENOSYS), then the
 * op itself. Sources: futex(2), set_robust_list(2).
 */
#include "kernel.h"
#include "clock.h"
#include "errno.h"
#include "futex.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "sys_time.h"
#include "uapi/futex.h"

/* Does cmd take utime as a timeout (else it is a count, val2)? */
static bool cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
}

/*
 * The deadline of a wait from the user timespec at utime (wide: the
 * time64 layout): FUTEX_WAIT's is relative, on CLOCK_MONOTONIC;
 * FUTEX_WAIT_BITSET's absolute, on CLOCK_REALTIME with
 * FUTEX_CLOCK_REALTIME, else CLOCK_MONOTONIC. 0, -EFAULT, -EINVAL (a
 * negative tv_sec, tv_nsec outside [0, 1e9)).
 */
static int get_deadline(struct futex_deadline *dl, int cmd, int op,
			uint32_t utime, bool wide)
{
	struct timespec64 ts;
	int32_t nsec;

	dl->set = false;
	if (!utime)
		return 0;
	if (timespec_get_user(&ts, (const void __user *)(uintptr_t)utime, wide))
		return -EFAULT;
	nsec = (int32_t)ts.tv_nsec;
	if (ts.tv_sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	dl->set = true;
	dl->clock =
		(op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC;
	/* past ~146 years: never (and no overflow adding the clock) */
	dl->ns = ts.tv_sec > INT64_MAX / NSEC_PER_SEC / 2
			 ? INT64_MAX / 2
			 : ts.tv_sec * NSEC_PER_SEC + nsec;
	if (cmd == FUTEX_WAIT) {
		dl->clock = CLOCK_MONOTONIC;
		dl->ns += clock_now_ns(CLOCK_MONOTONIC);
	}
	return 0;
}

/* futex(2) with the timeout layout chosen; see sys_futex. */
static long do_futex(uint32_t uaddr, int op, uint32_t val, uint32_t utime,
		     uint32_t uaddr2, uint32_t val3, bool wide)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	struct futex_deadline dl = {.set = false};
	int err;

	if (cmd_has_timeout(cmd)) {
		err = get_deadline(&dl, cmd, op, utime, wide);
		if (err)
			return err;
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS; /* FUTEX_WAIT too, as on the host's Linux 6 */
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, &dl,
				  FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, &dl, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, shared, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, shared, (int)val,
				     (int)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, shared, (int)val,
				     (int)utime, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, shared, (int)val,
				     (int)utime, val3);
	}
	return -ENOSYS; /* FUTEX_FD (gone since Linux 2.6.26), the PI ops */
}

/*
 * sys_futex - futex(2), i386: (uaddr, futex_op, val, timeout or val2,
 * uaddr2, val3), the timeout a 32-bit struct timespec. Returns what each
 * operation says above (woken counts, 0), -EINVAL, -EFAULT, -EAGAIN,
 * -ETIMEDOUT, -EINTR, or -ENOSYS for an unknown operation (also the
 * priority-inheritance ones, which Sleight does not have) and for
 * FUTEX_CLOCK_REALTIME on any operation but FUTEX_WAIT_BITSET (checked
 * after the timeout, as Linux).
 */
long sys_futex(uint32_t __user *uaddr, int op, uint32_t val, uint32_t utime,
	       uint32_t __user *uaddr2, uint32_t val3)
{
	return do_futex((uint32_t)(uintptr_t)uaddr, op, val, utime,
			(uint32_t)(uintptr_t)uaddr2, val3, false);
}

/* sys_futex_time64 - as sys_futex, the timeout a struct timespec64
 * (i386 __kernel_timespec). */
long sys_futex_time64(uint32_t __user *uaddr, int op, uint32_t val,
		      uint32_t utime, uint32_t __user *uaddr2, uint32_t val3)
{
	return do_futex((uint32_t)(uintptr_t)uaddr, op, val, utime,
			(uint32_t)(uintptr_t)uaddr2, val3, true);
}

/*
 * set_robust_list(2): head is the user address of the caller's struct
 * robust_list_head (read only when the caller exits or execs), len its
 * size. 0, or -EINVAL when len is not the i386 size (12).
 */
long sys_set_robust_list(uint32_t head, uint32_t len)
{
	if (len != sizeof(struct robust_list_head_abi))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/*
 * get_robust_list(2): store the robust list head of process pid (0: the
 * caller) at *head_ptr and its size at *len_ptr. 0, -ESRCH, -EPERM
 * (futex_robust_list_of), -EFAULT.
 */
long sys_get_robust_list(int pid, uint32_t __user *head_ptr,
			 uint32_t __user *len_ptr)
{
	uint32_t head;
	int err = futex_robust_list_of(pid, &head);

	if (err)
		return err;
	if (put_user_u32(len_ptr, sizeof(struct robust_list_head_abi)))
		return -EFAULT;
	return put_user_u32(head_ptr, head) ? -EFAULT : 0;
}
