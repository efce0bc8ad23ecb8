/*
 * t_clone_child_settid_fork_einval - glibc's fork(): clone(2) with
 * CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD and a tid pointer, and
 * the other tid flags.
 *
 * Bug: clone gave EINVAL for any tid flag, so every static glibc program
 * (busybox-static, bash-static, ...) died at its first fork. The
 * contract, checked against host Linux: on a plain fork
 * CLONE_CHILD_SETTID stores the child's pid at ctid in the child's memory
 * only, CLONE_PARENT_SETTID at ptid in the parent's; CLONE_CHILD_CLEARTID
 * zeroes ctid at exit only when the memory is shared with another
 * process (Linux mm_release: mm_users > 1), so a plain fork child leaves
 * a MAP_SHARED tid word alone while a CLONE_VM|CLONE_VFORK child, whose
 * memory is its parent's, finds its pid there and leaves 0 behind.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "testlib.h"

#ifndef CLONE_CHILD_SETTID
#define CLONE_CHILD_SETTID 0x01000000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_PARENT_SETTID 0x00100000
#endif

/* clone(2) as glibc's fork calls it: (flags, newsp, ptid, tls, ctid). */
static long raw_clone(unsigned long flags, void *ptid, void *ctid)
{
	return syscall(SYS_clone, flags, 0, ptid, 0, ctid);
}

/* In the CLONE_VM|CLONE_VFORK child, all in registers: no stack is
 * touched before _exit, since the stack is the suspended parent's. */
uint32_t vtid, vtid_seen, vpid_seen;

static long vfork_clone_tid(unsigned long flags)
{
	long r;

	__asm__ volatile("int $0x80\n\t"
			 "test %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $20, %%eax\n\t" /* getpid */
			 "int $0x80\n\t"
			 "movl %%eax, vpid_seen\n\t"
			 "movl vtid, %%eax\n\t"
			 "movl %%eax, vtid_seen\n\t"
			 "movl $1, %%eax\n\t" /* exit(0) */
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80\n\t"
			 "1:\n\t"
			 : "=a"(r)
			 : "a"(SYS_clone), "b"(flags), "c"(0), "d"(0), "S"(0),
			   "D"(&vtid)
			 : "memory");
	return r;
}

static void glibc_fork(void)
{
	static volatile uint32_t tid, ptid;
	int st = -1;
	long pid;

	tid = 0;
	pid = raw_clone(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD,
			NULL, (void *)&tid);
	if (pid == 0)
		_exit(tid == (uint32_t)getpid() ? 0 : 1);
	check(pid > 0, "glibc fork flags accepted (%ld errno %d)", pid, errno);
	if (pid <= 0)
		return;
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the child finds its own pid at ctid (status %#x)", st);
	check_eq(tid, 0, "the parent's copy of ctid is untouched");

	ptid = 0;
	pid = raw_clone(CLONE_PARENT_SETTID | SIGCHLD, (void *)&ptid, NULL);
	if (pid == 0)
		_exit(ptid == 0 ? 0 : 1);
	check(pid > 0 && ptid == (uint32_t)pid,
	      "CLONE_PARENT_SETTID: the parent finds the pid at ptid");
	check(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		      WEXITSTATUS(st) == 0,
	      "... and the child's copy was taken before it (status %#x)",
	      st);
}

/* A plain fork child's memory is its own: CLEARTID leaves even a shared
 * word alone at exit. */
static void cleartid_unshared(void)
{
	volatile uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int st;
	long pid;

	if (w == MAP_FAILED) {
		check(0, "mmap MAP_SHARED");
		return;
	}
	*w = 77;
	pid = raw_clone(CLONE_CHILD_CLEARTID | SIGCHLD, NULL, (void *)w);
	if (pid == 0)
		_exit(0);
	check(pid > 0 && waitpid(pid, &st, 0) == pid,
	      "fork with CLONE_CHILD_CLEARTID on a shared word");
	check_eq(*w, 77, "unshared memory: the word is not zeroed at exit");
	munmap((void *)w, 4096);
}

static void vfork_tids(void)
{
	long pid;
	int st = -1;

	vtid = 12345;
	vtid_seen = vpid_seen = 0;
	pid = vfork_clone_tid(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID |
			      CLONE_CHILD_CLEARTID | SIGCHLD);
	check(pid > 0, "CLONE_VM|CLONE_VFORK with the tid flags (%ld)", pid);
	if (pid <= 0)
		return;
	check(vpid_seen == (uint32_t)pid && vtid_seen == (uint32_t)pid,
	      "the vfork child found its pid at ctid (pid %u, tid %u, want "
	      "%ld)",
	      vpid_seen, vtid_seen, pid);
	check_eq(vtid, 0, "shared memory: ctid zeroed at the child's exit");
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the vfork child exited 0 (status %#x)", st);
}

int main(int argc, char **argv)
{
	test_init(argv);
	glibc_fork();
	cleartid_unshared();
	vfork_tids();
	return test_done();
}
