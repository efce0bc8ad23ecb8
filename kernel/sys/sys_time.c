/*
 * kernel/sys/sys_time.c - the system calls of clocks, sleeps, alarms,
 * resource limits, sysinfo(2) and reboot(2): argument checks and copies.
 *
 * Owns nothing. The clocks are kernel/dev/clock.c, the alarm timer
 * kernel/proc/itimer.c; rlimits live in current's signal_struct (the
 * thread group's, proc.h). Sleeps wait on tick_wq, woken every tick
 * (1000 / HZ ms), so they last at least the time asked for.
 * Sources: clock_gettime(2), nanosleep(2), alarm(2), getrlimit(2),
 * sysinfo(2), reboot(2).
 */
#include "kernel.h"
#include "clock.h"
#include "errno.h"
#include "halt.h"
#include "itimer.h"
#include "mm.h"
#include "power.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "timer.h"
#include "uaccess.h"
#include "sys_time.h"
#include "arch/x86/io.h"
#include "uapi/reboot.h"
#include "uapi/resource.h"
#include "uapi/sysinfo.h"
#include "uapi/time.h"

long sys_clock_gettime(int id, struct timespec32 __user *uts)
{
	int64_t ns = clock_now_ns(id);

	if (ns < 0)
		return ns;
	return timespec_put_user(uts, false, ns) ? -EFAULT : 0;
}

long sys_clock_gettime64(int id, struct timespec64 __user *uts)
{
	int64_t ns = clock_now_ns(id);

	if (ns < 0)
		return ns;
	return timespec_put_user(uts, true, ns) ? -EFAULT : 0;
}

