/*
 * t_fpu_pending_exception_panics_kernel - an x87 exception a process
 * leaves pending must be reported to that process or dropped with its
 * state, never raised in the kernel.
 *
 * Bug: an unmasked x87 exception (here 1 / 0.0 with zero-divide
 * unmasked) is not reported by the instruction that causes it but by
 * the next waiting x87 instruction. On CPUs without FXSR the kernel
 * restores FPU state with FRSTOR, which is such an instruction: exec,
 * sigreturn and the vfork resume, which load a new state over the live
 * one without saving it first, took #MF in ring 0 and panicked. The fix
 * clears the pending exception (fnclex) before FRSTOR. QEMU's TCG does
 * not raise #MF on FRSTOR, so under it these cases pass either way;
 * on a Pentium Pro or II they fail without the fix.
 *
 * What Linux does, and what this checks: exec and a handler's return
 * discard the state that had the exception; a state restored by
 * sigreturn that itself has one pending reports it at the next fwait as
 * SIGFPE, in user mode. Each case runs in a forked child.
 */
#include "testlib.h"

#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

#define NR_EXIT		1
#define NR_KILL		37
#define NR_EXECVE	11
#define NR_VFORK	190

static const uint16_t cw_zero_divide = 0x37b;	/* ZM clear */
static const uint32_t zero_f = 0;		/* 0.0f */
static char *exec_argv[3];

/* Leave 1 / 0.0 pending with zero-divide unmasked; no waiting x87
 * instruction follows, so nothing is reported yet. */
#define MAKE_PENDING()							\
	__asm__ volatile("fldcw %0\n\tfld1\n\tfdivs %1"			\
			 : : "m"(cw_zero_divide), "m"(zero_f))

static uint16_t status_word(void)
{
	uint16_t sw;

	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

/* exec with the exception pending: the new program starts clean. */
static void case_exec(void)
{
	uint32_t r;

	MAKE_PENDING();
	r = NR_EXECVE;
	__asm__ volatile("int $0x80"
			 : "+a"(r)
			 : "b"(exec_argv[0]), "c"(exec_argv), "d"(NULL)
			 : "memory");
	_exit(126);
}

static void pending_handler(int sig)
{
	MAKE_PENDING();		/* then sigreturn loads over it */
}

static void raise_bare(int sig)
{
	uint32_t r = NR_KILL, pid = (uint32_t)getpid();

	__asm__ volatile("int $0x80"
			 : "+a"(r)
			 : "b"(pid), "c"(sig)
			 : "memory");
}

/* sigreturn with the handler's exception pending: the interrupted,
 * clean state comes back; exit 0 when no exception flag is left. */
static void case_sigreturn(void)
{
	signal(SIGUSR1, pending_handler);
	raise_bare(SIGUSR1);
	_exit(status_word() & 0x80 ? 1 : 0);
}

static void empty_handler(int sig)
{
}

/* The interrupted state has the exception pending: the handler runs
 * clean, sigreturn restores the pending exception, and the next fwait
 * reports it as SIGFPE. Exit 2: it did not. */
static void case_restored_pending(void)
{
	signal(SIGUSR1, empty_handler);
	MAKE_PENDING();
	raise_bare(SIGUSR1);
	__asm__ volatile("fwait");
	_exit(2);
}

/* A vfork child leaves an exception pending and exits: the parent's
 * own state comes back, with nothing pending. */
static void case_vfork(void)
{
	uint32_t r = NR_VFORK;
	int st;

	__asm__ volatile("int $0x80" : "+a"(r) : : "memory");
	if (r == 0) {
		MAKE_PENDING();
		__asm__ volatile("int $0x80" : : "a"(NR_EXIT), "b"(5));
	}
	if ((int32_t)r < 0 || waitpid((pid_t)r, &st, 0) != (pid_t)r)
		_exit(3);
	_exit(status_word() & 0x80 ? 1 : WEXITSTATUS(st) == 5 ? 0 : 4);
}

int main(int argc, char **argv)
{
	int st;

	test_init(argv);
	exec_argv[0] = (char *)helper_path("exit_with");
	exec_argv[1] = "0";
	st = wait_status_of(case_exec);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "exec with an x87 exception pending runs the new program "
	      "(status %#x)", st);
	st = wait_status_of(case_sigreturn);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "sigreturn over a handler's pending exception restores the "
	      "clean state (status %#x)", st);
	st = wait_status_of(case_restored_pending);
	check(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGFPE,
	      "an exception pending in the restored state is SIGFPE at the "
	      "next fwait (status %#x)", st);
	st = wait_status_of(case_vfork);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "a vfork child's pending exception stays with it (status %#x)",
	      st);
	return test_done();
}
