/*
 * kernel/proc/futex.c - futex(2) and futex_time64(2): sleeping on a
 * 32-bit user word until another task wakes that word.
 *
 * Owns the futex hash: FUTEX_HASH_SIZE buckets of waiters (struct
 * futex_q, each on its waiter's kernel stack for the length of the wait),
 * FIFO within a bucket. A waiter sleeps alone on the wait queue inside its
 * futex_q, so a wake picks exactly the waiters it means; the tick hook
 * wakes the waiters with a deadline, which then look at the clock.
 *
 * Keys (Linux get_futex_key): a FUTEX_PRIVATE_FLAG futex is (address
 * space, user address); a shared one in a MAP_SHARED anonymous region is
 * the physical address of the word, which every process mapping that
 * frame sees alike; a shared one elsewhere (private memory) is (address
 * space, user address) again, but never equal to the private key, so
 * private and shared operations on one word do not meet, as on Linux.
 *
 * Locking: one CPU. The hash is changed only with interrupts off; a
 * waiter reads the user word, checks it and queues itself in one
 * interrupts-off stretch, so a waker that changes the word and then
 * wakes (in another process or the tick) cannot slip in between. User
 * copies never sleep (uaccess.h), so they may run inside that stretch.
 * Invariants: a futex_q is in the bucket of its key iff !woken and its
 * waiter has not yet given up; a waker unlinks it and sets woken before
 * making the waiter runnable, and never touches it afterwards.
 *
 * Sources: futex(2); Linux kernel/futex/{syscalls,waitwake,requeue,
 * core}.c for the order of the checks and the errno of each.
 */
#include "kernel.h"
#include "clock.h"
#include "errno.h"
#include "futex.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "timer.h"
#include "uaccess.h"
#include "vm.h"
#include "sys/sys_time.h"
#include "arch/x86/io.h"
#include "uapi/futex.h"

enum futex_kind { FK_PRIVATE = 1, FK_MM_SHARED, FK_PHYS };

struct futex_key {
	uintptr_t space; /* the vm_space, or 0 for FK_PHYS */
	uint32_t word;	 /* user address, or physical address */
	enum futex_kind kind;
};

struct futex_q {
	struct futex_q *next; /* in its bucket */
	struct futex_key key;
	uint32_t bitset;       /* FUTEX_WAIT_BITSET's mask */
	struct wait_queue wq;  /* only the waiter sleeps here */
	bool woken;	       /* set by the waker, with the unlink */
	bool timed;	       /* the tick hook wakes it */
};

static struct futex_q *futex_hash[FUTEX_HASH_SIZE];
static int nr_timed; /* waiters with a deadline, for the tick hook */

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->word == b->word &&
	       a->kind == b->kind;
}

static struct futex_q **bucket(const struct futex_key *k)
{
	uint32_t h = k->word ^ (uint32_t)k->space ^ (uint32_t)k->kind;

	h ^= h >> 13;
	h *= 0x9e3779b1u;
	return &futex_hash[(h >> 16) & (FUTEX_HASH_SIZE - 1)];
}

/* Append q to its key's bucket (FIFO: the longest waiter wakes first).
 * Interrupts off. */
static void queue_locked(struct futex_q *q)
{
	struct futex_q **pp = bucket(&q->key);

	while (*pp)
		pp = &(*pp)->next;
	q->next = NULL;
	*pp = q;
}

/* Take q out of its bucket; false when it was not there (a waker took
 * it first). Interrupts off. */
static bool unqueue_locked(struct futex_q *q)
{
	for (struct futex_q **pp = bucket(&q->key); *pp; pp = &(*pp)->next) {
		if (*pp == q) {
			*pp = q->next;
			q->next = NULL;
			return true;
		}
	}
	return false;
}

/*
 * The key of the word at uaddr in current's address space. Misaligned is
 * -EINVAL; outside user space is -EFAULT; a shared key also needs the page
 * mapped (faulted in as a read would), else -EFAULT. Interrupts off (the
 * frame of a shared key must not change before the caller queues).
 */
static int get_key_locked(uint32_t uaddr, bool shared, struct futex_key *k)
{
	struct vm_space *vm = current->vm;
	pte_t *pte;

	if (uaddr % sizeof(uint32_t))
		return -EINVAL;
	if (uaddr >= KERNEL_VBASE - sizeof(uint32_t) + 1 || !vm)
		return -EFAULT;
	k->space = (uintptr_t)vm;
	k->word = uaddr;
	k->kind = shared ? FK_MM_SHARED : FK_PRIVATE;
	if (!shared)
		return 0;
	if (!user_access_ok((const void __user *)(uintptr_t)uaddr,
			    sizeof(uint32_t), false))
		return -EFAULT;
	if (!vm_addr_shared(vm, uaddr))
		return 0;
	pte = page_lookup(vm_pgdir(vm), uaddr);
	if (!pte || !(*pte & PTE_P))
		return -EFAULT;
	k->space = 0;
	k->word = PTE_ADDR(*pte) + uaddr % PAGE_SIZE;
	k->kind = FK_PHYS;
	return 0;
}

