/*
 * t_clone_thread_vfork_leaves_parent_suspended - clone with both
 * CLONE_THREAD and CLONE_VM|CLONE_VFORK returns to its caller, and the
 * caller's process still ends when it wants to.
 *
 * Bug: the system-call fuzzer found clone(CLONE_VM | CLONE_SIGHAND |
 * CLONE_THREAD | CLONE_VFORK) starting a vfork child phase that was also
 * a thread of its parent's group. Its exit took the path of a thread that
 * leaves a living group, so the parent, suspended in vfork, was never
 * resumed; and since a suspended thread cannot run to die, not even
 * SIGKILL ended the process. Linux runs such a child as a thread and
 * resumes the parent at its exit; Sleight refuses the combination with
 * EINVAL (no libc uses it), which the check accepts only on Sleight.
 */
#include <stdint.h>

#include "vforklib.h"

#define CLONE_FLAGS_TV	(0x100 | 0x800 | 0x10000 | 0x4000) /* VM SIGHAND
							      THREAD VFORK */

/* clone on the caller's stack; the new task exits at once (syscall 1). */
static long raw_clone(uint32_t flags)
{
	long ret;

	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $1, %%eax\n\t"
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80\n"
			 "1:"
			 : "=a"(ret)
			 : "0"(120), "b"(flags), "c"(0), "d"(0), "S"(0), "D"(0)
			 : "memory");
	return ret;
}

int main(int argc, char **argv)
{
	int st = -1, p[2];
	long r = 0;
	pid_t pid;

	test_init(argv);
	alarm(60);
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {
		r = raw_clone(CLONE_FLAGS_TV);
		write(p[1], &r, sizeof(r));
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &r, sizeof(r)) != sizeof(r))
		r = 0;
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	if (on_sleight())
		check_eq(r, -EINVAL, "Sleight refuses the combination");
	else
		check(r > 0, "Linux made the thread (tid %ld)", r);
	check(st == 0, "the caller went on and its process ended (status %#x)",
	      st);
	return test_done();
}
