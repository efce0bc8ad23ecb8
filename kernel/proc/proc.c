/*
 * kernel/proc/proc.c - the process table and pid allocation.
 *
 * Owns the process records, the process list, the pid hash, the pid
 * cursor and the default RLIMIT_NPROC. The table has no fixed size: a
 * record is allocated when a process (or a vfork child phase's reserved
 * pid) is created, by sizeof(struct proc), and freed when it is reaped;
 * the limits are memory, RLIMIT_NPROC and PID_MAX (docs/processes.md).
 *   - the process list links every record (all_next/all_prev) in
 *     creation order: what proc_for_each_locked walks and the scheduler
 *     goes round;
 *   - the pid hash (hash_next, PID_HASH_SIZE buckets by pid) makes
 *     proc_find_locked O(1) expected;
 *   - pids are handed out cyclically from the last one, as Linux's
 *     alloc_pid: last_pid + 1, wrapping to PID_RESERVED, skipping every id
 *     in use as a pid, a process group or a session (Linux keeps a struct
 *     pid while any of the three refers to it).
 *
 * Locking: one CPU; every change to the list, the hash, parent/child links
 * or a state happens with interrupts off, and every *_locked function
 * asserts that on its first line.
 * Invariants:
 *   - a record is on the list and in the hash bucket of its pid from
 *     proc_alloc_slot to proc_free, and on neither otherwise; nr_procs
 *     counts them;
 *   - every process but init (pid 1) and the idle process (pid 0) has a
 *     parent, and is on that parent's children list exactly once; a
 *     thread that is not its group's leader has none (thread.c);
 *   - a pid is in use while a record holds it (a vfork child phase is a
 *     process with its own record), so no two live things share one;
 *   - every id in (last_pid, pid_free_end) was free at the last scan, and
 *     none has come into use since: new ids come only from this cursor.
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "proc.h"
#include "vfs.h"
#include "fork.h"
#include "sched.h"
#include "thread.h"
#include "uaccess.h"
#include "vm.h"
#include "arch/x86/io.h"

_Static_assert((PID_HASH_SIZE & (PID_HASH_SIZE - 1)) == 0,
	       "PID_HASH_SIZE must be a power of two");
_Static_assert(PID_RESERVED > 1 && PID_RESERVED < PID_MAX,
	       "pids wrap to PID_RESERVED, inside 1 .. PID_MAX - 1");

struct proc *initproc;
static struct proc *proc_head, *proc_tail; /* the process list */
static struct proc *pid_hash[PID_HASH_SIZE];
static int nr_procs;
static int last_pid;	 /* the pid handed out last */
static int pid_free_end; /* ids in (last_pid, pid_free_end) are free */
static uint32_t pid_used[PID_MAX / 32]; /* scratch of pid_scan_locked */
static uint64_t nproc_default;

/* The address space user pointers refer to: current's (uaccess). */
static struct vm_space *current_space(void)
{
	return current ? current->vm : NULL;
}

/* proc_init - see proc.h. Linux set_max_threads: as many threads as fit
 * their kernel stacks in 1/NPROC_STACK_SHARE of memory; everyone's
 * RLIMIT_NPROC starts at half of that (init_task). */
void proc_init(void)
{
	uint32_t max_threads =
		pmm_free_frames() / (NPROC_STACK_SHARE * KSTACK_PAGES);

	nproc_default = NPROC_DEFAULT(MAX(max_threads, NPROC_THREADS_MIN));
	uaccess_set_space(current_space);
}

/* proc_nproc_default - the RLIMIT_NPROC init starts with (proc_init). */
uint64_t proc_nproc_default(void)
{
	return nproc_default;
}

/* proc_first_locked - see proc.h. */
struct proc *proc_first_locked(void)
{
	assert_irqs_off();
	return proc_head;
}

static struct proc **hash_bucket(int pid)
{
	return &pid_hash[(unsigned)pid & (PID_HASH_SIZE - 1)];
}

static void hash_add(struct proc *p)
{
	struct proc **b = hash_bucket(p->pid);

	p->hash_next = *b;
	*b = p;
}

static void hash_del(struct proc *p)
{
	struct proc **pp;

	for (pp = hash_bucket(p->pid); *pp; pp = &(*pp)->hash_next) {
		if (*pp == p) {
			*pp = p->hash_next;
			break;
		}
	}
	p->hash_next = NULL;
}

static void list_add_tail(struct proc *p)
{
	p->all_next = NULL;
	p->all_prev = proc_tail;
	if (proc_tail)
		proc_tail->all_next = p;
	else
		proc_head = p;
	proc_tail = p;
}

static void list_del(struct proc *p)
{
	if (p->all_prev)
		p->all_prev->all_next = p->all_next;
	else
		proc_head = p->all_next;
	if (p->all_next)
		p->all_next->all_prev = p->all_prev;
	else
		proc_tail = p->all_prev;
	p->all_next = p->all_prev = NULL;
}

/* proc_find_locked - the visible process with this pid, or NULL.
 * Zombies count (they hold their pid until reaped), and so does a
 * parent suspended in vfork; embryos do not (they are being built).
 * Interrupts off. */
