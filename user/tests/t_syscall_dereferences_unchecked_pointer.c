/*
 * t_syscall_dereferences_unchecked_pointer - every pointer argument of every
 * system call Sleight implements, given each kind of bad pointer, gives what
 * Linux gives.
 *
 * Bug: a system call dereferences a user pointer it did not check, or
 * checks only some of its pointer arguments, or only the first byte of a
 * range: with NULL, a kernel address (0xC0000000), an unmapped page, a
 * read-only page where the kernel writes, or a buffer that runs from a
 * mapped page into an unmapped one, the kernel panics, corrupts itself,
 * writes through a read-only mapping, or answers differently from Linux.
 *
 * The table below walks kernel/sys/syscall.tbl by hand: one row per
 * pointer argument, the other arguments valid. Each cell's expectation
 * is what Linux answers (this binary passes on host Linux, where the
 * i386 program runs under compat): -EFAULT unless the row says
 * otherwise. Kinds: N NULL, K kernel address, U unmapped, R read-only
 * (only where the kernel writes), S straddling into an unmapped page.
 * Left out, with why:
 *   exit, exit_group, fork, vfork, pause, getpid and the other calls
 *   without pointer arguments; kill, tkill, tgkill, alarm, brk, munmap,
 *   mprotect, mremap, madvise, mmap2 (addresses, not pointers the kernel
 *   reads); sigreturn, rt_sigreturn (the frame is the stack pointer);
 *   reboot (root would reboot); clone (Linux ignores a bad parent_tid);
 *   set_tid_address (stores the pointer, never dereferences it); the
 *   terminal ioctls (the test has no terminal on the host).
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <grp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PG 4096L

/* Argument values resolved at run time. */
enum { V_ZERO = -1000, V_PIPE_R, V_PIPE_W, V_FILE_FD, V_DIR_FD, V_FILE,
       V_NEW, V_LINK, V_DIR, V_BUF, V_ZOMBIE, V_EXE, V_ARGV, V_IOV_BAD,
       V_IOV, V_TS, V_FDSET, V_POLLFD, V_SIGSET, V_RLIM, V_DESC,
       V_SELARGS, V_MMAPARGS, V_ITV, V_NULLDEV, V_LAST };

/* T_IOV_*: the bad pointer is iov[0].iov_base of the iovec argument. */
enum { T_IN, T_OUT, T_PATH, T_IOV_IN, T_IOV_OUT };
enum { K_N, K_K, K_U, K_R, K_S, NKINDS };

#define OK	1	/* any result >= 0 */
#define SKIP	2	/* not a meaningful case */
#define CNT(n)	(1000000 + (n))	/* exactly n */
/*
 * A kernel address where no byte is touched: a native i386 kernel's
 * access_ok refuses 0xC0000000 (-EFAULT, what Sleight answers), but on
 * an x86_64 kernel the compat task's address space reaches 4 GiB, so the
 * host answers n.
 */
#define KCNT(n)	(2000000 + (n))
#define E(e)	(-(e))

struct row {
	const char *name;
	int nr;
	long a[6];
	int at;		/* which argument is the bad pointer */
	int type;	/* T_IN, T_OUT, T_PATH */
	int size;	/* bytes the kernel touches there (for S) */
	long want[NKINDS];	/* 0: -EFAULT; R defaults to SKIP for
				 * T_IN and T_PATH */
};