long sys_clock_getres(int id, struct timespec32 __user *uts)
{
	struct timespec32 ts = {0, 1000000000 / HZ};

	if (clock_now_ns(id) < 0)
		return -EINVAL;
	if (uts && copy_to_user(uts, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

long sys_gettimeofday(struct timespec32 __user *utv, void __user *tz)
{
	int64_t ns = clock_now_ns(CLOCK_REALTIME);
	struct timespec32 tv = {(int32_t)(ns / NSEC_PER_SEC),
				(int32_t)(ns % NSEC_PER_SEC / 1000)};

	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (tz && clear_user(tz, 8))
		return -EFAULT;
	return 0;
}

long sys_time(int32_t __user *ut)
{
	int32_t t = (int32_t)(clock_now_ns(CLOCK_REALTIME) / NSEC_PER_SEC);

	if (ut && copy_to_user(ut, &t, sizeof(t)))
		return -EFAULT;
	return t;
}

/* Sleep until clock `id` reaches deadline_ns. 0, or -EINTR with the time
 * left in *left_ns. Never restarted: the caller reports the time left
 * (nanosleep(2) returns EINTR even under SA_RESTART). */
static int sleep_until(int id, int64_t deadline_ns, int64_t *left_ns)
{
	uint32_t f = irq_save();
	int err = 0;

	while (clock_now_ns(id) < deadline_ns) {
		err = sleep_interruptible_locked(&tick_wq);
		if (err)
			break;
	}
	irq_restore(f);
	if (err == -ERESTARTSYS)
		err = -EINTR;
	*left_ns = deadline_ns - clock_now_ns(id);
	if (*left_ns < 0)
		*left_ns = 0;
	return err;
}

static int do_nanosleep(int id, int flags, int64_t sec, int64_t nsec,
			int64_t *left)
{
	int64_t now = clock_now_ns(id);

	if (now < 0)
		return -EINVAL;
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (flags & TIMER_ABSTIME)
		return sleep_until(id, sec * NSEC_PER_SEC + nsec, left);
	return sleep_until(id, now + sec * NSEC_PER_SEC + nsec, left);
}

/* timespec_get_user - see sys_time.h. */
int timespec_get_user(struct timespec64 *ts, const void __user *u, bool wide)
{
	struct timespec32 t32;

	if (wide)
		return copy_from_user(ts, u, sizeof(*ts));
	if (copy_from_user(&t32, u, sizeof(t32)))
		return -EFAULT;
	ts->tv_sec = t32.tv_sec;
	ts->tv_nsec = t32.tv_nsec;
	return 0;
}

/* timespec_put_user - see sys_time.h. */
int timespec_put_user(void __user *u, bool wide, int64_t ns)
{
	struct timespec64 ts = {ns / NSEC_PER_SEC, ns % NSEC_PER_SEC};
	struct timespec32 t32 = {(int32_t)ts.tv_sec, (int32_t)ts.tv_nsec};

	if (wide)
		return copy_to_user(u, &ts, sizeof(ts));
	return copy_to_user(u, &t32, sizeof(t32));
}

/* nanosleep(2) and clock_nanosleep(2): a relative sleep interrupted by a
 * signal returns -EINTR with the time left in *urem (when given). */
static long sleep_common(int id, int flags, const void __user *ureq,
			 void __user *urem, bool wide)
{
	struct timespec64 req;
	int64_t left;
	int err;

	if (timespec_get_user(&req, ureq, wide))
		return -EFAULT;
	err = do_nanosleep(id, flags, req.tv_sec, req.tv_nsec, &left);
	if (err == -EINTR && urem && !(flags & TIMER_ABSTIME) &&
	    timespec_put_user(urem, wide, left))
		return -EFAULT;
	return err;
}

long sys_nanosleep(const struct timespec32 __user *ureq,
		   struct timespec32 __user *urem)
{
	return sleep_common(CLOCK_MONOTONIC, 0, ureq, urem, false);
}

long sys_clock_nanosleep(int id, int flags,
			 const struct timespec32 __user *ureq,
			 struct timespec32 __user *urem)
{
	return sleep_common(id, flags, ureq, urem, false);
}

long sys_clock_nanosleep_time64(int id, int flags,
				const struct timespec64 __user *ureq,
				struct timespec64 __user *urem)
{
	return sleep_common(id, flags, ureq, urem, true);
}

/*
 * alarm(2): SIGALRM after sec seconds (0 cancels). Returns the seconds
 * that were left on the previous alarm, rounded up (1 for one due but
 * not yet delivered). It shares the ITIMER_REAL timer with setitimer(2)
 * and cancels its interval (kernel/proc/itimer.c fires it).
 */
long sys_alarm(uint32_t sec)
{
	uint64_t old;

	itimer_real_set(sec * 1000ull, 0, &old, NULL);
	return (long)((old + 999) / 1000);
}

static uint64_t tv_to_ms(const struct timeval32 *tv)
{
	/* round up, so a nonzero time never becomes 0 (disarmed) */
	return (uint64_t)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
}

/*
 * A time kept in whole milliseconds as a 32-bit timeval. Rounding up can
 * carry 2^31 - 1 s + 999999 us (the most a timeval32 holds) to 2^31 s,
 * which a 32-bit tv_sec would read as negative: such a time reads as
 * that largest timeval instead, which is what Linux, keeping
 * nanoseconds, gives back.
 */
static struct timeval32 ms_to_tv(uint64_t ms)
{
	if (ms / 1000 > INT32_MAX)
		return (struct timeval32){INT32_MAX, 999999};
	return (struct timeval32){(int32_t)(ms / 1000),
				  (int32_t)(ms % 1000 * 1000)};
}

static void get_itimer(struct itimerval32 *it)
{
	uint64_t value, interval;

	itimer_real_get(&value, &interval);
	it->interval = ms_to_tv(interval);
	it->value = ms_to_tv(value);
}

/* getitimer(2): only ITIMER_REAL runs; the others read as disarmed. */
long sys_getitimer(int which, struct itimerval32 __user *ucur)
{
	struct itimerval32 it = {0};

	if (which < 0 || which > 2)
		return -EINVAL;
	if (which == ITIMER_REAL)
		get_itimer(&it);
	return copy_to_user(ucur, &it, sizeof(it)) ? -EFAULT : 0;
}

/*
 * setitimer(2): ITIMER_REAL in milliseconds (the tick is 1000 / HZ ms, so
 * shorter periods fire once a tick). ITIMER_VIRTUAL and ITIMER_PROF are
 * accepted and never fire (no per-process CPU clocks yet).
 */
long sys_setitimer(int which, const struct itimerval32 __user *unew,
		   struct itimerval32 __user *uold)
{
	struct itimerval32 nv, old = {0};
	uint64_t value, interval;

	if (which < 0 || which > 2)
		return -EINVAL;
	if (unew && copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (unew &&
	    (nv.value.tv_usec < 0 || nv.value.tv_usec >= 1000000 ||
	     nv.interval.tv_usec < 0 || nv.interval.tv_usec >= 1000000 ||
	     nv.value.tv_sec < 0 || nv.interval.tv_sec < 0))
		return -EINVAL;
	if (which != ITIMER_REAL)
		return uold && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT
								     : 0;
	if (unew) {
		itimer_real_set(tv_to_ms(&nv.value), tv_to_ms(&nv.interval),
				&value, &interval);
		old.value = ms_to_tv(value);
		old.interval = ms_to_tv(interval);
	} else {
		get_itimer(&old);
	}
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* ---- resource limits: getrlimit(2), setrlimit(2), prlimit64(2) ---- */

long sys_prlimit64(int pid, uint32_t res, const struct rlimit64_s __user *unew,
		   struct rlimit64_s __user *uold)
{
	struct rlimit64_s nv;
	struct rlimit64_s *r;

	if (pid != 0 && pid != current->tgid)
		return -ESRCH;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	r = &current->signal->rlim[res];
	if (unew && copy_from_user(&nv, unew, sizeof(nv)))
		return -EFAULT;
	if (unew && nv.cur > nv.max)
		return -EINVAL;
	if (unew && nv.max > r->max && current->ids.euid != 0)
		return -EPERM;
	if (uold && copy_to_user(uold, r, sizeof(*r)))
		return -EFAULT;
	if (unew)
		*r = nv;
	return 0;
}

static uint32_t clamp32(uint64_t v)
{
	return v > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)v;
}

long sys_ugetrlimit(uint32_t res, struct rlimit32 __user *urlim)
{
	struct rlimit32 r;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	r.cur = clamp32(current->signal->rlim[res].cur);
	r.max = clamp32(current->signal->rlim[res].max);
	return copy_to_user(urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_setrlimit(uint32_t res, const struct rlimit32 __user *urlim)
{
	struct rlimit32 r;
	struct rlimit64_s nv;

	if (copy_from_user(&r, urlim, sizeof(r)))
		return -EFAULT;
	nv.cur = r.cur == RLIM_INFINITY ? RLIM64_INFINITY : r.cur;
	nv.max = r.max == RLIM_INFINITY ? RLIM64_INFINITY : r.max;
	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (nv.cur > nv.max)
		return -EINVAL;
	if (nv.max > current->signal->rlim[res].max && current->ids.euid != 0)
		return -EPERM;
	current->signal->rlim[res] = nv;
	return 0;
}

/* ---- sysinfo(2): freeram is the free-frame count, in bytes ---- */

long sys_sysinfo(struct sysinfo32 __user *uinfo)
{
	struct sysinfo32 si;

	memset(&si, 0, sizeof(si));
	si.uptime = (int32_t)(uptime_ms() / 1000);
	si.totalram = pmm_total_frames();
	si.freeram = pmm_free_frames();
	si.procs = (uint16_t)proc_count();
	si.mem_unit = PAGE_SIZE;
	return copy_to_user(uinfo, &si, sizeof(si)) ? -EFAULT : 0;
}

/* ---- reboot(2): privilege, then magic, then power.c (Linux's order) ---- */

long sys_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd)
{
	if (current->ids.euid != 0)
		return -EPERM;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	return power_reboot(cmd);
}
