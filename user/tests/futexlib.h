/*
 * futexlib.h - raw futex(2) calls for the futex tests: musl has no
 * wrapper, and its struct timespec is the 64-bit one, so the old call
 * gets an explicit two-int32 layout (struct ts32) and futex_time64 the
 * 64-bit one (struct ts64). Values as Linux include/uapi/linux/futex.h.
 */
#ifndef SLEIGHT_FUTEXLIB_H
#define SLEIGHT_FUTEXLIB_H

#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_OP(op, oparg, cmp, cmparg)                                  \
	((((op) & 0xf) << 28) | (((cmp) & 0xf) << 24) |                    \
	 (((oparg) & 0xfff) << 12) | ((cmparg) & 0xfff))
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_OPARG_SHIFT 8
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

#ifndef SYS_futex_time64
#define SYS_futex_time64 422
#endif

struct ts32 {
	int32_t sec, nsec;
};

struct ts64 {
	int64_t sec, nsec;
};

/* futex(2), the 32-bit timespec; -1 and errno on failure. */
static __attribute__((unused)) long futex(volatile uint32_t *uaddr, int op,
					  uint32_t val, const void *t,
					  volatile uint32_t *uaddr2,
					  uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, t, uaddr2, val3);
}

/* futex_time64(2), the 64-bit timespec. */
static __attribute__((unused)) long futex64(volatile uint32_t *uaddr, int op,
					    uint32_t val, const void *t,
					    volatile uint32_t *uaddr2,
					    uint32_t val3)
{
	return syscall(SYS_futex_time64, uaddr, op, val, t, uaddr2, val3);
}

/* Milliseconds on clock id. */
static __attribute__((unused)) long long now_ms(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The absolute time ms from now on clock id, as a ts32 / ts64. */
static __attribute__((unused)) struct ts32 abs32(clockid_t id, long ms)
{
	long long t = now_ms(id) + ms;
	struct ts32 r = {(int32_t)(t / 1000), (int32_t)(t % 1000 * 1000000)};

	return r;
}

static __attribute__((unused)) struct ts64 abs64(clockid_t id, long ms)
{
	long long t = now_ms(id) + ms;
	struct ts64 r = {t / 1000, t % 1000 * 1000000};

	return r;
}

/* Wake one waiter on the word, retrying for up to ~4 s until one is
 * there (another process is on its way to sleep). What the last wake
 * returned. */
static __attribute__((unused)) long wake_one_waiting(volatile uint32_t *w,
						      int op)
{
	long n = 0;

	for (int i = 0; i < 400 && n == 0; i++) {
		n = futex(w, op, 1, NULL, NULL, 0);
		if (n == 0)
			usleep(10000);
	}
	return n;
}

/* reap - wait for child pid: its exit code, 100 + the signal that
 * killed it, or -1 when pid is not a child (waitpid(2)). */
static __attribute__((unused)) int reap(pid_t pid)
{
	int st;

	if (pid <= 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

/* shared_page - one page of MAP_SHARED|MAP_ANONYMOUS memory, zeroed, that
 * forked children share with the caller; NULL when mmap fails. */
static __attribute__((unused)) void *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

#endif