struct proc *proc_find_locked(int pid)
{
	assert_irqs_off();
	if (pid <= 0)
		return NULL;
	for (struct proc *p = *hash_bucket(pid); p; p = p->hash_next)
		if (p->pid == pid && proc_visible(p))
			return p;
	return NULL;
}

/* proc_set_pid_locked - give p another pid, keeping the hash right. The
 * pid must already be reserved: it came from pid_alloc_locked, or from a
 * record leaving it. Interrupts off. */
void proc_set_pid_locked(struct proc *p, int pid)
{
	assert_irqs_off();
	hash_del(p);
	p->pid = pid;
	hash_add(p);
}

/*
 * proc_pgrp_orphaned_locked - is process group pgid orphaned (POSIX XBD
 * 3.265 "Orphaned Process Group"; Linux will_become_orphaned_pgrp)? It
 * is unless some member has a parent in another group of the same
 * session, the shell that could continue it. Zombies do not count, nor
 * do members whose parent is init or is exiting (a zombie: Linux's
 * ignored_task), as on Linux. Interrupts off.
 */
bool proc_pgrp_orphaned_locked(int pgid)
{
	const struct proc *p, *pp;

	assert_irqs_off();
	proc_for_each_locked(p) {
		pp = p->parent;
		if (!proc_live(p) || p->signal->session.pgid != pgid)
			continue;
		if (!pp || pp == initproc || pp->state == P_ZOMBIE)
			continue;
		if (pp->signal->session.pgid != pgid &&
		    pp->signal->session.sid == p->signal->session.sid)
			return false;
	}
	return true;
}

/* proc_pgrp_exists_locked - does a live process have process group pgid,
 * in session sid (any session when sid is 0)? setpgid(2), setsid(2) and
 * TIOCSPGRP ask. Interrupts off. */
bool proc_pgrp_exists_locked(int pgid, int sid)
{
	const struct proc *p;

	assert_irqs_off();
	proc_for_each_locked(p)
		if (proc_live(p) && p->signal->session.pgid == pgid &&
		    (sid == 0 || p->signal->session.sid == sid))
			return true;
	return false;
}

static void pid_mark(int id)
{
	if (id > 0 && id < PID_MAX)
		pid_used[id / 32] |= 1u << (id % 32);
}

static bool pid_marked(int id)
{
	return pid_used[id / 32] & (1u << (id % 32));
}

/* The first unmarked id in [from, to), or -1. */
static int pid_first_free(int from, int to)
{
	for (int id = from; id < to; id++) {
		if (pid_used[id / 32] == ~0u) {
			id |= 31;
			continue;
		}
		if (!pid_marked(id))
			return id;
	}
	return -1;
}

/*
 * Mark every id in use (each record's pid, process group and session, and
 * the ids vfork child phases hide), then take the first free one from
 * `from` on, wrapping to min: as Linux's idr_alloc_cyclic over
 * [min, PID_MAX). Sets pid_free_end to the next id in use after it.
 * Returns the pid, or -EAGAIN when every id is in use. O(processes +
 * PID_MAX / 32), once per run of free ids.
 */
static int pid_scan_locked(int from, int min)
{
	struct proc *p;
	int pid, end;

	assert_irqs_off();
	memset(pid_used, 0, sizeof(pid_used));
	proc_for_each_locked(p) {
		pid_mark(p->pid);
		if (p->signal) {
			pid_mark(p->signal->session.pgid);
			pid_mark(p->signal->session.sid);
		}
	}
	pid = pid_first_free(from, PID_MAX);
	if (pid < 0)
		pid = pid_first_free(min, from);
	if (pid < 0)
		return -EAGAIN;
	for (end = pid + 1; end < PID_MAX && !pid_marked(end); end++)
		;
	pid_free_end = end;
	return pid;
}

/*
 * pid_alloc_locked - the next free pid after the last one handed out, so
 * that a pid is reused only after the others, as Linux's alloc_pid: pids
 * 1 .. PID_MAX - 1 on the first pass, then from PID_RESERVED. An id in
 * use as a pid, a process group or a session is never handed out.
 * Returns the pid, or -EAGAIN when none is free. Interrupts off.
 */
int pid_alloc_locked(void)
{
	int min = last_pid >= PID_RESERVED ? PID_RESERVED : 1;
	int pid = MAX(last_pid + 1, min);

	assert_irqs_off();
	if (pid >= PID_MAX)
		pid = min;
	if (pid != last_pid + 1 || pid >= pid_free_end)
		pid = pid_scan_locked(pid, min);
	if (pid < 0)
		return pid;
	last_pid = pid;
	return pid;
}

/*
 * Would one more process for current's real uid pass its RLIMIT_NPROC?
 * Every record counts, embryos and zombies included (Linux counts a task
 * until it is released). Root, by real uid or euid, is exempt, as Linux
 * exempts INIT_USER and CAP_SYS_RESOURCE/CAP_SYS_ADMIN (copy_process,
 * kernel/fork.c). O(processes) for everyone else. Interrupts off.
 */
