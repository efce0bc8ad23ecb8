/*
 * t_futex_wake_misses_other_process - FUTEX_WAKE, FUTEX_WAKE_BITSET,
 * FUTEX_REQUEUE, FUTEX_CMP_REQUEUE and FUTEX_WAKE_OP between processes
 * that share a MAP_SHARED page, and FUTEX_WAKE_OP's arithmetic.
 *
 * Bug: futex(2) was missing, so nothing could sleep on a word and be
 * woken by another process (a process-shared mutex, a semaphore in
 * shared memory). The contract, checked against host Linux: a shared
 * futex in MAP_SHARED memory is the same futex in every process mapping
 * it; a private one is not (FUTEX_PRIVATE_FLAG keys by address space);
 * a waiter killed in its sleep leaves the queue, one stopped and
 * continued goes back to sleep (no handler ran: the wait restarts);
 * each wake returns how many it woke, a requeue woken + moved;
 * CMP_REQUEUE is EAGAIN when the word changed; WAKE_OP applies its op
 * (SET, ADD, OR, ANDN, XOR, with OPARG_SHIFT) to the second word and
 * wakes there only when its comparison of the old value holds.
 */
#include <signal.h>
#include "testlib.h"
#include "futexlib.h"

struct shm {
	volatile uint32_t a, b, c, stop, ready;
	volatile int32_t result[4];
};

static struct shm *s;

/* A child that waits once on w for val (shared, bitset) and exits with
 * 0 when woken, 1 on any other end. */
static pid_t waiter(volatile uint32_t *w, uint32_t val, uint32_t bitset,
		    int op)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct ts32 t = {6, 0}; /* FUTEX_WAIT: relative */

		if (op == FUTEX_WAIT_BITSET)
			t = abs32(CLOCK_MONOTONIC, 6000);

		__sync_fetch_and_add(&s->ready, 1);
		_exit(futex(w, op, val, &t, NULL, bitset) == 0 ? 0 : 1);
	}
	return pid;
}

/* Wait until n children said they are about to sleep, and a little more
 * for them to be asleep. */
static void settle(uint32_t n)
{
	for (int i = 0; i < 400 && s->ready < n; i++)
		usleep(10000);
	usleep(100000);
}

static void wake(void)
{
	pid_t p;

	s->a = 0;
	p = waiter(&s->a, 0, ~0u, FUTEX_WAIT);
	check_eq(wake_one_waiting(&s->a, FUTEX_WAKE), 1,
		 "FUTEX_WAKE reaches a waiter in another process");
	check_eq(reap(p), 0, "the waiter saw 0 (woken)");

	s->ready = 0;
	p = waiter(&s->a, 0, 0x2, FUTEX_WAIT_BITSET);
	settle(1);
	check_eq(futex(&s->a, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x1), 0,
		 "WAKE_BITSET with a disjoint bitset wakes nobody");
	check_eq(futex(&s->a, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x6), 1,
		 "WAKE_BITSET with a common bit wakes it");
	check_eq(reap(p), 0, "the bitset waiter was woken");

	s->ready = 0;
	p = waiter(&s->a, 0, ~0u, FUTEX_WAIT);
	settle(1);
	check_eq(futex(&s->a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL,
		       0),
		 0, "a private wake does not reach a shared waiter");
	check_eq(futex(&s->a, FUTEX_WAKE, 1, NULL, NULL, 0), 1,
		 "the shared wake does");
	reap(p);

	s->ready = 0;
	p = waiter(&s->a, 0, ~0u, FUTEX_WAIT | FUTEX_PRIVATE_FLAG);
	settle(1);
	check_eq(futex(&s->a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL,
		       0),
		 0, "a private waiter in another process is not reached");
	kill(p, SIGKILL);
	check_eq(reap(p), 100 + SIGKILL, "a sleeping waiter dies of SIGKILL");

	s->ready = 0;
	p = waiter(&s->a, 0, ~0u, FUTEX_WAIT);
	settle(1);
	kill(p, SIGSTOP);
	usleep(50000);
	kill(p, SIGCONT);
	check_eq(wake_one_waiting(&s->a, FUTEX_WAKE), 1,
		 "a timed waiter stopped and continued waits on (restarted)");
	check_eq(reap(p), 0, "... and the wake ends its wait with 0");
	check_eq(futex(&s->a, FUTEX_WAKE, 1, NULL, NULL, 0), 0,
		 "... and is gone from the queue");
}

