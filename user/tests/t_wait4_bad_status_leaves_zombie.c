/*
 * t_wait4_bad_status_leaves_zombie - wait4 with a status or rusage
 * pointer that faults still reaps the child, then fails with EFAULT.
 *
 * Bug: wait4 checks the status pointer before it looks for a child, so a
 * bad pointer fails with EFAULT and leaves the zombie in place (and a
 * caller with no children gets EFAULT instead of ECHILD). Linux
 * (kernel/exit.c kernel_wait4, compat_sys_wait4) reaps the child first and
 * only then stores the status and rusage; the failed store turns the
 * result into EFAULT, and the child is gone. Raw syscalls, so that musl
 * cannot look at the pointers.
 */
#include "tests/testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define KADDR ((void *)0xC0000000)

/* A child that exits at once with code; a wait4 without WNOHANG blocks
 * until it is a zombie. */
static pid_t dead_child(int code)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(code);
	return pid;
}

static void bad_status(void *bad, const char *what)
{
	pid_t pid = dead_child(3);
	int st = -1;

	check(pid > 0, "fork");
	check_errno(syscall(SYS_wait4, pid, bad, 0, NULL), EFAULT,
		    what);
	check_errno(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), ECHILD,
		    "the child was reaped anyway (ECHILD after)");
}

static void bad_rusage(void *bad)
{
	pid_t pid = dead_child(4);
	int st = -1;

	check(pid > 0, "fork");
	check_errno(syscall(SYS_wait4, pid, &st, 0, bad), EFAULT,
		    "wait4 with a faulting rusage is EFAULT");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 4,
	      "the status was stored first (0x%x)", st);
	check_errno(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), ECHILD,
		    "the child was reaped anyway (ECHILD after)");
}

int main(int argc, char **argv)
{
	void *gone = unmapped_page();
	int st;

	test_init(argv);
	check(gone != NULL, "an unmapped page");
	bad_status(gone, "wait4 with an unmapped status pointer is EFAULT");
	bad_status(KADDR, "wait4 with a kernel-space status pointer is "
		   "EFAULT");
	bad_rusage(gone);
	check_errno(syscall(SYS_wait4, -1, gone, 0, NULL), ECHILD,
		    "with no children a bad status pointer is ECHILD");
	check_errno(syscall(SYS_wait4, -1, gone, WNOHANG, NULL), ECHILD,
		    "and also with WNOHANG");
	st = fork();
	if (st == 0) {
		pause();
		_exit(0);
	}
	check_eq(syscall(SYS_wait4, st, gone, WNOHANG, NULL), 0,
		 "WNOHANG on a running child returns 0 without storing");
	kill(st, SIGKILL);
	waitpid(st, NULL, 0);
	return test_done();
}
