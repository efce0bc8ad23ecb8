/*
 * kernel/sys/sys_poll.c - waiting for descriptors: poll(2), ppoll (32-
 * and 64-bit time), select(2) (the old one-argument form and
 * _newselect), pselect6 (32- and 64-bit time).
 *
 * Owns nothing. Readiness comes from each file's poll op (files without
 * one are always ready). The wait is a loop: scan every descriptor; stop
 * when one is ready, the deadline has passed, or a signal is pending
 * (-EINTR, never restarted, as Linux ERESTARTNOHAND after a handler);
 * else sleep one tick on tick_wq. A process sleeps on one queue at a
 * time, so the tick bounds the wake-up latency (1000/HZ ms) instead of
 * per-file queues. Timeouts are milliseconds of uptime_ms().
 * The temporary signal mask of ppoll/pselect6 is in force during the
 * wait and restored before returning.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "timer.h"
#include "uaccess.h"
#include "mm.h"
#include "sys_fs.h"
#include "sys_time.h"
#include "arch/x86/io.h"

#define NO_DEADLINE UINT64_MAX

/* What a select bit asks for (Linux fs/select.c POLLIN_SET etc.). */
#define SEL_IN (POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SEL_OUT (POLLOUT | POLLWRNORM | POLLERR)
#define SEL_EX (POLLPRI)

/* The POLL* bits fd is ready for now; POLLNVAL when it is not open. */
static unsigned fd_ready(int fd)
{
	struct file *f;
	unsigned mask;

	if (fd_get(current->files, fd, &f))
		return POLLNVAL;
	mask = f->ops->poll ? f->ops->poll(f) : POLL_DEFAULT_MASK;
	file_put(f);
	return mask;
}

/*
 * Run scan until it reports something (> 0) or an error, the deadline
 * (uptime ms) passes, or a signal is pending (-EINTR). Returns scan's
 * last result.
 */
static long wait_ready(long (*scan)(void *), void *arg, uint64_t deadline)
{
	uint32_t fl;
	long n;
	int err;

	for (;;) {
		n = scan(arg);
		if (n != 0 || uptime_ms() >= deadline)
			return n;
		fl = irq_save();
		err = sleep_interruptible_locked(&tick_wq);
		irq_restore(fl);
		if (err)
			return -EINTR;
	}
}

/* Deadline of a relative timeout of sec s + ns nanoseconds (rounded up
 * to a millisecond). -EINVAL for a negative or malformed time. */
static int deadline_of(int64_t s, int64_t ns, uint64_t *out)
{
	if (s < 0 || ns < 0 || ns > 999999999)
		return -EINVAL;
	if (s > 1000000000) /* 31 years: forever */
		*out = NO_DEADLINE;
	else
		*out = uptime_ms() + (uint64_t)s * 1000 +
		       (ns + 999999) / 1000000;
	return 0;
}

/* Milliseconds left until deadline (0 if passed). */
static uint64_t ms_left(uint64_t deadline)
{
	uint64_t now = uptime_ms();

	return deadline > now ? deadline - now : 0;
}

/*
 * Write the time left back into the caller's timeout. A failure is
 * ignored, as Linux does (fs/select.c poll_select_finish): the wait has
 * happened, and a timeout in read-only memory must not turn its result
 * into EFAULT.
 */
static void put_time_left(void __user *utime, const void *left, size_t n)
{
	(void)copy_to_user(utime, left, n);
}

/* ---- temporary signal masks (ppoll, pselect6) ---- */

static int mask_push(const uint64_t __user *umask, uint32_t size, uint64_t *old)
{
	uint64_t m;

	*old = current->sig.blocked;
	if (!umask)
		return 0;
	if (size != SIGSET_BYTES)
		return -EINVAL;
	if (copy_from_user(&m, umask, sizeof(m)))
		return -EFAULT;
	current->sig.blocked = m & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	return 0;
}

/*
 * Put the caller's signal mask back. When a signal interrupted the wait,
 * the temporary mask stays until that signal has been delivered, so that
 * a signal unblocked only for the wait runs its handler; delivery then
 * restores the old mask, as for rt_sigsuspend (Linux
 * restore_saved_sigmask_unless).
 */
static void mask_pop(uint64_t old, long r, bool given)
{
	if (given && r == -EINTR) {
		current->sig.saved_mask = old;
		current->sig.restore_mask = true;
		return;
	}
	current->sig.blocked = old;
}

/* ---- poll ---- */

struct poll_set {
	struct pollfd_u *fds;
	uint32_t n;
};

static long poll_scan(void *arg)
{
	struct poll_set *ps = arg;
	long count = 0;

	for (uint32_t i = 0; i < ps->n; i++) {
		struct pollfd_u *p = &ps->fds[i];
		unsigned want =
			(uint16_t)p->events | POLLERR | POLLHUP | POLLNVAL;

		p->revents = p->fd < 0 ? 0 : (int16_t)(fd_ready(p->fd) & want);
		count += p->revents != 0;
	}
	return count;
}

