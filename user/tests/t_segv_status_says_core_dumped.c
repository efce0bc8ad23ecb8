/*
 * t_segv_status_says_core_dumped - a process killed by a signal whose
 * default action is "core" (SIGSEGV, SIGQUIT, SIGABRT) has a wait status
 * with the core-dump bit clear, and its SIGCHLD (siginfo_t) says CLD_KILLED, when no
 * core file was written: Linux with RLIMIT_CORE 0 (core(5), wait(2)).
 *
 * Bug: the status always carried WCOREFLAG (0x80) and SIGCHLD said
 * CLD_DUMPED, though Sleight writes no core file, so shells printed
 * "(core dumped)" for every crash. RLIMIT_CORE is set to 0 in the child,
 * so the host gives the same answer whatever its ulimit -c.
 */
#include "testlib.h"

#include <signal.h>
#include <sys/resource.h>

static volatile int chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void die(int sig)
{
	struct rlimit no_core = {0, 0};

	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(99);
}

int main(int argc, char **argv)
{
	static const int sigs[] = {SIGSEGV, SIGQUIT, SIGABRT};

	struct sigaction sa;

	(void)argc;
	test_init(argv);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int st = -1;
		pid_t pid = fork(), got;

		if (pid == 0)
			die(sigs[i]);
		got = waitpid(pid, &st, 0); /* SIGCHLD's handler ran by now */
		check(got == pid && WIFSIGNALED(st) && WTERMSIG(st) == sigs[i] &&
			      !WCOREDUMP(st),
		      "signal %d: the status has no core-dump bit (%#x)",
		      sigs[i], st);
		check(chld_code == CLD_KILLED && chld_status == sigs[i],
		      "signal %d: SIGCHLD says CLD_KILLED by it (code %d "
		      "status %d)",
		      sigs[i], chld_code, chld_status);
		chld_code = chld_status = 0;
	}
	return test_done();
}
