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
#include "timer.h"
#include "uaccess.h"
#include "vm.h"
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
	uint32_t bitset;      /* FUTEX_WAIT_BITSET's mask */
	struct wait_queue wq; /* only the waiter sleeps here */
	bool woken;	      /* set by the waker, with the unlink */
	bool timed;	      /* the tick hook wakes it */
};

static struct futex_q *futex_hash[FUTEX_HASH_SIZE];
static int nr_timed; /* waiters with a deadline, for the tick hook */

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->word == b->word && a->kind == b->kind;
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

/* futex_wake - see futex.h. */
long futex_wake(uint32_t uaddr, bool shared, int nr, uint32_t bitset)
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

/* futex_wait - see futex.h. */
long futex_wait(uint32_t uaddr, bool shared, uint32_t val,
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

/* Queue the waiters of list (linked by next, last taken first) under
 * their new key, in the order they were taken. Interrupts off. */
static void requeue_moved_locked(struct futex_q *list)
{
	struct futex_q *rev = NULL, *q;

	while ((q = list)) {
		list = q->next;
		q->next = rev;
		rev = q;
	}
	while ((q = rev)) {
		rev = q->next;
		queue_locked(q);
	}
}

/* futex_requeue - see futex.h. */
long futex_requeue(uint32_t uaddr, uint32_t uaddr2, bool shared, int nr_wake,
		   int nr_requeue, const uint32_t *cmp)
{
	struct futex_key k1, k2;
	struct futex_q **pp, *q, *moved = NULL;
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
		q->next = moved; /* queued after the walk: k2 may be k1 */
		moved = q;
	}
	requeue_moved_locked(moved);
out:
	irq_restore(f);
	return err ? err : n;
}

/* FUTEX_OP_*: the new value of a word holding old. */
static uint32_t wake_op_value(uint32_t op, uint32_t old, uint32_t oparg)
{
	switch (op) {
	case FUTEX_OP_SET:
		return oparg;
	case FUTEX_OP_ADD:
		return old + oparg;
	case FUTEX_OP_OR:
		return old | oparg;
	case FUTEX_OP_ANDN:
		return old & ~oparg;
	default: /* FUTEX_OP_XOR */
		return old ^ oparg;
	}
}

/* FUTEX_OP_CMP_*: 1 or 0, or -ENOSYS for an unknown comparison. */
static int wake_op_cmp(uint32_t cmp, int32_t old, int32_t cmparg)
{
	switch (cmp) {
	case FUTEX_OP_CMP_EQ:
		return old == cmparg;
	case FUTEX_OP_CMP_NE:
		return old != cmparg;
	case FUTEX_OP_CMP_LT:
		return old < cmparg;
	case FUTEX_OP_CMP_LE:
		return old <= cmparg;
	case FUTEX_OP_CMP_GT:
		return old > cmparg;
	case FUTEX_OP_CMP_GE:
		return old >= cmparg;
	default:
		return -ENOSYS;
	}
}

/*
 * FUTEX_WAKE_OP's atomic step on the word at uaddr (one CPU, interrupts
 * off: no user code runs between the read and the write). val3 is
 * op << 28 | cmp << 24 | oparg << 12 | cmparg, both arguments 12-bit
 * signed; FUTEX_OP_OPARG_SHIFT in op makes oparg 1 << (oparg & 31).
 * Applies the op, then compares the old value: 1 or 0, -ENOSYS for an
 * unknown op (nothing done) or comparison (the op done all the same, as
 * Linux), -EFAULT.
 */
static int wake_op_apply_locked(uint32_t uaddr, uint32_t val3)
{
	void __user *u = (void __user *)(uintptr_t)uaddr;
	uint32_t op = (val3 >> 28) & 7, cmp = (val3 >> 24) & 15;
	int32_t oparg = (int32_t)(val3 << 8) >> 20;
	int32_t cmparg = (int32_t)(val3 << 20) >> 20;
	uint32_t old;

	if (val3 & (FUTEX_OP_OPARG_SHIFT << 28))
		oparg = (int32_t)(1u << (oparg & 31));
	if (op > FUTEX_OP_XOR)
		return -ENOSYS;
	if (!user_access_ok(u, sizeof(uint32_t), true) || get_user_u32(&old, u))
		return -EFAULT;
	if (put_user_u32(u, wake_op_value(op, old, (uint32_t)oparg)))
		return -EFAULT;
	return wake_op_cmp(cmp, (int32_t)old, cmparg);
}

/* futex_wake_op - see futex.h. */
long futex_wake_op(uint32_t uaddr, uint32_t uaddr2, bool shared, int nr,
		   int nr2, uint32_t val3)
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
