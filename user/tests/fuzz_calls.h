/*
 * fuzz_calls.h - the system calls /tests/fuzz draws from, with the kind
 * of each argument. One row per entry of kernel/sys/syscall.tbl, in its
 * order; a call left out says why in its comment. Included by fuzz.c
 * only.
 *
 * Classes group calls so a run can leave some out (-x CLASS); the class
 * table in fuzz.c says which ones the smoke run of make test skips.
 */
#ifndef SLEIGHT_FUZZ_CALLS_H
#define SLEIGHT_FUZZ_CALLS_H

/* How to draw one argument. */
enum arg_kind {
	A_NONE,
	A_INT,		/* an interesting integer */
	A_FD,		/* a small descriptor, -1, a huge one */
	A_IN,		/* a pointer the kernel reads */
	A_OUT,		/* a pointer the kernel writes */
	A_PATH,		/* a path string, or a bad pointer */
	A_LEN,		/* a byte count */
	A_FLAGS,	/* a bit mask */
	A_MODE,		/* a file mode */
	A_PID,		/* self, 0, 1, a missing pid (never -1: see kill) */
	A_SIG,		/* a signal number (never a stop signal) */
	A_ADDR,		/* a page address inside the arena, or a bad one */
	A_ID,		/* a uid/gid */
	A_CLOCK,	/* a clock id */
	A_CMD,		/* an ioctl or fcntl command */
};

/* Call flags. */
#define F_BLOCKS	0x1	/* may sleep: a timer interrupts it */
#define F_FORKS		0x2	/* makes a child: run by the raw stub */

enum call_class { C_ID, C_TIME, C_PROC, C_SIG, C_MEM, C_FILE, C_FD,
		  C_SELECTOR, C_NCLASS };

struct call {
	int nr;
	const char *name;
	int cls;
	int flags;
	unsigned char arg[6];
};

#define I A_INT
#define D A_FD
#define R A_IN
#define W A_OUT
#define P A_PATH
#define L A_LEN
#define G A_FLAGS
#define M A_MODE
#define Q A_PID
#define S A_SIG
#define V A_ADDR
#define U A_ID
#define K A_CLOCK
#define X A_CMD

/*
 * Left out of the table:
 *   exit (1), exit_group (252): they only end the worker.
 *   set_thread_area (243), sigreturn (119), rt_sigreturn (173): drawn by
 *   the selector class in fuzz.c, in a child, with built descriptors and
 *   frames.
 */
