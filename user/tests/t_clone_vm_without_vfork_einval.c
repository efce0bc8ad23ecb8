/*
 * t_clone_vm_without_vfork_einval - clone(CLONE_VM) without CLONE_VFORK
 * makes a process that shares the caller's memory, and the flag sets
 * Linux refuses are EINVAL.
 *
 * Bug: the kernel knew two kinds of clone, a fork (no CLONE_VM) and a
 * vfork child phase (CLONE_VM|CLONE_VFORK), and refused everything else
 * with EINVAL. CLONE_VM alone is an ordinary Linux request (a process
 * that shares memory, as old LinuxThreads made). clone(2): CLONE_SIGHAND
 * needs CLONE_VM, CLONE_THREAD needs CLONE_SIGHAND.
 */
#define _GNU_SOURCE
#include <sched.h>

#include "threadlib.h"

static volatile int shared_word;
static volatile pid_t child_pid;
static char stack[16384] __attribute__((aligned(16)));

static int child_fn(void *arg)
{
	shared_word = 42;
	child_pid = getpid();
	return 5;
}

static int noop(void *arg)
{
	return 0;
}

int main(int argc, char **argv)
{
	void *top = stack + sizeof(stack);
	int st = -1;
	pid_t p;

	test_init(argv);
	alarm(60);
	p = clone(child_fn, top, CLONE_VM | SIGCHLD, NULL);
	check(p > 0, "clone(CLONE_VM | SIGCHLD) made a child (%d, %s)", (int)p,
	      p > 0 ? "ok" : strerror(errno));
	if (p > 0) {
		if (waitpid(p, &st, 0) != p)
			st = -1;
		check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
		      "it ran and exited 5 (%#x)", st);
		check_eq(shared_word, 42, "its store shows in the parent");
		check_eq(child_pid, p, "it is its own process");
	}
	check_errno(clone(noop, top, CLONE_SIGHAND | SIGCHLD, NULL), EINVAL,
		    "CLONE_SIGHAND without CLONE_VM");
	check_errno(clone(noop, top, CLONE_VM | CLONE_THREAD, NULL), EINVAL,
		    "CLONE_THREAD without CLONE_SIGHAND");
	check_errno(clone(noop, top, CLONE_FS | CLONE_NEWNS, NULL), EINVAL,
		    "CLONE_FS with CLONE_NEWNS");
	return test_done();
}
