/*
 * t_fork_child_write_shows_in_parent - fork gives the child a private copy
 * of memory.
 *
 * Bug: copy-on-write is broken. The child's write to a global, a heap block
 * or a stack variable shows through to the parent (pages shared writable),
 * or the parent's later write leaks into the child (the parent's mapping
 * was not made read-only at fork), or exit statuses reach the wrong
 * parent/child. Many children in flight catch refcount mistakes on shared
 * pages.
 */
#include "tests/testlib.h"

#include <sys/wait.h>

static volatile int global = 1111;

static int wait_status(pid_t pid)
{
	int st = -1;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* The child writes; the parent must keep its values. */
static void child_writes(void)
{
	volatile int stackv = 3333;
	volatile int *heap = malloc(4096 * sizeof(int));
	pid_t pid;
	int st;

	heap[0] = 2222;
	heap[4095] = 2223;
	pid = fork();
	if (pid == 0) {
		global = 1;
		heap[0] = 2;
		heap[4095] = 2;
		stackv = 3;
		/* the child sees its own writes */
		_exit(global == 1 && heap[0] == 2 && stackv == 3 ? 42 : 1);
	}
	check(pid > 0, "fork returns the child's pid to the parent");
	st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 42,
	      "child sees its own writes and exits 42 (status 0x%x)", st);
	check_eq(global, 1111, "parent's global unchanged by child write");
	check_eq(heap[0], 2222, "parent's heap unchanged by child write");
	check_eq(heap[4095], 2223, "parent's heap (last word) unchanged");
	check_eq(stackv, 3333, "parent's stack unchanged by child write");
	free((void *)heap);
}

/* The parent writes after fork; the child must keep the old values. */
static void parent_writes(void)
{
	volatile int stackv = 30;
	volatile int *heap = malloc(sizeof(int));
	int go[2];
	pid_t pid;
	char c;
	int st;

	global = 10;
	*heap = 20;
	if (pipe(go) < 0) {
		check(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1); /* wait for the parent's writes */
		_exit(global == 10 && *heap == 20 && stackv == 30 ? 0 : 1);
	}
	close(go[0]);
	global = 11;
	*heap = 21;
	stackv = 31;
	write(go[1], "x", 1);
	close(go[1]);
	st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child keeps pre-fork values after the parent writes "
	      "(status 0x%x)", st);
	check(global == 11 && *heap == 21 && stackv == 31,
	      "parent sees its own post-fork writes");
	free((void *)heap);
}

/* 32 children at once, each exiting with its own index. */
static void many_children(void)
{
	pid_t pids[32];
	int i, ok = 1, seen = 0;

	for (i = 0; i < 32; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			global = i;
			_exit(global + 100);
		}
		if (pids[i] < 0)
			ok = 0;
	}
	check(ok, "32 forks succeed");
	for (i = 31; i >= 0; i--) {
		int st = pids[i] > 0 ? wait_status(pids[i]) : -1;

		if (WIFEXITED(st) && WEXITSTATUS(st) == i + 100)
			seen++;
	}
	check_eq(seen, 32, "every child's exit status reaches the parent");
	check_eq(global, 11, "parent's global untouched by 32 children");
	check_errno(wait(NULL), ECHILD, "no children left after reaping");
}

/* A grandchild's writes are isolated from both ancestors. */
static void nested_fork(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		pid_t g = fork();
		int gs;

		if (g == 0) {
			global = 777;
			_exit(7);
		}
		gs = wait_status(g);
		_exit(WIFEXITED(gs) && WEXITSTATUS(gs) == 7 && global == 11
			      ? 0 : 1);
	}
	st = wait_status(pid);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "grandchild write invisible to child; its status reaches it");
	check_eq(global, 11, "grandchild write invisible to the parent");
}

int main(int argc, char **argv)
{
	test_init(argv);
	child_writes();
	parent_writes();
	many_children();
	nested_fork();
	return test_done();
}