/* Rows leave out trailing fields: size 0, want all default. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#define F	AT_FDCWD
/* want shorthands */
#define NULL_OK		{ OK }
static const struct row rows[] = {
	{ "waitpid status", 7, { V_ZOMBIE, 0, 0 }, 1, T_OUT, 4, NULL_OK },
	{ "execve path", 11, { 0, V_ARGV, V_ARGV }, 0, T_PATH, 0 },
	{ "execve argv", 11, { V_EXE, 0, V_ARGV }, 1, T_IN, 8,
	  { SKIP } },	/* Linux runs the program with argv NULL */
	{ "execve envp", 11, { V_EXE, V_ARGV, 0 }, 2, T_IN, 8, { SKIP } },
	{ "time", 13, { 0 }, 0, T_OUT, 4, NULL_OK },
	{ "setrlimit", 75, { 7, 0 }, 1, T_IN, 8 },
	{ "gettimeofday tv", 78, { 0, 0 }, 0, T_OUT, 8, NULL_OK },
	{ "gettimeofday tz", 78, { V_BUF, 0 }, 1, T_OUT, 8, NULL_OK },
	{ "wait4 status", 114, { V_ZOMBIE, 0, 0, 0 }, 1, T_OUT, 4,
	  NULL_OK },
	{ "wait4 rusage", 114, { V_ZOMBIE, 0, 0, 0 }, 3, T_OUT, 72,
	  NULL_OK },
	{ "sysinfo", 116, { 0 }, 0, T_OUT, 64 },
	{ "uname", 122, { 0 }, 0, T_OUT, 390 },
	{ "nanosleep req", 162, { 0, 0 }, 0, T_IN, 8 },
	{ "ugetrlimit", 191, { 7, 0 }, 1, T_OUT, 8 },
	{ "getgroups32", 205, { 1, 0 }, 1, T_OUT, 4 },
	{ "setgroups32", 206, { 1, 0 }, 1, T_IN, 4 },
	{ "getresuid32 r", 209, { 0, V_BUF, V_BUF }, 0, T_OUT, 4 },
	{ "getresuid32 e", 209, { V_BUF, 0, V_BUF }, 1, T_OUT, 4 },
	{ "getresuid32 s", 209, { V_BUF, V_BUF, 0 }, 2, T_OUT, 4 },
	{ "getresgid32 r", 211, { 0, V_BUF, V_BUF }, 0, T_OUT, 4 },
	{ "getresgid32 e", 211, { V_BUF, 0, V_BUF }, 1, T_OUT, 4 },
	{ "getresgid32 s", 211, { V_BUF, V_BUF, 0 }, 2, T_OUT, 4 },
	{ "clock_gettime", 265, { 0, 0 }, 1, T_OUT, 8 },
	{ "clock_getres", 266, { 0, 0 }, 1, T_OUT, 8, NULL_OK },
	{ "clock_nanosleep req", 267, { 0, 0, 0, 0 }, 2, T_IN, 8 },
	{ "prlimit64 new", 340, { 0, 7, 0, 0 }, 2, T_IN, 16, NULL_OK },
	{ "prlimit64 old", 340, { 0, 7, 0, 0 }, 3, T_OUT, 16, NULL_OK },
	{ "clock_gettime64", 403, { 0, 0 }, 1, T_OUT, 16 },
	{ "clock_nanosleep_time64 req", 407, { 0, 0, 0, 0 }, 2, T_IN, 16 },
	{ "set_thread_area", 243, { 0 }, 0, T_IN, 16 },
	/* R, S: entry_number 0 is read first, and refused */
	{ "get_thread_area", 244, { 0 }, 0, T_OUT, 16,
	  { 0, 0, 0, E(EINVAL), E(EINVAL) } },
	{ "sigprocmask set", 126, { SIG_BLOCK, 0, 0 }, 1, T_IN, 4,
	  NULL_OK },
	{ "sigprocmask old", 126, { SIG_BLOCK, V_SIGSET, 0 }, 2, T_OUT, 4,
	  NULL_OK },
	{ "rt_sigaction act", 174, { SIGUSR1, 0, 0, 8 }, 1, T_IN, 20,
	  NULL_OK },
	{ "rt_sigaction old", 174, { SIGUSR1, 0, 0, 8 }, 2, T_OUT, 20,
	  NULL_OK },
	{ "rt_sigprocmask set", 175, { SIG_BLOCK, 0, 0, 8 }, 1, T_IN, 8,
	  NULL_OK },
	{ "rt_sigprocmask old", 175, { SIG_BLOCK, 0, 0, 8 }, 2, T_OUT, 8,
	  NULL_OK },
	{ "rt_sigpending", 176, { 0, 8 }, 0, T_OUT, 8 },
	{ "rt_sigsuspend", 179, { 0, 8 }, 0, T_IN, 8 },
	{ "sigaltstack new", 186, { 0, 0 }, 0, T_IN, 12, NULL_OK },
	{ "sigaltstack old", 186, { 0, 0 }, 1, T_OUT, 12, NULL_OK },
	{ "mmap args", 90, { 0 }, 0, T_IN, 24 },
	{ "read", 3, { V_ZERO, 0, 32 }, 1, T_OUT, 32,
	  { 0, 0, 0, 0, CNT(16) } },
	/* a pipe write of up to PIPE_BUF bytes is all or nothing */
	{ "write", 4, { V_PIPE_W, 0, 32 }, 1, T_IN, 32 },
	{ "write /dev/null", 4, { V_NULLDEV, 0, 32 }, 1, T_IN, 32,
	  { CNT(32), KCNT(32), CNT(32), SKIP, CNT(32) } },
	{ "open", 5, { 0, O_RDONLY }, 0, T_PATH },
	{ "creat", 8, { 0, 0600 }, 0, T_PATH },
	{ "link old", 9, { 0, V_NEW }, 0, T_PATH },
	{ "link new", 9, { V_FILE, 0 }, 1, T_PATH },
	{ "unlink", 10, { 0 }, 0, T_PATH },
	{ "chdir", 12, { 0 }, 0, T_PATH },
	{ "mknod", 14, { 0, S_IFIFO | 0600, 0 }, 0, T_PATH },
	{ "chmod", 15, { 0, 0600 }, 0, T_PATH },
	{ "access", 33, { 0, F_OK }, 0, T_PATH },
	{ "rename old", 38, { 0, V_NEW }, 0, T_PATH },
	{ "rename new", 38, { V_FILE, 0 }, 1, T_PATH },
	{ "mkdir", 39, { 0, 0700 }, 0, T_PATH },
	{ "rmdir", 40, { 0 }, 0, T_PATH },
	{ "pipe", 42, { 0 }, 0, T_OUT, 8 },
	{ "ioctl FIONREAD", 54, { V_PIPE_R, FIONREAD, 0 }, 2, T_OUT, 4 },
	{ "ioctl FIONREAD file", 54, { V_FILE_FD, FIONREAD, 0 }, 2, T_OUT, 4 },
	{ "ioctl FIONBIO", 54, { V_FILE_FD, FIONBIO, 0 }, 2, T_IN, 4 },
	{ "fcntl F_GETLK", 55, { V_FILE_FD, 5, 0 }, 2, T_OUT, 16 },
	{ "fcntl F_SETLK", 55, { V_FILE_FD, 6, 0 }, 2, T_IN, 16 },
	{ "select args", 82, { 0 }, 0, T_IN, 20 },
	{ "symlink target", 83, { 0, V_NEW }, 0, T_PATH },
	{ "symlink path", 83, { V_FILE, 0 }, 1, T_PATH },
	{ "readlink path", 85, { 0, V_BUF, 64 }, 0, T_PATH },
	{ "readlink buf", 85, { V_LINK, 0, 64 }, 1, T_OUT, 8 },
	{ "truncate", 92, { 0, 0 }, 0, T_PATH },
	{ "_llseek result", 140, { V_FILE_FD, 0, 0, 0, SEEK_SET }, 3, T_OUT,
	  8 },
	{ "_newselect readfds", 142, { 8, 0, 0, 0, V_TS }, 1, T_OUT, 4,
	  NULL_OK },
	{ "_newselect timeout", 142, { 8, V_FDSET, 0, 0, 0 }, 4, T_OUT, 8,
	  { OK, 0, 0, OK, 0 } },	/* RO: Linux ignores the write-back */
	{ "readv iov", 145, { V_ZERO, 0, 1 }, 1, T_IN, 8 },
	{ "readv iov_base", 145, { V_ZERO, V_IOV, 1 }, 1, T_IOV_OUT, 16,
	  { 0, 0, 0, 0, CNT(8) } },
	{ "writev iov_base", 146, { V_PIPE_W, V_IOV, 1 }, 1, T_IOV_IN, 16 },
	{ "writev iov", 146, { V_PIPE_W, 0, 1 }, 1, T_IN, 8 },
	{ "poll fds", 168, { 0, 1, 0 }, 0, T_OUT, 8 },
	{ "pread64", 180, { V_FILE_FD, 0, 32, 0, 0 }, 1, T_OUT, 32,
	  { 0, 0, 0, 0, CNT(16) } },
	{ "pwrite64", 181, { V_FILE_FD, 0, 32, 0, 0 }, 1, T_IN, 32,
	  { 0, 0, 0, 0, CNT(16) } },
	{ "getcwd", 183, { 0, 256 }, 0, T_OUT, 2 },
	{ "truncate64", 193, { 0, 0, 0 }, 0, T_PATH },
	{ "stat64 path", 195, { 0, V_BUF }, 0, T_PATH },
	{ "stat64 buf", 195, { V_FILE, 0 }, 1, T_OUT, 96 },
	{ "lstat64 path", 196, { 0, V_BUF }, 0, T_PATH },
	{ "lstat64 buf", 196, { V_LINK, 0 }, 1, T_OUT, 96 },
	{ "fstat64", 197, { V_FILE_FD, 0 }, 1, T_OUT, 96 },
	{ "lchown32", 198, { 0, -1, -1 }, 0, T_PATH },
	{ "chown32", 212, { 0, -1, -1 }, 0, T_PATH },
	{ "getdents64", 220, { V_DIR_FD, 0, 4096 }, 1, T_OUT, 16 },
	{ "fcntl64 F_GETLK64", 221, { V_FILE_FD, 12, 0 }, 2, T_OUT, 24 },
	{ "fcntl64 F_SETLK64", 221, { V_FILE_FD, 13, 0 }, 2, T_IN, 24 },
	{ "openat", 295, { F, 0, O_RDONLY }, 1, T_PATH },
	{ "mkdirat", 296, { F, 0, 0700 }, 1, T_PATH },
	{ "mknodat", 297, { F, 0, S_IFIFO | 0600, 0 }, 1, T_PATH },
	{ "fchownat", 298, { F, 0, -1, -1, 0 }, 1, T_PATH },
	{ "fstatat64 path", 300, { F, 0, V_BUF, 0 }, 1, T_PATH },
	{ "fstatat64 buf", 300, { F, V_FILE, 0, 0 }, 2, T_OUT, 96 },
	{ "unlinkat", 301, { F, 0, 0 }, 1, T_PATH },
	{ "renameat old", 302, { F, 0, F, V_NEW }, 1, T_PATH },
	{ "renameat new", 302, { F, V_FILE, F, 0 }, 3, T_PATH },
	{ "linkat old", 303, { F, 0, F, V_NEW, 0 }, 1, T_PATH },
	{ "linkat new", 303, { F, V_FILE, F, 0, 0 }, 3, T_PATH },
	{ "symlinkat target", 304, { 0, F, V_NEW }, 0, T_PATH },
	{ "symlinkat path", 304, { V_FILE, F, 0 }, 2, T_PATH },
	{ "readlinkat path", 305, { F, 0, V_BUF, 64 }, 1, T_PATH },
	{ "readlinkat buf", 305, { F, V_LINK, 0, 64 }, 2, T_OUT, 8 },
	{ "fchmodat", 306, { F, 0, 0600, 0 }, 1, T_PATH },
	{ "faccessat", 307, { F, 0, F_OK, 0 }, 1, T_PATH },
	{ "pselect6 readfds", 308, { 8, 0, 0, 0, V_TS, 0 }, 1, T_OUT, 4,
	  NULL_OK },
	{ "pselect6 timeout", 308, { 8, V_FDSET, 0, 0, 0, 0 }, 4, T_OUT, 8,
	  { OK, 0, 0, OK, 0 } },
	{ "pselect6 sigmask", 308, { 8, V_FDSET, 0, 0, V_TS, 0 }, 5, T_IN,
	  8, NULL_OK },
	{ "ppoll fds", 309, { 0, 1, V_TS, 0, 8 }, 0, T_OUT, 8 },
	{ "ppoll timeout", 309, { V_POLLFD, 1, 0, 0, 8 }, 2, T_OUT, 8,
	  { OK, 0, 0, OK, 0 } },
	{ "ppoll sigmask", 309, { V_POLLFD, 1, V_TS, 0, 8 }, 3, T_IN, 8,
	  NULL_OK },
	{ "utimensat times", 320, { F, V_FILE, 0, 0 }, 2, T_IN, 16,
	  NULL_OK },
	{ "renameat2 old", 353, { F, 0, F, V_NEW, 0 }, 1, T_PATH },
	{ "renameat2 new", 353, { F, V_FILE, F, 0, 0 }, 3, T_PATH },
	{ "pipe2", 331, { 0, 0 }, 0, T_OUT, 8 },
	{ "statx path", 383, { F, 0, 0, 0x7ff, V_BUF }, 1, T_PATH },
	{ "statx buf", 383, { F, V_FILE, 0, 0x7ff, 0 }, 4, T_OUT, 256 },
	{ "utimensat_time64 times", 412, { F, V_FILE, 0, 0 }, 2, T_IN, 32,
	  NULL_OK },
	{ "pselect6_time64 timeout", 413, { 8, V_FDSET, 0, 0, 0, 0 }, 4,
	  T_OUT, 16, { OK, 0, 0, OK, 0 } },
	{ "ppoll_time64 fds", 414, { 0, 1, V_TS, 0, 8 }, 0, T_OUT, 8 },
	{ "faccessat2", 439, { F, 0, F_OK, 0 }, 1, T_PATH },
	{ "setitimer new", 104, { ITIMER_VIRTUAL, 0, 0 }, 1, T_IN, 16,
	  NULL_OK },	/* NULL disarms, as Linux always allowed */
	{ "setitimer old", 104, { ITIMER_VIRTUAL, V_ITV, 0 }, 2, T_OUT, 16,
	  NULL_OK },
	{ "getitimer", 105, { ITIMER_VIRTUAL, 0 }, 1, T_OUT, 16 },
};