static bool nproc_over_locked(void)
{
	const struct proc *p;
	uint32_t uid;
	uint64_t n = 0;

	assert_irqs_off();
	if (!current || current->ids.uid == 0 || current->ids.euid == 0)
		return false;
	uid = current->ids.uid;
	proc_for_each_locked(p)
		n += p->ids.uid == uid;
	return n >= current->signal->rlim[RLIMIT_NPROC].cur;
}

/*
 * A record's memory: one kmalloc object while struct proc fits one (a
 * request above KMALLOC_MAX_SLAB gets a page of its own), else vmalloc
 * pages. Both are at least 16-byte aligned, as fpu_area (FXSAVE) needs.
 */
static struct proc *record_alloc(void)
{
	struct proc *p = sizeof(struct proc) <= KMALLOC_MAX
				 ? kmalloc(sizeof(struct proc))
				 : vmalloc(sizeof(struct proc));

	BUG_ON((uintptr_t)p % 16);
	return p;
}

static void record_free(struct proc *p)
{
	if (sizeof(struct proc) <= KMALLOC_MAX)
		kfree(p);
	else
		vfree(p, sizeof(struct proc));
}

/*
 * proc_alloc_slot - a new process record, without a kernel stack, as a
 * P_EMBRYO (invisible to lookups and the scheduler) holding pid, or a new
 * pid when pid is 0. The embryo is charged to current's real uid at once.
 * Returns it, or NULL with *err = -ENOMEM (no memory for the record) or
 * -EAGAIN (no pid, or the caller's user at its RLIMIT_NPROC, fork(2)).
 */
struct proc *proc_alloc_slot(int pid, int *err)
{
	struct proc *p = record_alloc();
	uint32_t f;

	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	memset(p, 0, sizeof(*p));
	f = irq_save();
	if (nproc_over_locked() ||
	    (pid == 0 && (pid = pid_alloc_locked()) < 0)) {
		irq_restore(f);
		record_free(p);
		*err = -EAGAIN;
		return NULL;
	}
	p->state = P_EMBRYO;
	p->pid = pid;
	p->ids.uid = current ? current->ids.uid : 0;
	list_add_tail(p);
	hash_add(p);
	nr_procs++;
	irq_restore(f);
	return p;
}

/*
 * proc_alloc - as proc_alloc_slot, plus a kernel stack. Returns the
 * process, or NULL with *err = -EAGAIN (no pid, RLIMIT_NPROC) or -ENOMEM
 * (no memory for the record or the kernel stack).
 */
struct proc *proc_alloc(int pid, int *err)
{
	struct proc *p = proc_alloc_slot(pid, err);

	if (!p)
		return NULL;
	p->kstack = kstack_alloc();
	if (!p->kstack) {
		proc_free(p);
		*err = -ENOMEM;
		return NULL;
	}
	return p;
}

/*
 * proc_free - release a process that was never started or has been
 * reaped: its signal_struct, kernel stack and record, which is off the
 * list and the hash when this returns. Its other parts must already be
 * released (proc_parts_put), and p is not on a children list. Not for the
 * running process.
 */
void proc_free(struct proc *p)
{
	uint32_t f;

	BUG_ON(p == current);
	proc_signal_put(p);
	if (p->kstack)
		kstack_free(p->kstack);
	f = irq_save();
	hash_del(p);
	list_del(p);
	nr_procs--;
	irq_restore(f);
	p->state = P_UNUSED;
	record_free(p);
}

/* proc_link_child_locked - make child a child of parent. Interrupts
 * off. */
void proc_link_child_locked(struct proc *parent, struct proc *child)
{
	assert_irqs_off();
	child->parent = parent;
	child->sibling = parent->children;
	parent->children = child;
}

/* proc_unlink_child_locked - take child off its parent's list.
 * Interrupts off. */
void proc_unlink_child_locked(struct proc *child)
{
	struct proc **pp;

	assert_irqs_off();
	if (!child->parent)
		return;
	for (pp = &child->parent->children; *pp; pp = &(*pp)->sibling) {
		if (*pp == child) {
			*pp = child->sibling;
			break;
		}
	}
	child->parent = NULL;
	child->sibling = NULL;
}

/*
 * proc_reparent_children_locked - hand every child of p to another live
 * thread of p's group (thread_reaper_locked: the children are the
 * group's), else to init (pid 1), as exit(2) says, calling moved(c)
 * (when not NULL) for each child c that init takes. Returns true if one
 * of them is already a zombie, so its new parent must be woken to reap
 * it. Interrupts off.
 */
bool proc_reparent_children_locked(struct proc *p,
				   void (*moved)(struct proc *c))
{
	struct proc *to = thread_reaper_locked(p);
	bool zombie = false;

	assert_irqs_off();
	if (!to)
		to = initproc;
	while (p->children) {
		struct proc *c = p->children;

		proc_unlink_child_locked(c);
		proc_link_child_locked(to, c);
		zombie |= c->state == P_ZOMBIE;
		if (moved && to == initproc)
			moved(c);
	}
	return zombie;
}

/* proc_count - process records in existence (embryos and zombies
 * included). */
int proc_count(void)
{
	return nr_procs;
}
