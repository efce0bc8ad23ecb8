/*
 * vforklib.h - what the vfork tests (t_vfork_*.c) share on top of
 * testlib.h: a clock, reads and waits with a deadline, running a helper
 * program with its standard output captured, and scratch files under
 * /tmp.
 *
 * Rules kept here, as in the tests: code that runs in a vfork child phase
 * is written inline in the function that called vfork, calls only
 * async-signal-safe functions and ends in execve or _exit. Results travel
 * back to the parent through static (shared) memory or the exit status.
 * Every descriptor the tests make for themselves is close-on-exec, so a
 * program sees only what a test hands it on purpose.
 */
#ifndef SLEIGHT_VFORKLIB_H
#define SLEIGHT_VFORKLIB_H

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "testlib.h"

/* Deadline for a read or wait that must not hang: generous (milliseconds). */
#define VT_DEADLINE_MS 10000

/* errno of the last execve that failed in run_capture's child phase. */
static volatile int vt_exec_errno;

/* now_ms - monotonic time in milliseconds. */
static long long __attribute__((unused)) now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* sleep_ms - sleep for ms milliseconds. */
static void __attribute__((unused)) sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/*
 * read_all - read fd until end of file into buf (cap bytes including the
 * terminating NUL). Returns the length read, or -1 with errno ETIMEDOUT
 * when no end of file came within timeout_ms, or the read's errno.
 */
static ssize_t __attribute__((unused))
read_all(int fd, char *buf, size_t cap, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	size_t len = 0;

	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		long long left = end - now_ms();
		char sink[512];
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, (int)left) == 0) {
			buf[len] = '\0';
			errno = ETIMEDOUT;
			return -1;
		}
		if (len + 1 < cap)
			n = read(fd, buf + len, cap - 1 - len);
		else
			n = read(fd, sink, sizeof(sink));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			buf[len] = '\0';
			return -1;
		}
		if (n == 0)
			break;
		if (len + 1 < cap)
			len += n;
	}
	buf[len] = '\0';
	return len;
}

/*
 * wait_for - waitpid(pid, status, 0) that gives up after timeout_ms: then
 * the process is killed and reaped and -1 is returned with errno
 * ETIMEDOUT. Otherwise returns what waitpid returned.
 */
static pid_t __attribute__((unused))
wait_for(pid_t pid, int *status, int timeout_ms)
{
	long long end = now_ms() + timeout_ms;
	pid_t r;

	while ((r = waitpid(pid, status, WNOHANG)) == 0) {
		if (now_ms() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			errno = ETIMEDOUT;
			return -1;
		}
		sleep_ms(2);
	}
	return r;
}

/*
 * spawn_capture - vfork and exec path with argv (and the current
 * environment) with standard output on a new pipe. Returns the pid and
 * stores the pipe's read end (close-on-exec) in *out_fd; returns -1 when
 * vfork or pipe2 failed. A failed exec ends the child phase with status
 * 127 and leaves its errno in vt_exec_errno.
 */
static pid_t __attribute__((unused))
spawn_capture(const char *path, char *const argv[], int *out_fd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0)
		return -1;
	vt_exec_errno = 0;
	pid = vfork();
	if (pid == 0) {
		if (dup2(p[1], 1) != 1)
			_exit(126);
		execv(path, argv);
		vt_exec_errno = errno;
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -1;
	}
	*out_fd = p[0];
	return pid;
}

/*
 * run_capture - run path with argv, its output into buf (cap bytes,
 * NUL-terminated), and wait for it; its wait status goes to *status.
 * Returns the output length, or -1 when spawning, reading or waiting
 * failed or timed out.
 */
static ssize_t __attribute__((unused))
run_capture(const char *path, char *const argv[], char *buf, size_t cap,
	    int *status)
{
	ssize_t len;
	pid_t pid;
	int fd;

	buf[0] = '\0';
	pid = spawn_capture(path, argv, &fd);
	if (pid < 0)
		return -1;
	len = read_all(fd, buf, cap, VT_DEADLINE_MS);
	close(fd);
	if (wait_for(pid, status, VT_DEADLINE_MS) != pid)
		return -1;
	return len;
}

/* has_line - whether text contains line as one whole line. */
static int __attribute__((unused)) has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') &&
		    (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

/*
 * tmp_path - "/tmp/vt<pid>_name": a scratch path private to this test
 * run, in memory of its own (never freed; tests make a handful). Not for
 * use in a child phase.
 */
static __attribute__((unused)) const char *tmp_path(const char *name)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "/tmp/vt%d_%s", (int)getpid(), name);
	return strdup(buf);
}

/* make_file - create path with len bytes of data and mode. 0 or -1. */
static int __attribute__((unused))
make_file(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, data, len) == (ssize_t)len;
	close(fd);
	return ok && chmod(path, mode) == 0 ? 0 : -1;
}

/* fd_open - whether descriptor fd is open in this process. */
static int __attribute__((unused)) fd_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

/*
 * close_stray_fds - close every descriptor from 3 up to 255 that this
 * test inherited, so that descriptor lists and lowest-free numbers depend
 * only on what the test itself opens.
 */
static void __attribute__((unused)) close_stray_fds(void)
{
	int fd;

	for (fd = 3; fd < 256; fd++)
		close(fd);
}

/* same_file - whether descriptors a and b name the same inode. */
static int __attribute__((unused)) same_file(int a, const struct stat *b)
{
	struct stat st;

	return fstat(a, &st) == 0 && st.st_dev == b->st_dev &&
	       st.st_ino == b->st_ino;
}

#endif