static const struct call calls[] = {
	{ 2, "fork", C_PROC, F_FORKS, { 0 } },
	{ 7, "waitpid", C_PROC, F_BLOCKS, { Q, W, G } },
	{ 11, "execve", C_PROC, 0, { P, R, R } },
	{ 13, "time", C_TIME, 0, { W } },
	{ 20, "getpid", C_ID, 0, { 0 } },
	{ 27, "alarm", C_TIME, 0, { I } },
	{ 57, "setpgid", C_ID, 0, { Q, Q } },
	{ 64, "getppid", C_ID, 0, { 0 } },
	{ 65, "getpgrp", C_ID, 0, { 0 } },
	{ 66, "setsid", C_ID, 0, { 0 } },
	{ 75, "setrlimit", C_ID, 0, { I, R } },
	{ 78, "gettimeofday", C_TIME, 0, { W, W } },
	{ 88, "reboot", C_ID, 0, { I, I, I, R } },	/* EPERM as uid 1000 */
	{ 114, "wait4", C_PROC, F_BLOCKS, { Q, W, G, W } },
	{ 116, "sysinfo", C_ID, 0, { W } },
	{ 120, "clone", C_PROC, F_FORKS, { G, V, W, R, W } },
	{ 122, "uname", C_ID, 0, { W } },
	{ 132, "getpgid", C_ID, 0, { Q } },
	{ 147, "getsid", C_ID, 0, { Q } },
	{ 162, "nanosleep", C_TIME, F_BLOCKS, { R, W } },
	{ 191, "ugetrlimit", C_ID, 0, { I, W } },
	{ 199, "getuid32", C_ID, 0, { 0 } },
	{ 200, "getgid32", C_ID, 0, { 0 } },
	{ 201, "geteuid32", C_ID, 0, { 0 } },
	{ 202, "getegid32", C_ID, 0, { 0 } },
	{ 205, "getgroups32", C_ID, 0, { L, W } },
	{ 206, "setgroups32", C_ID, 0, { L, R } },
	{ 209, "getresuid32", C_ID, 0, { W, W, W } },
	{ 211, "getresgid32", C_ID, 0, { W, W, W } },
	{ 213, "setuid32", C_ID, 0, { U } },
	{ 214, "setgid32", C_ID, 0, { U } },
	{ 224, "gettid", C_ID, 0, { 0 } },
	{ 258, "set_tid_address", C_ID, 0, { W } },
	{ 240, "futex", C_TIME, F_BLOCKS, { W, I, I, R, W, I } },
	{ 422, "futex_time64", C_TIME, F_BLOCKS, { W, I, I, R, W, I } },
	{ 311, "set_robust_list", C_PROC, 0, { R, L } },
	{ 312, "get_robust_list", C_PROC, 0, { Q, W, W } },
	{ 265, "clock_gettime", C_TIME, 0, { K, W } },
	{ 266, "clock_getres", C_TIME, 0, { K, W } },
	{ 267, "clock_nanosleep", C_TIME, F_BLOCKS, { K, G, R, W } },
	{ 340, "prlimit64", C_ID, 0, { Q, I, R, W } },
	{ 403, "clock_gettime64", C_TIME, 0, { K, W } },
	{ 407, "clock_nanosleep_time64", C_TIME, F_BLOCKS, { K, G, R, W } },
	{ 244, "get_thread_area", C_SELECTOR, 0, { W } },
	{ 190, "vfork", C_PROC, F_FORKS, { 0 } },
	{ 29, "pause", C_SIG, F_BLOCKS, { 0 } },
	{ 37, "kill", C_SIG, 0, { Q, S } },
	{ 126, "sigprocmask", C_SIG, 0, { I, R, W } },
	{ 174, "rt_sigaction", C_SIG, 0, { S, R, W, L } },
	{ 175, "rt_sigprocmask", C_SIG, 0, { I, R, W, L } },
	{ 176, "rt_sigpending", C_SIG, 0, { W, L } },
	{ 179, "rt_sigsuspend", C_SIG, F_BLOCKS, { R, L } },
	{ 186, "sigaltstack", C_SIG, 0, { R, W } },
	{ 238, "tkill", C_SIG, 0, { Q, S } },
	{ 270, "tgkill", C_SIG, 0, { Q, Q, S } },
	{ 45, "brk", C_MEM, 0, { V } },
	{ 90, "mmap", C_MEM, 0, { R } },
	{ 91, "munmap", C_MEM, 0, { V, L } },
	{ 125, "mprotect", C_MEM, 0, { V, L, G } },
	{ 163, "mremap", C_MEM, 0, { V, L, L, G, V } },
	{ 192, "mmap2", C_MEM, 0, { V, L, G, G, D, I } },
	{ 219, "madvise", C_MEM, 0, { V, L, I } },
	{ 3, "read", C_FD, F_BLOCKS, { D, W, L } },
	{ 4, "write", C_FD, F_BLOCKS, { D, R, L } },
	{ 5, "open", C_FILE, F_BLOCKS, { P, G, M } },
	{ 6, "close", C_FD, 0, { D } },
	{ 8, "creat", C_FILE, 0, { P, M } },
	{ 9, "link", C_FILE, 0, { P, P } },
	{ 10, "unlink", C_FILE, 0, { P } },
	{ 12, "chdir", C_FILE, 0, { P } },
	{ 14, "mknod", C_FILE, 0, { P, M, I } },
	{ 15, "chmod", C_FILE, 0, { P, M } },
	{ 19, "lseek", C_FD, 0, { D, I, I } },
	{ 33, "access", C_FILE, 0, { P, I } },
	{ 36, "sync", C_FILE, 0, { 0 } },
	{ 38, "rename", C_FILE, 0, { P, P } },
	{ 39, "mkdir", C_FILE, 0, { P, M } },
	{ 40, "rmdir", C_FILE, 0, { P } },
	{ 41, "dup", C_FD, 0, { D } },
	{ 42, "pipe", C_FD, 0, { W } },
	{ 54, "ioctl", C_FD, F_BLOCKS, { D, X, W } },
	{ 55, "fcntl", C_FD, F_BLOCKS, { D, X, I } },
	{ 60, "umask", C_FILE, 0, { M } },
	{ 63, "dup2", C_FD, 0, { D, D } },
	{ 82, "select", C_FD, F_BLOCKS, { R } },
	{ 83, "symlink", C_FILE, 0, { P, P } },
	{ 85, "readlink", C_FILE, 0, { P, W, L } },
	{ 92, "truncate", C_FILE, 0, { P, I } },
	{ 93, "ftruncate", C_FD, 0, { D, I } },
	{ 94, "fchmod", C_FD, 0, { D, M } },
	{ 118, "fsync", C_FD, 0, { D } },
	{ 133, "fchdir", C_FD, 0, { D } },
	{ 140, "_llseek", C_FD, 0, { D, I, I, W, I } },
	{ 142, "_newselect", C_FD, F_BLOCKS, { I, W, W, W, R } },
	{ 145, "readv", C_FD, F_BLOCKS, { D, R, I } },
	{ 146, "writev", C_FD, F_BLOCKS, { D, R, I } },
	{ 148, "fdatasync", C_FD, 0, { D } },
	{ 168, "poll", C_FD, F_BLOCKS, { W, I, I } },
	{ 180, "pread64", C_FD, F_BLOCKS, { D, W, L, I, I } },
	{ 181, "pwrite64", C_FD, F_BLOCKS, { D, R, L, I, I } },
	{ 183, "getcwd", C_FILE, 0, { W, L } },
	{ 193, "truncate64", C_FILE, 0, { P, I, I } },
	{ 194, "ftruncate64", C_FD, 0, { D, I, I } },
	{ 195, "stat64", C_FILE, 0, { P, W } },
	{ 196, "lstat64", C_FILE, 0, { P, W } },
	{ 197, "fstat64", C_FD, 0, { D, W } },
	{ 198, "lchown32", C_FILE, 0, { P, U, U } },
	{ 207, "fchown32", C_FD, 0, { D, U, U } },
	{ 212, "chown32", C_FILE, 0, { P, U, U } },
	{ 220, "getdents64", C_FD, 0, { D, W, L } },
	{ 221, "fcntl64", C_FD, F_BLOCKS, { D, X, I } },
	{ 295, "openat", C_FILE, F_BLOCKS, { D, P, G, M } },
	{ 296, "mkdirat", C_FILE, 0, { D, P, M } },
	{ 297, "mknodat", C_FILE, 0, { D, P, M, I } },
	{ 298, "fchownat", C_FILE, 0, { D, P, U, U, G } },
	{ 300, "fstatat64", C_FILE, 0, { D, P, W, G } },
	{ 301, "unlinkat", C_FILE, 0, { D, P, G } },
	{ 302, "renameat", C_FILE, 0, { D, P, D, P } },
	{ 303, "linkat", C_FILE, 0, { D, P, D, P, G } },
	{ 304, "symlinkat", C_FILE, 0, { P, D, P } },
	{ 305, "readlinkat", C_FILE, 0, { D, P, W, L } },
	{ 306, "fchmodat", C_FILE, 0, { D, P, M, G } },
	{ 307, "faccessat", C_FILE, 0, { D, P, I, G } },
	{ 308, "pselect6", C_FD, F_BLOCKS, { I, W, W, W, R, R } },
	{ 309, "ppoll", C_FD, F_BLOCKS, { W, I, R, R, L } },
	{ 320, "utimensat", C_FILE, 0, { D, P, R, G } },
	{ 330, "dup3", C_FD, 0, { D, D, G } },
	{ 353, "renameat2", C_FILE, 0, { D, P, D, P, G } },
	{ 331, "pipe2", C_FD, 0, { W, G } },
	{ 383, "statx", C_FILE, 0, { D, P, G, G, W } },
	{ 412, "utimensat_time64", C_FILE, 0, { D, P, R, G } },
	{ 413, "pselect6_time64", C_FD, F_BLOCKS, { I, W, W, W, R, R } },
	{ 414, "ppoll_time64", C_FD, F_BLOCKS, { W, I, R, R, L } },
	{ 439, "faccessat2", C_FILE, 0, { D, P, I, G } },
	{ 104, "setitimer", C_TIME, 0, { I, R, W } },
	{ 105, "getitimer", C_TIME, 0, { I, W } },
};

#undef I
#undef D
#undef R
#undef W
#undef P
#undef L
#undef G
#undef M
#undef Q
#undef S
#undef V
#undef U
#undef K
#undef X

#define NCALLS ((int)(sizeof(calls) / sizeof(calls[0])))

#endif