/* Make q's waiter runnable, its wait done. Interrupts off; q is already
 * out of its bucket. */
static void wake_q_locked(struct futex_q *q)
{
	q->woken = true;
	wake_up_locked(&q->wq);
}

/*
 * Wake up to nr waiters on k whose bitset meets bitset. As Linux, the
 * first match is woken even when nr <= 0. Returns how many. Interrupts
 * off.
 */
static int wake_key_locked(const struct futex_key *k, int nr, uint32_t bitset)
{
	struct futex_q **pp = bucket(k), *q;
	int n = 0;

	while ((q = *pp)) {
		if (!key_eq(&q->key, k) || !(q->bitset & bitset)) {
			pp = &q->next;
			continue;
		}
		*pp = q->next;
		wake_q_locked(q);
		if (++n >= nr)
			break;
	}
	return n;
}

/* FUTEX_WAKE / FUTEX_WAKE_BITSET: wake up to nr waiters on uaddr whose
 * bitset meets bitset. How many, or -EINVAL / -EFAULT (the key). */
static long futex_wake(uint32_t uaddr, bool shared, int nr, uint32_t bitset)
{
	struct futex_key k;
	uint32_t f = irq_save();
	int r = get_key_locked(uaddr, shared, &k);

	if (!r)
		r = wake_key_locked(&k, nr, bitset);
	irq_restore(f);
	return r;
}

/* futex_wake_user - see futex.h. */
int futex_wake_user(uint32_t __user *uaddr, bool shared, int nr)
{
	return (int)futex_wake((uint32_t)(uintptr_t)uaddr, shared, nr,
			       FUTEX_BITSET_MATCH_ANY);
}

/* The tick: let every waiter with a deadline look at its clock. */
static void futex_tick(void)
{
	if (!nr_timed)
		return;
	for (int i = 0; i < FUTEX_HASH_SIZE; i++)
		for (struct futex_q *q = futex_hash[i]; q; q = q->next)
			if (q->timed)
				wake_up_locked(&q->wq);
}

/* futex_init - see futex.h. */
void futex_init(void)
{
	if (timer_add_hook(futex_tick))
		panic("futex: no timer hook slot");
}

/* A wait's deadline: on clock `clock`, at ns; none when !set. */
struct futex_deadline {
	bool set;
	int clock;
	int64_t ns;
};

/* Sleep on q (queued) until woken, the deadline, or a signal. 0,
 * -ETIMEDOUT or -ERESTARTSYS; q is out of the hash on return.
 * Interrupts off. */
static int wait_queued_locked(struct futex_q *q,
			      const struct futex_deadline *dl)
{
	int err;

	for (;;) {
		if (dl->set && clock_now_ns(dl->clock) >= dl->ns) {
			err = -ETIMEDOUT;
			break;
		}
		err = sleep_interruptible_locked(&q->wq);
		if (q->woken)
			return 0;
		if (err)
			break;
	}
	if (!unqueue_locked(q))
		return 0; /* woken after all: the wake counts */
	return err;
}

/*
 * FUTEX_WAIT / FUTEX_WAIT_BITSET: sleep while the word at uaddr holds
 * val. 0 when woken, -EAGAIN when it does not hold val, -ETIMEDOUT,
 * -EINVAL (bitset 0, misaligned), -EFAULT, or, on a signal,
 * -ERESTARTSYS without a deadline (restarted under SA_RESTART) and
 * -ERESTARTNOHAND with one (-EINTR once a handler runs, as Linux's
 * restart block; a restart without a handler begins the relative
 * timeout again).
 */
static long futex_wait(uint32_t uaddr, bool shared, uint32_t val,
		       const struct futex_deadline *dl, uint32_t bitset)
{
	struct futex_q q = {.bitset = bitset, .timed = dl->set};
	uint32_t cur, f;
	int err;

	if (!bitset)
		return -EINVAL;
	f = irq_save();
	err = get_key_locked(uaddr, shared, &q.key);
	if (!err && get_user_u32(&cur, (const void __user *)(uintptr_t)uaddr))
		err = -EFAULT;
	if (!err && cur != val)
		err = -EAGAIN;
	if (err)
		goto out;
	queue_locked(&q);
	nr_timed += q.timed;
	err = wait_queued_locked(&q, dl);
	nr_timed -= q.timed;
out:
	irq_restore(f);
	if (err == -ERESTARTSYS && dl->set)
		err = -ERESTARTNOHAND;
	return err;
}

