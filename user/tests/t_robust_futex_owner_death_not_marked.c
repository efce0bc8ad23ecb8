/*
 * t_robust_futex_owner_death_not_marked - set_robust_list(2) and
 * get_robust_list(2), and the robust list walked when its owner exits.
 *
 * Bug: the robust-list calls were missing, so a process-shared robust
 * mutex whose owner died stayed locked forever and its waiters slept on.
 * The contract, checked against host Linux: set/get round-trip the head
 * (12 bytes on i386, any other length EINVAL), a fork child starts with
 * no list; when the owner exits, every listed futex word holding its tid
 * becomes FUTEX_OWNER_DIED (FUTEX_WAITERS kept, tid cleared) and one
 * waiter wakes, the list_op_pending entry too (and one with no owner
 * just gets the wake), words owned by others are left alone, and a
 * list that loops or points nowhere ends the walk without harm. A vfork
 * child has a list of its own, walked at its exit, while the parent
 * keeps its list.
 */
#include <signal.h>
#include <stddef.h>
#include "testlib.h"
#include "futexlib.h"

struct head {
	uint32_t next;
	int32_t futex_offset;
	uint32_t pending;
};

struct node {
	uint32_t next;
	uint32_t pad;
	volatile uint32_t word; /* futex_offset 8 */
};

struct shm {
	struct head head;
	struct node n[5];
	volatile uint32_t ready, go;
};

static struct shm *s;

static long set_list(void *head, size_t len)
{
	return syscall(SYS_set_robust_list, head, len);
}

static long get_list(int pid, void *head, void *len)
{
	return syscall(SYS_get_robust_list, pid, head, len);
}

static void round_trip(void)
{
	struct head h = {0, 0, 0};
	uint32_t got = 0, len = 0;
	int st = -1;
	pid_t pid;

	h.next = (uint32_t)(uintptr_t)&h;
	check_errno(set_list(&h, 11), EINVAL, "length 11: EINVAL");
	check_errno(set_list(&h, 24), EINVAL, "length 24: EINVAL");
	check_eq(set_list(&h, sizeof(h)), 0, "set_robust_list(&h, 12)");
	check(get_list(0, &got, &len) == 0 && got == (uint32_t)(uintptr_t)&h &&
		      len == 12,
	      "get_robust_list(0) gives the head and 12 (%#x, %u)", got, len);
	check(get_list(getpid(), &got, &len) == 0 &&
		      got == (uint32_t)(uintptr_t)&h,
	      "get_robust_list(own pid) too");
	check_errno(get_list(0, unmapped_page(), &len), EFAULT,
		    "unmapped head_ptr: EFAULT");
	check_errno(get_list(0, &got, unmapped_page()), EFAULT,
		    "unmapped len_ptr: EFAULT");
	check_errno(get_list(0x3fffff00, &got, &len), ESRCH,
		    "no such pid: ESRCH");
	pid = fork();
	if (pid == 0) {
		got = 1;
		_exit(get_list(0, &got, &len) == 0 && got == 0 ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "a fork child starts with no robust list (%#x)", st);
	set_list(NULL, sizeof(h));
}

static uint32_t addr(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

/* The dying owner: lists n[0], n[2], n[3], with n[1] pending. */
static void owner(void)
{
	uint32_t me = (uint32_t)getpid();

	s->head.next = addr(&s->n[0]);
	s->head.futex_offset = offsetof(struct node, word);
	s->head.pending = addr(&s->n[1]);
	s->n[0].next = addr(&s->n[2]);
	s->n[2].next = addr(&s->n[3]);
	s->n[3].next = addr(&s->head);
	s->n[0].word = me;	   /* owned, waiters: marked and woken */
	s->n[1].word = 0;	   /* pending, unowned: just woken */
	s->n[2].word = 0x1234;	   /* someone else's: untouched */
	s->n[3].word = me ^ 1;	   /* another tid */
	s->n[4].word = me;	   /* owned but not listed */
	if (set_list(&s->head, sizeof(s->head)))
		_exit(2);
	s->ready = 1;
	while (!s->go)
		futex(&s->go, FUTEX_WAIT, 0, NULL, NULL, 0);
	_exit(0);
}

static pid_t waiter(volatile uint32_t *w, uint32_t val)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct ts32 t = {6, 0};

		_exit(futex(w, FUTEX_WAIT, val, &t, NULL, 0) == 0 ? 0 : 1);
	}
	return pid;
}