/* ---- the engine ---------------------------------------------------------- */

static char *rw_end, *hole, *ro_page;
static int zero_fd, pipe_r, pipe_w, file_fd, dir_fd, null_fd;
static char dir[64], file[96], newp[96], linkp[96], sub[96];
static char *argv_ok[3], fdset[128], tsbuf[32], sigbuf[16], itv[16];
static struct iovec iov;
static struct pollfd pfd;
static pid_t zombie;

static pid_t make_zombie(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	usleep(50000);
	return pid;
}

static long resolve(long v)
{
	switch (v) {
	case V_ZERO:
		return zero_fd;
	case V_PIPE_R:
		return pipe_r;
	case V_PIPE_W:
		return pipe_w;
	case V_FILE_FD:
		return file_fd;
	case V_DIR_FD:
		return dir_fd;
	case V_NULLDEV:
		return null_fd;
	case V_FILE:
		return (long)file;
	case V_NEW:
		return (long)newp;
	case V_LINK:
		return (long)linkp;
	case V_DIR:
		return (long)dir;
	case V_BUF:
		return (long)(rw_end - 2048);
	case V_ZOMBIE:
		return zombie = make_zombie();
	case V_EXE:
		return (long)argv_ok[0];
	case V_ARGV:
		return (long)argv_ok;
	case V_IOV:
		return (long)&iov;
	case V_TS:
		return (long)tsbuf;
	case V_FDSET:
		return (long)fdset;
	case V_POLLFD:
		return (long)&pfd;
	case V_SIGSET:
		return (long)sigbuf;
	case V_ITV:
		return (long)itv;
	}
	return v;
}

