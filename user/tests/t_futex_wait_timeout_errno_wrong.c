/*
 * t_futex_wait_timeout_errno_wrong - FUTEX_WAIT and FUTEX_WAIT_BITSET
 * with timeouts, and the errno of every way a wait can end.
 *
 * Bug: futex(2) was missing (ENOSYS), so musl's timed locks, condition
 * waits and sem_timedwait could not sleep at all. The contract, checked
 * against host Linux: FUTEX_WAIT's timeout is relative (CLOCK_MONOTONIC),
 * FUTEX_WAIT_BITSET's absolute, on CLOCK_REALTIME with
 * FUTEX_CLOCK_REALTIME, else CLOCK_MONOTONIC; both end with ETIMEDOUT
 * no earlier than asked; futex_time64 takes the 64-bit timespec. A word
 * that does not hold val is EAGAIN; a bad timespec or bitset 0 or a
 * misaligned word is EINVAL (the timespec is checked first); a bad
 * pointer is EFAULT; FUTEX_CLOCK_REALTIME on FUTEX_WAIT and an unknown
 * op are ENOSYS. A SIGALRM handler ends a wait with EINTR: without
 * SA_RESTART always, with SA_RESTART still for a timed wait (Linux's
 * restart block), while an untimed one is restarted and then woken.
 */
#include <signal.h>
#include <sys/time.h>
#include "testlib.h"
#include "futexlib.h"

static volatile uint32_t word;
static volatile int alarms, set_on_alarm_word;

static void on_alarm(int sig)
{
	alarms++;
	if (set_on_alarm_word)
		word = 1;
}

/* A timed wait that must end with ETIMEDOUT after [ms, ms + 1500) ms. */
static void check_timeout(long r, int err, long long t0, long ms,
			  const char *what)
{
	long long dt = now_ms(CLOCK_MONOTONIC) - t0;

	check(r == -1 && err == ETIMEDOUT && dt >= ms - 10 && dt < ms + 1500,
	      "%s: ETIMEDOUT after %lld ms (r %ld errno %d)", what, dt, r,
	      err);
}

static void timeouts(void)
{
	struct ts32 rel = {0, 100000000}, a32;
	struct ts64 rel64 = {0, 100000000}, a64;
	long long t0;
	long r;

	t0 = now_ms(CLOCK_MONOTONIC);
	r = futex(&word, FUTEX_WAIT, 0, &rel, NULL, 0);
	check_timeout(r, errno, t0, 100, "FUTEX_WAIT relative 100 ms");

	t0 = now_ms(CLOCK_MONOTONIC);
	r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &rel, NULL, 0);
	check_timeout(r, errno, t0, 100, "private FUTEX_WAIT relative");

	t0 = now_ms(CLOCK_MONOTONIC);
	r = futex64(&word, FUTEX_WAIT, 0, &rel64, NULL, 0);
	check_timeout(r, errno, t0, 100, "futex_time64 FUTEX_WAIT relative");

	t0 = now_ms(CLOCK_MONOTONIC);
	a32 = abs32(CLOCK_MONOTONIC, 150);
	r = futex(&word, FUTEX_WAIT_BITSET, 0, &a32, NULL, ~0u);
	check_timeout(r, errno, t0, 150, "WAIT_BITSET absolute monotonic");

	t0 = now_ms(CLOCK_MONOTONIC);
	a64 = abs64(CLOCK_REALTIME, 150);
	r = futex64(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &a64,
		    NULL, ~0u);
	check_timeout(r, errno, t0, 150, "WAIT_BITSET absolute realtime");

	t0 = now_ms(CLOCK_MONOTONIC);
	a32.sec = 0; /* 1 ns after boot: past on any machine */
	a32.nsec = 1;
	r = futex(&word, FUTEX_WAIT_BITSET, 0, &a32, NULL, ~0u);
	check_timeout(r, errno, t0, 0, "WAIT_BITSET deadline in the past");
}