static void requeue(void)
{
	pid_t p[3];

	s->a = 7;
	s->ready = 0;
	for (int i = 0; i < 3; i++)
		p[i] = waiter(&s->a, 7, ~0u, FUTEX_WAIT);
	settle(3);
	check_errno(futex(&s->a, FUTEX_CMP_REQUEUE, 1, (void *)1, &s->b, 8),
		    EAGAIN, "CMP_REQUEUE with a stale value: EAGAIN");
	check_errno(futex(&s->a, FUTEX_REQUEUE, 1, (void *)-1, &s->b, 0),
		    EINVAL, "REQUEUE with a negative count: EINVAL");
	check_eq(futex(&s->a, FUTEX_REQUEUE, 0, (void *)5, &s->a, 0), 3,
		 "REQUEUE onto the same word: all three counted once");
	check_eq(futex(&s->a, FUTEX_CMP_REQUEUE, 1, (void *)1, &s->b, 7), 2,
		 "CMP_REQUEUE: one woken + one moved");
	check_eq(futex(&s->a, FUTEX_REQUEUE, 0, (void *)5, &s->b, 0), 1,
		 "REQUEUE: the last one moved");
	check_eq(futex(&s->a, FUTEX_WAKE, 5, NULL, NULL, 0), 0,
		 "none left on the first word");
	check_eq(futex(&s->b, FUTEX_WAKE, 5, NULL, NULL, 0), 2,
		 "both moved waiters wake on the second word");
	for (int i = 0; i < 3; i++)
		check_eq(reap(p[i]), 0, "a requeued waiter was woken");
}

/* WAKE_OP on the word itself, no waiters: the op's arithmetic. */
static void wake_op_math(void)
{
	static const struct {
		uint32_t before, op;
		int oparg;
		uint32_t after;
		const char *what;
	} c[] = {
		{5, FUTEX_OP_SET, 9, 9, "SET"},
		{5, FUTEX_OP_ADD, -2, 3, "ADD -2 (12-bit signed oparg)"},
		{5, FUTEX_OP_OR, 8, 13, "OR"},
		{7, FUTEX_OP_ANDN, 2, 5, "ANDN"},
		{6, FUTEX_OP_XOR, 3, 5, "XOR"},
		{1, FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4, 17,
		 "OR with OPARG_SHIFT (1 << 4)"},
	};
	volatile uint32_t w;

	for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		w = c[i].before;
		long r = futex(&s->c, FUTEX_WAKE_OP, 1, 0, &w,
			       FUTEX_OP(c[i].op, c[i].oparg, 0, 0));
		check(r == 0 && w == c[i].after, "WAKE_OP %s: %u -> %u (%ld)",
		      c[i].what, c[i].before, w, r);
	}
	w = 5;
	check_errno(futex(&s->c, FUTEX_WAKE_OP, 1, 0, &w,
			  FUTEX_OP(FUTEX_OP_ADD, 1, 9, 0)),
		    ENOSYS, "WAKE_OP with comparison 9: ENOSYS");
	check_eq(w, 6, "... after the op was applied");
	check_errno(futex(&s->c, FUTEX_WAKE_OP, 1, 0, &w, 7u << 28), ENOSYS,
		    "WAKE_OP with op 7: ENOSYS");
	check_errno(futex(&s->c, FUTEX_WAKE_OP, 1, 0, unmapped_page(), 0),
		    EFAULT, "WAKE_OP on an unmapped word: EFAULT");
}

/* WAKE_OP's comparisons, with a waiter on the changed word: it wakes
 * (returns 1) exactly when the comparison of the old value holds. */
static void wake_op_cmp(void)
{
	static const struct {
		uint32_t cmp;
		int cmparg;
		int want; /* with old value 5 */
	} c[] = {
		{FUTEX_OP_CMP_EQ, 4, 0}, {FUTEX_OP_CMP_EQ, 5, 1},
		{FUTEX_OP_CMP_NE, 5, 0}, {FUTEX_OP_CMP_NE, 4, 1},
		{FUTEX_OP_CMP_LT, 5, 0}, {FUTEX_OP_CMP_LT, 6, 1},
		{FUTEX_OP_CMP_LE, 4, 0}, {FUTEX_OP_CMP_LE, 5, 1},
		{FUTEX_OP_CMP_GT, 5, 0}, {FUTEX_OP_CMP_GT, 4, 1},
		{FUTEX_OP_CMP_GE, 6, 0}, {FUTEX_OP_CMP_GE, -1, 1},
	};
	pid_t p = -1;

	for (unsigned i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if (p <= 0) {
			s->b = 5;
			s->ready = 0;
			p = waiter(&s->b, 5, ~0u, FUTEX_WAIT);
			settle(1);
		}
		long r = futex(&s->a, FUTEX_WAKE_OP, 1, (void *)1, &s->b,
			       FUTEX_OP(FUTEX_OP_SET, 5, c[i].cmp,
					c[i].cmparg));
		check(r == c[i].want, "WAKE_OP cmp %u against %d, old 5: %d "
		      "woken (got %ld)", c[i].cmp, c[i].cmparg, c[i].want, r);
		if (r == 1) {
			check_eq(reap(p), 0, "the waiter on uaddr2 woke");
			p = -1;
		}
	}
	if (p > 0) {
		kill(p, SIGKILL);
		reap(p);
	}
}

int main(int argc, char **argv)
{
	test_init(argv);
	s = shared_page();
	if (!s) {
		check(0, "mmap MAP_SHARED");
		return test_done();
	}
	wake();
	requeue();
	wake_op_math();
	wake_op_cmp();
	return test_done();
}