/*
 * FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake up to nr_wake waiters on
 * uaddr, move up to nr_requeue more to uaddr2. cmp: only when the word
 * at uaddr holds *cmp, else -EAGAIN. Returns woken + moved, -EINVAL
 * (a negative count, misaligned) or -EFAULT.
 */
static long futex_requeue(uint32_t uaddr, uint32_t uaddr2, bool shared,
			  int nr_wake, int nr_requeue, const uint32_t *cmp)
{
	struct futex_key k1, k2;
	struct futex_q **pp, *q;
	uint32_t cur, f;
	long n = 0;
	int err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	f = irq_save();
	err = get_key_locked(uaddr, shared, &k1);
	if (!err)
		err = get_key_locked(uaddr2, shared, &k2);
	if (!err && cmp &&
	    get_user_u32(&cur, (const void __user *)(uintptr_t)uaddr))
		err = -EFAULT;
	if (!err && cmp && cur != *cmp)
		err = -EAGAIN;
	if (err)
		goto out;
	pp = bucket(&k1);
	while ((q = *pp) && n - nr_wake < nr_requeue) {
		if (!key_eq(&q->key, &k1)) {
			pp = &q->next;
			continue;
		}
		*pp = q->next;
		if (++n <= nr_wake) {
			wake_q_locked(q);
			continue;
		}
		q->key = k2;
		queue_locked(q);
	}
out:
	irq_restore(f);
	return err ? err : n;
}

/*
 * FUTEX_WAKE_OP's atomic step on the word at uaddr (one CPU, interrupts
 * off: no user code runs between the read and the write): apply the op
 * of val3, then evaluate its comparison on the old value. 1 or 0 for the
 * comparison, -ENOSYS for an unknown op or comparison (the op is done
 * before the comparison is looked at, as Linux), -EFAULT.
 */
static int wake_op_apply_locked(uint32_t uaddr, uint32_t val3)
{
	void __user *u = (void __user *)(uintptr_t)uaddr;
	uint32_t op = (val3 >> 28) & 7, cmp = (val3 >> 24) & 15;
	int32_t oparg = (int32_t)(val3 << 8) >> 20;
	int32_t cmparg = (int32_t)(val3 << 20) >> 20;
	uint32_t old, new;

	if (val3 & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31));
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (!user_access_ok(u, sizeof(uint32_t), true) || get_user_u32(&old, u))
		return -EFAULT;
	switch (op) {
	case FUTEX_OP_SET: new = (uint32_t)oparg; break;
	case FUTEX_OP_ADD: new = old + (uint32_t)oparg; break;
	case FUTEX_OP_OR: new = old | (uint32_t)oparg; break;
	case FUTEX_OP_ANDN: new = old & ~(uint32_t)oparg; break;
	default: new = old ^ (uint32_t)oparg; break;
	}
	if (put_user_u32(u, new))
		return -EFAULT;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: return (int32_t)old == cmparg;
	case FUTEX_OP_CMP_NE: return (int32_t)old != cmparg;
	case FUTEX_OP_CMP_LT: return (int32_t)old < cmparg;
	case FUTEX_OP_CMP_LE: return (int32_t)old <= cmparg;
	case FUTEX_OP_CMP_GT: return (int32_t)old > cmparg;
	case FUTEX_OP_CMP_GE: return (int32_t)old >= cmparg;
	default: return -ENOSYS;
	}
}

/*
 * FUTEX_WAKE_OP: change the word at uaddr2 by val3's op, wake up to nr
 * waiters on uaddr and, when val3's comparison of the old value holds,
 * up to nr2 on uaddr2. Returns how many woken in all, or the error of a
 * key or of the op.
 */
static long futex_wake_op(uint32_t uaddr, uint32_t uaddr2, bool shared,
			  int nr, int nr2, uint32_t val3)
{
	struct futex_key k1, k2;
	uint32_t f = irq_save();
	long n = 0;
	int r;

	r = get_key_locked(uaddr, shared, &k1);
	if (!r)
		r = get_key_locked(uaddr2, shared, &k2);
	if (!r)
		r = wake_op_apply_locked(uaddr2, val3);
	if (r >= 0) {
		n = wake_key_locked(&k1, nr, FUTEX_BITSET_MATCH_ANY);
		if (r > 0)
			n += wake_key_locked(&k2, nr2, FUTEX_BITSET_MATCH_ANY);
	}
	irq_restore(f);
	return r < 0 ? r : n;
}

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
	if (timespec_get_user(&ts, (const void __user *)(uintptr_t)utime,
			      wide))
		return -EFAULT;
	nsec = (int32_t)ts.tv_nsec;
	if (ts.tv_sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	dl->set = true;
	dl->clock = (op & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME
						: CLOCK_MONOTONIC;
	dl->ns = ts.tv_sec > INT64_MAX / NSEC_PER_SEC - 1
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
		return -ENOSYS; /* Linux 6.x: FUTEX_WAIT too */
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