/* poll(2) with the deadline worked out. -EINVAL when nfds > FD_MAX. */
static long do_poll(struct pollfd_u __user *ufds, uint32_t nfds,
		    uint64_t deadline)
{
	struct poll_set ps = {.n = nfds};
	size_t bytes = nfds * sizeof(*ps.fds);
	long r;

	if (nfds > FD_MAX)
		return -EINVAL;
	ps.fds = kmalloc(bytes + 1);
	if (!ps.fds)
		return -ENOMEM;
	if (copy_from_user(ps.fds, ufds, bytes)) {
		r = -EFAULT;
		goto out_free;
	}
	r = wait_ready(poll_scan, &ps, deadline);
	for (uint32_t i = 0; r >= 0 && i < nfds; i++)
		if (copy_to_user(&ufds[i].revents, &ps.fds[i].revents, 2))
			r = -EFAULT;
out_free:
	kfree(ps.fds);
	return r;
}

long sys_poll(struct pollfd_u __user *ufds, uint32_t nfds, int timeout_ms)
{
	uint64_t deadline = timeout_ms < 0 ? NO_DEADLINE
					   : uptime_ms() + (uint64_t)timeout_ms;

	return do_poll(ufds, nfds, deadline);
}

/* ppoll with the timeout as (sec, nsec) already read; NULL: none. The
 * time left is written back as Linux does (see put_time_left). */
static long ppoll_common(struct pollfd_u __user *ufds, uint32_t nfds,
			 const int64_t *ts, const uint64_t __user *umask,
			 uint32_t size, uint64_t *left_ms)
{
	uint64_t deadline = NO_DEADLINE, old;
	long r;

	if (ts && deadline_of(ts[0], ts[1], &deadline))
		return -EINVAL;
	r = mask_push(umask, size, &old);
	if (r)
		return r;
	r = do_poll(ufds, nfds, deadline);
	mask_pop(old, r, umask != NULL);
	*left_ms = deadline == NO_DEADLINE ? 0 : ms_left(deadline);
	return r;
}

/*
 * Read a select/poll timeout (NULL: none) into ts[2] as (sec, nsec), nsec
 * from the low 32 bits of its slot as Linux keeps it; *out is ts, or NULL
 * for no timeout. 0 or -EFAULT.
 */
static int get_timeout(const void __user *uts, bool wide, int64_t *ts,
		       const int64_t **out)
{
	struct timespec64 t;

	*out = NULL;
	if (!uts)
		return 0;
	if (timespec_get_user(&t, uts, wide))
		return -EFAULT;
	ts[0] = t.tv_sec;
	ts[1] = (int32_t)t.tv_nsec;
	*out = ts;
	return 0;
}

/* ppoll in either timespec layout (see sys_time.h). */
static long ppoll_user(struct pollfd_u __user *ufds, uint32_t nfds,
		       void __user *uts, bool wide,
		       const uint64_t __user *umask, uint32_t size)
{
	int64_t ts[2];
	const int64_t *tp;
	uint64_t left = 0;
	long r;

	if (get_timeout(uts, wide, ts, &tp))
		return -EFAULT;
	r = ppoll_common(ufds, nfds, tp, umask, size, &left);
	if (uts && r >= 0) /* errors ignored: see put_time_left */
		(void)timespec_put_user(uts, wide, (int64_t)left * 1000000);
	return r;
}

/* ppoll (309): struct timespec of two 32-bit longs. */
long sys_ppoll(struct pollfd_u __user *ufds, uint32_t nfds, int32_t __user *uts,
	       const uint64_t __user *umask, uint32_t size)
{
	return ppoll_user(ufds, nfds, uts, false, umask, size);
}

/* ppoll_time64 (414): 64-bit tv_sec, tv_nsec in the low half of a
 * 64-bit slot. */
long sys_ppoll_time64(struct pollfd_u __user *ufds, uint32_t nfds,
		      int64_t __user *uts, const uint64_t __user *umask,
		      uint32_t size)
{
	return ppoll_user(ufds, nfds, uts, true, umask, size);
}

/* ---- select ---- */

#define FDSET_WORDS (FD_MAX / 32)

struct select_set {
	int n;
	uint32_t in[FDSET_WORDS], out[FDSET_WORDS], ex[FDSET_WORDS];
	uint32_t rin[FDSET_WORDS], rout[FDSET_WORDS], rex[FDSET_WORDS];
};

static bool bit(const uint32_t *set, int fd)
{
	return set[fd / 32] & (1u << (fd % 32));
}

