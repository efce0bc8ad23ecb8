/*
 * t_vfork_child_fault_kills_parent - spec vfork.md case 6.
 *
 * Bug: the child phase runs in the parent's process, so a kernel that
 * handles a fatal signal or a CPU fault there like any other kills the
 * whole process: the parent dies with its child. The contract is that the
 * child phase dies alone: the parent resumes, vfork returns the reserved
 * pid, and waitpid reports that pid as killed by the right signal
 * (SIGKILL sent to itself, SIGSEGV for a NULL store, SIGILL for ud2,
 * SIGFPE for a divide by zero).
 */
#include <sys/resource.h>

#include "vforklib.h"

/* Checks what the parent got back from one child phase that died. */
static void check_death(const char *what, pid_t pid, int sig, pid_t self)
{
	int st = -1;
	pid_t r;

	check(pid > 0, "%s: vfork returned a pid (%d)", what, (int)pid);
	check_eq(getpid(), self, "parent resumed as itself");
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(r == pid, "%s: waitpid reaps the returned pid (got %d)", what,
	      (int)r);
	check(WIFSIGNALED(st) && WTERMSIG(st) == sig,
	      "%s: killed by signal %d (status 0x%x)", what, sig, st);
}

int main(int argc, char **argv)
{
	struct rlimit no_core = { 0, 0 };
	pid_t self, pid;

	test_init(argv);
	setrlimit(RLIMIT_CORE, &no_core);
	self = getpid();

	pid = vfork();
	if (pid == 0) {
		kill(getpid(), SIGKILL);
		_exit(99);
	}
	check_death("kill(getpid(), SIGKILL)", pid, SIGKILL, self);

	pid = vfork();
	if (pid == 0) {
		*(volatile int *)0 = 1;
		_exit(99);
	}
	check_death("NULL store", pid, SIGSEGV, self);

	pid = vfork();
	if (pid == 0) {
		__asm__ volatile("ud2");
		_exit(99);
	}
	check_death("ud2", pid, SIGILL, self);

	pid = vfork();
	if (pid == 0) {
		/* In asm: the compiler may turn 1 / x into a compare. */
		__asm__ volatile("xorl %%ecx, %%ecx\n\tdivl %%ecx"
				 ::: "eax", "ecx", "edx");
		_exit(99);
	}
	check_death("divide by zero", pid, SIGFPE, self);

	/* The parent is not just alive: it can still vfork and reap. */
	pid = vfork();
	if (pid == 0)
		_exit(5);
	{
		int st = -1;
		pid_t r = wait_for(pid, &st, VT_DEADLINE_MS);

		check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
		      "parent keeps working: next child phase exits 5 (0x%x)",
		      st);
	}
	check_errno(wait(NULL), ECHILD, "no child left over");
	return test_done();
}
