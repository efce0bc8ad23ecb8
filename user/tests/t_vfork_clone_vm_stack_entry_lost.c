/*
 * t_vfork_clone_vm_stack_entry_lost - spec vfork.md, entry 2: clone with
 * CLONE_VM|CLONE_VFORK and a stack of its own.
 *
 * Bug: this is the entry musl's posix_spawn, system and popen use. A
 * kernel that treats it as a plain vfork runs the child phase on the
 * parent's stack pointer instead of the new stack (it then tramples the
 * frame that called clone), or restores the parent with the child's
 * stack pointer, or returns a pid that is not the child phase's. The child
 * phase must run on the new stack, end by returning from its function
 * (musl then calls the exit system call, number 1) or by exec, and the
 * parent must get its pid back only after that. clone3 is not supported
 * on Sleight and must say so with ENOSYS.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "vforklib.h"

#define STACK_BYTES 16384

static char stack[STACK_BYTES] __attribute__((aligned(16)));
static volatile uintptr_t c_sp;
static volatile pid_t c_pid, c_ppid;
static const char *pidinfo_path;
static int pidinfo_out;

static int child_returns(void *arg)
{
	volatile int local = 0;

	c_sp = (uintptr_t)&local;
	c_pid = getpid();
	c_ppid = getppid();
	return (int)(intptr_t)arg;
}

static int child_execs(void *arg)
{
	char *argv[] = { "pidinfo", NULL };
	volatile int local = 0;

	c_sp = (uintptr_t)&local;
	c_pid = getpid();
	dup2(pidinfo_out, 1);
	execv(pidinfo_path, argv);
	return 127;
}

static int on_new_stack(uintptr_t sp)
{
	return sp >= (uintptr_t)stack && sp < (uintptr_t)stack + STACK_BYTES;
}

static void clone_then_return(void)
{
	int st = -1;
	pid_t pid, r, seen;

	c_sp = 0;
	c_pid = 0;
	pid = clone(child_returns, stack + STACK_BYTES,
		    CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)(intptr_t)5);
	seen = c_pid;
	check(pid > 0, "clone(CLONE_VM|CLONE_VFORK) returned a pid (%d)",
	      (int)pid);
	check_eq(seen, pid, "child phase had run, as that pid, before clone "
		 "returned");
	check(on_new_stack(c_sp), "child phase ran on the new stack (local at "
	      "%#lx, stack %p..+%d)", (unsigned long)c_sp, (void *)stack,
	      STACK_BYTES);
	check_eq(c_ppid, getpid(), "child phase's parent is the caller");
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "returning 5 from the function is exit status 5 (0x%x)", st);
}

static void clone_then_exec(void)
{
	int p[2], st = -1, pid_p = 0, ppid_p = 0;
	char out[128];
	pid_t pid, r;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	pidinfo_path = helper_path("pidinfo");
	pidinfo_out = p[1];
	c_sp = 0;
	c_pid = 0;
	pid = clone(child_execs, stack + STACK_BYTES,
		    CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(on_new_stack(c_sp), "exec: child phase ran on the new stack");
	check(pid > 0 && c_pid == pid, "exec: clone returned the child "
	      "phase's pid (%d, %d)", (int)pid, (int)c_pid);
	sscanf(out, "pid=%d ppid=%d", &pid_p, &ppid_p);
	check_eq(pid_p, pid, "exec: the program has that pid");
	check_eq(ppid_p, getpid(), "exec: the program's parent is the caller");
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "exec: program exited 0 (0x%x)", st);
}

int main(int argc, char **argv)
{
	volatile int here = 0;

	test_init(argv);
	clone_then_return();
	clone_then_exec();
	check(!on_new_stack((uintptr_t)&here), "parent resumed on its own "
	      "stack");
	check_errno(wait(NULL), ECHILD, "no child left over");
	if (on_sleight())
		check_errno(syscall(435, NULL, 0), ENOSYS,
			    "clone3 is not supported");
	return test_done();
}
