/*
 * t_clone_vm_without_vfork_einval - clone(CLONE_VM) without CLONE_VFORK
 * makes a process that shares the caller's memory (and, with
 * CLONE_FILES, its descriptor table), on the stack it was given.
 *
 * Bug: Sleight's clone knew two shapes only, CLONE_VM|CLONE_VFORK (the
 * vfork child phase) and no CLONE_VM (a fork), and gave EINVAL for any
 * other clone with CLONE_VM. On Linux clone(2) shares exactly the parts
 * the flags name: a CLONE_VM child's stores are the parent's, and a
 * CLONE_FILES child's open() is a descriptor of the parent's. Sleight's
 * clone now goes through one share/copy rule for every part. Invalid
 * combinations stay EINVAL (CLONE_SIGHAND without CLONE_VM).
 */
#define _GNU_SOURCE
#include <sched.h>
#include "vforklib.h"

#define STACK_SIZE 65536

static char stack_vm[STACK_SIZE] __attribute__((aligned(16)));
static char stack_files[STACK_SIZE] __attribute__((aligned(16)));
static volatile int shared_word;
static volatile int opened_fd = -1;
static pid_t parent_pid;

static int child_vm(void *arg)
{
	shared_word = getppid() == parent_pid ? 42 : 7;
	return 5;
}

static int child_files(void *arg)
{
	opened_fd = open("/dev/null", O_RDONLY);
	return 0;
}

static int run(int (*fn)(void *), char *stack, int flags)
{
	pid_t p = clone(fn, stack + STACK_SIZE, flags | SIGCHLD, NULL);
	int st = -1;

	if (p < 0)
		return -errno;
	if (waitpid(p, &st, 0) != p)
		st = -1;
	return st;
}

int main(int argc, char **argv)
{
	int st;

	test_init(argv);
	parent_pid = getpid();
	st = run(child_vm, stack_vm, CLONE_VM);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "clone(CLONE_VM) ran its child, which exited 5 (%d)", st);
	check_eq(shared_word, 42,
		 "the child's store is in the parent's memory");

	st = run(child_files, stack_files, CLONE_VM | CLONE_FILES);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "clone(CLONE_VM|CLONE_FILES) ran its child (%d)", st);
	check(opened_fd >= 0 && fcntl(opened_fd, F_GETFD) >= 0,
	      "the child's open() is a descriptor of the parent's (%d)",
	      opened_fd);
	if (opened_fd >= 0)
		close(opened_fd);

	check_eq(run(child_vm, stack_vm, CLONE_SIGHAND), -EINVAL,
		 "CLONE_SIGHAND without CLONE_VM is EINVAL");
	return test_done();
}