/* The bad pointer of kind k for row r. */
static long bad_ptr(int k, const struct row *r)
{
	int half = r->size > 1 ? r->size / 2 : 1;

	switch (k) {
	case K_N:
		return 0;
	case K_K:
		return 0xC0000000L;
	case K_U:
		return (long)hole;
	case K_R:
		return (long)ro_page;
	}
	if (r->type == T_PATH) {
		memset(rw_end - 4, 'a', 4);	/* no NUL before the hole */
		return (long)(rw_end - 4);
	}
	if (r->type == T_IN && r->nr == SYS_execve) {
		/* argv/envp: one good entry, the terminator in the hole */
		*(char **)(rw_end - sizeof(char *)) = argv_ok[0];
		return (long)(rw_end - sizeof(char *));
	}
	memset(rw_end - half, 0, half);
	return (long)(rw_end - half);
}

/* compat_task - running as an i386 task on an x86_64 kernel. */
static int compat_task(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.machine, "x86_64") == 0;
}

static long want_of(const struct row *r, int k)
{
	if (r->want[k] >= KCNT(0))
		return compat_task() ? r->want[k] - KCNT(0) + CNT(0)
				     : E(EFAULT);
	if (r->want[k])
		return r->want[k];
	if (k == K_R && r->type != T_OUT && r->type != T_IOV_OUT)
		return SKIP;
	return E(EFAULT);
}

