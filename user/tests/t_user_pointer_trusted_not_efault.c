/*
 * t_user_pointer_trusted_not_efault - system calls given bad user pointers
 * fail with EFAULT.
 *
 * Bug: the kernel trusts a user pointer. It dereferences NULL, an
 * unmapped page or a kernel address (0xC0000000 and up) on the caller's
 * behalf and panics or corrupts itself, or it checks only the first byte
 * of a buffer so a range that runs past the end of user space is copied.
 * Every case must fail with EFAULT and leave the caller running. Raw
 * syscall() is used so the C library cannot intercept the pointer.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define KADDR ((void *)0xC0000000)
#define STRADDLE ((void *)0xBFFFF000)

static void bad_buffers(void)
{
	void *gone = unmapped_page();
	int zero = open("/dev/zero", O_RDONLY);
	int p[2];

	check(gone != NULL, "mmap+munmap a page");
	if (zero < 0 || pipe(p) < 0) {
		check(0, "open /dev/zero and a pipe");
		return;
	}
	check_errno(syscall(SYS_read, zero, NULL, 16), EFAULT,
		    "read into NULL");
	check_errno(syscall(SYS_read, zero, KADDR, 16), EFAULT,
		    "read into 0xC0000000");
	check_errno(syscall(SYS_read, zero, gone, 16), EFAULT,
		    "read into an unmapped page");
	check_errno(syscall(SYS_read, zero, STRADDLE, 0x2000), EFAULT,
		    "read into 0xBFFFF000+0x2000 (past user space)");
	check_errno(syscall(SYS_write, p[1], NULL, 16), EFAULT,
		    "write from NULL");
	check_errno(syscall(SYS_write, p[1], KADDR, 16), EFAULT,
		    "write from 0xC0000000");
	check_errno(syscall(SYS_write, p[1], gone, 16), EFAULT,
		    "write from an unmapped page");
	check_errno(syscall(SYS_write, p[1], STRADDLE, 0x2000), EFAULT,
		    "write from 0xBFFFF000+0x2000 (past user space)");
	check_eq(syscall(SYS_write, p[1], "ok", 2), 2,
		 "the pipe still works after the failed writes");
	close(zero);
	close(p[0]);
	close(p[1]);
}

static void bad_paths(void)
{
	check_errno(syscall(SYS_open, NULL, O_RDONLY), EFAULT,
		    "open(NULL)");
	check_errno(syscall(SYS_open, KADDR, O_RDONLY), EFAULT,
		    "open(0xC0000000)");
	check_errno(syscall(SYS_open, unmapped_page(), O_RDONLY), EFAULT,
		    "open(unmapped page)");
	check_errno(syscall(SYS_uname, KADDR), EFAULT,
		    "uname into 0xC0000000");
	check_errno(syscall(SYS_pipe, KADDR), EFAULT, "pipe(0xC0000000)");
	check_errno(syscall(SYS_getcwd, KADDR, 256), EFAULT,
		    "getcwd into 0xC0000000");
}

/* bad_exec - execve in a child (in case it wrongly succeeds); the child
 * exits with the errno. */
static int bad_exec(const char *path, char *const *argv, char *const *envp)
{
	pid_t pid = fork();
	int st = -1;

	if (pid == 0) {
		syscall(SYS_execve, path, argv, envp);
		_exit(errno & 0xff);
	}
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void bad_execs(void)
{
	const char *prog = helper_path("fdlist");
	char *argv[] = { "fdlist", NULL };
	char *envp[] = { NULL };
	char *bad_argv[] = { "fdlist", KADDR, NULL };
	char *bad_envp[] = { "A=1", (char *)1, NULL };

	check_eq(bad_exec(NULL, argv, envp), EFAULT, "execve(NULL path)");
	check_eq(bad_exec(KADDR, argv, envp), EFAULT,
		 "execve(0xC0000000 path)");
	check_eq(bad_exec(prog, KADDR, envp), EFAULT,
		 "execve with argv at 0xC0000000");
	check_eq(bad_exec(prog, bad_argv, envp), EFAULT,
		 "execve with argv[1] at 0xC0000000");
	check_eq(bad_exec(prog, argv, bad_envp), EFAULT,
		 "execve with envp[1] = 1");
}

static void bad_wait(void)
{
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(0);
	/* wait until it is a zombie, without reaping it */
	usleep(20000);
	check_errno(syscall(SYS_wait4, pid, KADDR, 0, NULL), EFAULT,
		    "wait4 with status at 0xC0000000");
	waitpid(pid, &st, 0);
	check_errno(wait(NULL), ECHILD, "child reaped either way");
}

int main(int argc, char **argv)
{
	test_init(argv);
	bad_buffers();
	bad_paths();
	bad_execs();
	bad_wait();
	return test_done();
}
