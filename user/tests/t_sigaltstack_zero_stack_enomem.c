/*
 * t_sigaltstack_zero_stack_enomem - sigaltstack with an all-zero stack_t
 * in a process that never set one succeeds, as on Linux.
 *
 * Bug: sigaltstack checks ss_size against MINSIGSTKSZ for every request
 * with ss_flags 0, so { NULL, 0, 0 } (what a program passes to "install
 * nothing new") fails with ENOMEM. Linux (kernel/signal.c
 * do_sigaltstack) first returns 0 when the request equals the current
 * setting (sp, size and the flags last given), and a process starts with
 * all three zero. Once SS_DISABLE was given the setting differs, and the
 * same zero request is ENOMEM there too. A signal handler's return
 * changes nothing: rt_sigreturn reinstalls the stack_t saved in the
 * frame, which holds the flags last given (__save_altstack), not
 * SS_DISABLE. Raw syscalls: musl's wrapper checks the size itself.
 */
#include "tests/testlib.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char altstack[65536];

static long alt(const stack_t *ss, stack_t *old)
{
	return syscall(SYS_sigaltstack, ss, old);
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
}

/* In a child (a fresh setting, inherited): after an SA_SIGINFO handler
 * returns, the zero request still succeeds. Exit 0 if it did. */
static void after_handler(void)
{
	stack_t zero = { 0 };
	pid_t pid = fork();
	int st = -1;

	if (pid == 0) {
		struct sigaction sa = { .sa_sigaction = on_usr1,
					.sa_flags = SA_SIGINFO };

		sigaction(SIGUSR1, &sa, NULL);
		raise(SIGUSR1);
		_exit(alt(&zero, NULL) == 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "after a handler returned, all-zero stack_t still returns 0");
}

int main(int argc, char **argv)
{
	stack_t zero = { 0 }, dis = { .ss_flags = SS_DISABLE }, old;
	stack_t big = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	stack_t small = { .ss_sp = altstack, .ss_size = 1024 };

	test_init(argv);
	after_handler();
	check_eq(alt(&zero, NULL), 0,
		 "all-zero stack_t in a fresh process returns 0");
	memset(&old, 0x55, sizeof(old));
	check_eq(alt(NULL, &old), 0, "read the setting back");
	check(old.ss_sp == NULL && old.ss_size == 0 &&
	      old.ss_flags == SS_DISABLE,
	      "still no alternate stack (flags %d size %zu)", old.ss_flags,
	      old.ss_size);
	check_errno(alt(&small, NULL), ENOMEM,
		    "a 1024-byte stack is ENOMEM");
	check_eq(alt(&big, NULL), 0, "install a 64 KiB stack");
	check_eq(alt(&big, NULL), 0, "installing the same stack again is 0");
	check_errno(alt(&zero, NULL), ENOMEM,
		    "all-zero stack_t with a stack installed is ENOMEM");
	memset(&old, 0x55, sizeof(old));
	alt(NULL, &old);
	check(old.ss_sp == altstack && old.ss_size == sizeof(altstack) &&
	      old.ss_flags == 0, "the 64 KiB stack is still installed");
	check_eq(alt(&dis, NULL), 0, "SS_DISABLE");
	check_eq(alt(&dis, NULL), 0, "SS_DISABLE again");
	check_errno(alt(&zero, NULL), ENOMEM,
		    "all-zero stack_t after SS_DISABLE is ENOMEM");
	return test_done();
}