/* Fill the result sets; -EBADF if a requested fd is not open. */
static long select_scan(void *arg)
{
	struct select_set *s = arg;
	long count = 0;

	memset(s->rin, 0, sizeof(s->rin));
	memset(s->rout, 0, sizeof(s->rout));
	memset(s->rex, 0, sizeof(s->rex));
	for (int fd = 0; fd < s->n; fd++) {
		uint32_t b = 1u << (fd % 32);
		unsigned m;

		if (!bit(s->in, fd) && !bit(s->out, fd) && !bit(s->ex, fd))
			continue;
		m = fd_ready(fd);
		if (m & POLLNVAL)
			return -EBADF;
		if (bit(s->in, fd) && (m & SEL_IN)) {
			s->rin[fd / 32] |= b;
			count++;
		}
		if (bit(s->out, fd) && (m & SEL_OUT)) {
			s->rout[fd / 32] |= b;
			count++;
		}
		if (bit(s->ex, fd) && (m & SEL_EX)) {
			s->rex[fd / 32] |= b;
			count++;
		}
	}
	return count;
}

/* Copy one user fd_set of n bits in (NULL: empty). */
static int set_in(uint32_t *k, const void __user *u, int n)
{
	memset(k, 0, FDSET_WORDS * 4);
	if (!u)
		return 0;
	return copy_from_user(k, u, (n + 31) / 32 * 4) ? -EFAULT : 0;
}

static int set_out(void __user *u, const uint32_t *k, int n)
{
	if (!u)
		return 0;
	return copy_to_user(u, k, (n + 31) / 32 * 4) ? -EFAULT : 0;
}

/* select(2) with the deadline worked out; n is clamped to FD_MAX. */
static long do_select(int n, void __user *uin, void __user *uout,
		      void __user *uex, uint64_t deadline)
{
	struct select_set *s;
	long r;

	if (n < 0)
		return -EINVAL;
	s = kmalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->n = MIN(n, FD_MAX);
	r = set_in(s->in, uin, s->n);
	if (!r)
		r = set_in(s->out, uout, s->n);
	if (!r)
		r = set_in(s->ex, uex, s->n);
	if (!r)
		r = wait_ready(select_scan, s, deadline);
	if (r >= 0 &&
	    (set_out(uin, s->rin, s->n) || set_out(uout, s->rout, s->n) ||
	     set_out(uex, s->rex, s->n)))
		r = -EFAULT;
	kfree(s);
	return r;
}

/* _newselect (142): struct timeval {long sec, usec}, updated with the
 * time left as Linux does. */
long sys__newselect(int n, void __user *uin, void __user *uout,
		    void __user *uex, int32_t __user *utv)
{
	uint64_t deadline = NO_DEADLINE;
	int32_t tv[2];
	long r;

	if (utv) {
		if (copy_from_user(tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv[1] < 0 || tv[1] > 999999 ||
		    deadline_of(tv[0], (int64_t)tv[1] * 1000, &deadline))
			return -EINVAL;
	}
	r = do_select(n, uin, uout, uex, deadline);
	if (utv && deadline != NO_DEADLINE) {
		uint64_t left = ms_left(deadline);

		tv[0] = left / 1000;
		tv[1] = left % 1000 * 1000;
		put_time_left(utv, tv, sizeof(tv));
	}
	return r;
}

/* select (82): i386's old form takes one pointer to the five arguments. */
long sys_select(const uint32_t __user *uargs)
{
	uint32_t a[5];

	if (copy_from_user(a, uargs, sizeof(a)))
		return -EFAULT;
	return sys__newselect((int)a[0], (void __user *)a[1],
			      (void __user *)a[2], (void __user *)a[3],
			      (int32_t __user *)a[4]);
}

/* pselect6: the sixth argument points at { sigset pointer, its size }. */
static long pselect_common(int n, void __user *uin, void __user *uout,
			   void __user *uex, const int64_t *ts,
			   const uint32_t __user *usig)
{
	uint64_t deadline = NO_DEADLINE, old;
	uint32_t sig[2] = {0, 0};
	long r;

	if (ts && deadline_of(ts[0], ts[1], &deadline))
		return -EINVAL;
	if (usig && copy_from_user(sig, usig, sizeof(sig)))
		return -EFAULT;
	r = mask_push((const uint64_t __user *)sig[0], sig[1], &old);
	if (r)
		return r;
	r = do_select(n, uin, uout, uex, deadline);
	mask_pop(old, r, sig[0] != 0);
	return r;
}

long sys_pselect6(int n, void __user *uin, void __user *uout, void __user *uex,
		  int32_t __user *uts, const uint32_t __user *usig)
{
	int64_t ts[2];
	const int64_t *tp;

	if (get_timeout(uts, false, ts, &tp))
		return -EFAULT;
	return pselect_common(n, uin, uout, uex, tp, usig);
}

long sys_pselect6_time64(int n, void __user *uin, void __user *uout,
			 void __user *uex, int64_t __user *uts,
			 const uint32_t __user *usig)
{
	int64_t ts[2];
	const int64_t *tp;

	if (get_timeout(uts, true, ts, &tp))
		return -EFAULT;
	return pselect_common(n, uin, uout, uex, tp, usig);
}