static void errors(void)
{
	struct ts32 bad_ns = {0, 1000000000}, neg = {-1, 0}, ok = {0, 1000};
	void *gone = unmapped_page();

	word = 5;
	check_errno(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN,
		    "word differs from val: EAGAIN");
	check_errno(futex(&word, FUTEX_WAIT_BITSET, 4, &ok, NULL, 1), EAGAIN,
		    "WAIT_BITSET, word differs: EAGAIN");
	check_errno(futex(&word, FUTEX_WAIT, 4, &bad_ns, NULL, 0), EINVAL,
		    "tv_nsec 1e9: EINVAL, before the value check");
	check_errno(futex(&word, FUTEX_WAIT_BITSET, 5, &neg, NULL, ~0u),
		    EINVAL, "tv_sec -1: EINVAL");
	check_errno(futex(&word, FUTEX_WAIT_BITSET, 5, &ok, NULL, 0), EINVAL,
		    "WAIT_BITSET with bitset 0: EINVAL");
	check_errno(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0), EINVAL,
		    "WAKE_BITSET with bitset 0: EINVAL");
	check_errno(futex((uint32_t *)((char *)&word + 1), FUTEX_WAIT, 5,
			  &ok, NULL, 0),
		    EINVAL, "misaligned word: EINVAL");
	check_errno(futex(gone, FUTEX_WAIT, 0, &ok, NULL, 0), EFAULT,
		    "unmapped word: EFAULT");
	check_errno(futex((uint32_t *)0xC0001000u, FUTEX_WAIT, 0, &ok, NULL,
			  0),
		    EFAULT, "kernel address: EFAULT");
	check_errno(futex(gone, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT,
		    "shared FUTEX_WAKE of an unmapped word: EFAULT");
	check_eq(futex(gone, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL,
		       0),
		 0, "private FUTEX_WAKE of an unmapped word: 0 woken");
	check_errno(futex(&word, FUTEX_WAIT, 5, gone, NULL, 0), EFAULT,
		    "unmapped timespec: EFAULT");
	check_errno(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 5, &ok,
			  NULL, 0),
		    ENOSYS, "FUTEX_WAIT with FUTEX_CLOCK_REALTIME: ENOSYS");
	check_errno(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL,
			  NULL, 0),
		    ENOSYS, "FUTEX_WAKE with FUTEX_CLOCK_REALTIME: ENOSYS");
	check_errno(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS,
		    "unknown op: ENOSYS");
	check_eq(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0), 0,
		 "FUTEX_WAKE with no waiter: 0");
}

static void set_handler(int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
}

static void alarm_in(long ms)
{
	struct itimerval it = {{0, 0}, {ms / 1000, ms % 1000 * 1000}};

	setitimer(ITIMER_REAL, &it, NULL);
}

static void signals(void)
{
	struct ts32 rel = {3, 0};
	long long t0;
	long r;
	int err;

	word = 0;
	set_handler(0);
	alarms = 0;
	alarm_in(100);
	t0 = now_ms(CLOCK_MONOTONIC);
	r = futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0);
	err = errno;
	check(r == -1 && err == EINTR && alarms == 1,
	      "untimed wait, handler without SA_RESTART: EINTR (r %ld errno "
	      "%d, %d alarms, %lld ms)",
	      r, err, alarms, now_ms(CLOCK_MONOTONIC) - t0);

	set_handler(SA_RESTART);
	alarms = 0;
	alarm_in(100);
	t0 = now_ms(CLOCK_MONOTONIC);
	r = futex(&word, FUTEX_WAIT, 0, &rel, NULL, 0);
	err = errno;
	check(r == -1 && err == EINTR && alarms == 1 &&
		      now_ms(CLOCK_MONOTONIC) - t0 < 2500,
	      "timed wait, SA_RESTART handler: EINTR all the same (r %ld "
	      "errno %d)",
	      r, err);

	/* untimed under SA_RESTART: restarted after the handler, which
	 * changed the word, so the restarted wait says EAGAIN (an EINTR
	 * would mean no restart) */
	set_on_alarm_word = 1;
	alarms = 0;
	alarm_in(100);
	r = futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0);
	err = errno;
	check(r == -1 && err == EAGAIN && alarms == 1,
	      "untimed wait, SA_RESTART handler: restarted, then EAGAIN (r "
	      "%ld errno %d)",
	      r, err);
	alarm_in(0);
	signal(SIGALRM, SIG_DFL);
}

int main(int argc, char **argv)
{
	test_init(argv);
	timeouts();
	errors();
	signals();
	return test_done();
}