static void owner_dies(void)
{
	pid_t o, w0, w1;
	uint32_t me;

	o = fork();
	if (o == 0)
		owner();
	for (int i = 0; i < 400 && !s->ready; i++)
		usleep(10000);
	check(s->ready, "the owner set its robust list");
	me = (uint32_t)o;
	s->n[0].word = me | FUTEX_WAITERS; /* as a locker would */
	w0 = waiter(&s->n[0].word, me | FUTEX_WAITERS);
	w1 = waiter(&s->n[1].word, 0);
	usleep(200000);
	s->go = 1;
	futex(&s->go, FUTEX_WAKE, 1, NULL, NULL, 0);
	check_eq(reap(o), 0, "the owner exited");
	check_eq(reap(w0), 0, "the waiter on the owned futex was woken");
	check_eq(reap(w1), 0, "the waiter on the pending one was woken");
	check_eq(s->n[0].word, FUTEX_WAITERS | FUTEX_OWNER_DIED,
		 "owned word: OWNER_DIED, WAITERS kept, tid cleared");
	check_eq(s->n[1].word, 0, "unowned pending word: unchanged");
	check_eq(s->n[2].word, 0x1234, "another owner's word: unchanged");
	check_eq(s->n[3].word, me ^ 1, "a different tid: unchanged");
	check_eq(s->n[4].word, me, "a word not on the list: unchanged");
}

/* A vfork child (memory shared, a task of its own on Linux) starts with
 * no list, its own list is walked when it exits, and the parent's list
 * is the parent's again afterwards. */
static struct head parent_head, child_head;
static struct node child_node;
static uint32_t child_saw = 1;

static void vfork_child_list(void)
{
	uint32_t got = 0, len;
	pid_t pid;
	int st = -1;

	parent_head.next = addr(&parent_head);
	set_list(&parent_head, sizeof(parent_head));
	child_head.next = addr(&child_node);
	child_head.futex_offset = offsetof(struct node, word);
	child_node.next = addr(&child_head);
	pid = vfork();
	if (pid == 0) {
		get_list(0, &child_saw, &len);
		child_node.word = (uint32_t)getpid();
		set_list(&child_head, sizeof(child_head));
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the vfork child ran");
	check_eq(child_saw, 0, "the vfork child started with no list");
	check_eq(child_node.word, FUTEX_OWNER_DIED,
		 "the vfork child's list was walked at its exit");
	check(get_list(0, &got, &len) == 0 && got == addr(&parent_head),
	      "the parent's list is its own again (%#x)", got);
	set_list(NULL, sizeof(parent_head));
}

/* Lists the walk must survive: each child exits 0 normally. */
static void bad_lists(void)
{
	static struct node loop;
	static struct head h;
	int which;

	for (which = 0; which < 3; which++) {
		pid_t pid = fork();

		if (pid == 0) {
			loop.next = addr(&loop); /* a cycle, never head */
			loop.word = (uint32_t)getpid();
			h.futex_offset = offsetof(struct node, word);
			h.pending = 0;
			if (which == 0)
				h.next = addr(&loop);
			else if (which == 1)
				h.next = addr(unmapped_page());
			else
				h.next = 0xC0000000u;
			set_list(which == 2 ? unmapped_page() : (void *)&h,
				 sizeof(h));
			_exit(0);
		}
		check_eq(reap(pid), 0,
			 which == 0 ? "a looping list: the exit completes"
			 : which == 1 ? "an entry in an unmapped page: too"
				      : "an unmapped head: too");
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
	round_trip();
	owner_dies();
	vfork_child_list();
	bad_lists();
	return test_done();
}