/* execve in a child: its errno, or OK if the program ran. */
static long run_execve(const long *a)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		long r = syscall(SYS_execve, a[0], a[1], a[2]);

		_exit(r < 0 ? errno : 250);
	}
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) == 250)
		return -9999;
	return WEXITSTATUS(st) == 99 ? 0 : -WEXITSTATUS(st);
}

static void on_alarm(int sig)
{
}

static void run_case(const struct row *r, int k)
{
	static const char kinds[] = "NKURS";
	long want = want_of(r, k), got, a[6];
	char wbuf[24];
	int i, ok;

	if (want == SKIP)
		return;
	for (i = 0; i < 6; i++)
		a[i] = resolve(r->a[i]);
	if (r->type == T_IOV_IN || r->type == T_IOV_OUT) {
		iov.iov_base = (void *)bad_ptr(k, r);
		iov.iov_len = r->size;
	} else {
		a[r->at] = bad_ptr(k, r);
	}
	alarm(5);
	errno = 0;
	if (r->nr == SYS_execve)
		got = run_execve(a);
	else
		got = syscall(r->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (got == -1 && r->nr != SYS_execve)
		got = -errno;
	alarm(0);
	if (want == OK)
		ok = got >= 0;
	else if (want >= CNT(0))
		ok = got == want - CNT(0);
	else
		ok = got == want;
	if (want == OK)
		snprintf(wbuf, sizeof(wbuf), ">= 0");
	else
		snprintf(wbuf, sizeof(wbuf), "%ld", want >= CNT(0) ?
			 want - CNT(0) : want);
	check(ok, "%s, %c: got %ld (%s), want %s", r->name, kinds[k], got,
	      got < 0 ? strerror(-got) : "ok", wbuf);
	if (zombie > 0 && got == E(EFAULT)) {
		/* Linux reaps the child, then fails to store its status. */
		errno = 0;
		check(waitpid(zombie, NULL, WNOHANG) == -1 && errno == ECHILD,
		      "%s, %c: the child was reaped all the same", r->name,
		      kinds[k]);
	}
	if (zombie > 0)
		waitpid(zombie, NULL, 0);
	zombie = 0;
}

static int setup(void)
{
	char *p;
	int fds[2];

	snprintf(dir, sizeof(dir),
		 "/tmp/t_syscall_dereferences_unchecked_pointer.%d", getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	snprintf(newp, sizeof(newp), "%s/new", dir);
	snprintf(linkp, sizeof(linkp), "%s/l", dir);
	snprintf(sub, sizeof(sub), "%s/empty", dir);
	argv_ok[0] = (char *)helper_path("exit_with");
	argv_ok[1] = "99";
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ro_page = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	if (p == MAP_FAILED || ro_page == MAP_FAILED ||
	    munmap(p + PG, PG) || mkdir(dir, 0700) || mkdir(sub, 0700) ||
	    pipe(fds))
		return -1;
	rw_end = p + PG;
	hole = p + PG;
	pipe_r = fds[0];
	pipe_w = fds[1];
	zero_fd = open("/dev/zero", O_RDONLY);
	null_fd = open("/dev/null", O_WRONLY);
	file_fd = open(file, O_RDWR | O_CREAT, 0600);
	dir_fd = open(sub, O_RDONLY | O_DIRECTORY);
	if (zero_fd < 0 || zero_fd >= 8 || null_fd < 0 || file_fd < 0 ||
	    dir_fd < 0 || symlink(file, linkp))
		return -1;
	if (write(file_fd, tsbuf, sizeof(tsbuf)) != sizeof(tsbuf) ||
	    write(file_fd, tsbuf, sizeof(tsbuf)) != sizeof(tsbuf))
		return -1;	/* 64 bytes for pread to read */
	fdset[0] = (char)(1 << zero_fd);	/* ready at once */
	pfd.fd = zero_fd;
	pfd.events = POLLIN;
	signal(SIGALRM, on_alarm);
	/* getgroups writes only when there is a group to write */
	if (getuid() == 0)
		setgroups(1, (gid_t[]){ 0 });
	return 0;
}

static void teardown(void)
{
	unlink(newp);
	unlink(linkp);
	unlink(file);
	rmdir(sub);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	size_t i;
	int k;

	test_init(argv);
	if (setup()) {
		check(0, "setup: %s", strerror(errno));
		return test_done();
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		for (k = 0; k < NKINDS; k++)
			run_case(&rows[i], k);
	teardown();
	return test_done();
}
