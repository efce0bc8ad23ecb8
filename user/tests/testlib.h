/*
 * testlib.h - the few helpers every Sleight test program uses.
 *
 * A test program runs unchanged on Sleight and on the host Linux. It
 * prints its checks in TAP (the Test Anything Protocol): one line per
 * check, "ok N - what" or "not ok N - what (why)", "ok N # SKIP why" for a
 * check that cannot be made here, then the plan "1..N" at the end, and
 * exits 0 only if nothing failed. A '#' in a message is written "\#", as
 * TAP wants. When the environment has TAP_INDENT=N (the in-OS runners
 * set it, runtests and tshtest), each TAP line is indented by N spaces,
 * so the program's lines read as a subtest of the runner's own
 * "ok N - t_name". A check that holds only for Sleight's contract (where
 * Linux differs) is wrapped in on_sleight().
 *
 * No locking: a test's checks are made by one process. A check made in
 * a forked child counts in the child only.
 */
#ifndef SLEIGHT_TESTLIB_H
#define SLEIGHT_TESTLIB_H

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int t_passed, t_failed, t_skipped, t_indent;
static char t_dir[256] = ".";

/* t_line - print one TAP line: the indent, head as is, then text on one
 * line with '#' and '\\' escaped. */
static void t_line(const char *head, const char *text)
{
	printf("%*s%s", t_indent, "", head);
	for (const char *p = text; *p; p++) {
		if (*p == '#' || *p == '\\')
			putchar('\\');
		putchar(*p == '\n' ? ' ' : *p);
	}
	putchar('\n');
	fflush(stdout);
}

/* Record one check: cond true is a pass. The message says what holds. */
static void check(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));
static void check(int cond, const char *fmt, ...)
{
	char head[32], msg[512];
	va_list ap;
	int n = t_passed + t_failed + t_skipped + 1;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(head, sizeof(head), "%sok %d - ", cond ? "" : "not ", n);
	t_line(head, msg);
	if (cond)
		t_passed++;
	else
		t_failed++;
}

/* skip - record a check that cannot be made here: "ok N # SKIP why". */
static void skip(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), unused));
static void skip(const char *fmt, ...)
{
	char head[48], msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(head, sizeof(head), "ok %d # SKIP ",
		 t_passed + t_failed + t_skipped + 1);
	t_line(head, msg);
	t_skipped++;
}

/* check_eq - an integer check that prints both values when it fails. */
#define check_eq(got, want, what)					\
	do {								\
		long long g_ = (long long)(got), w_ = (long long)(want); \
		check(g_ == w_, "%s (got %lld, want %lld)", what, g_, w_); \
	} while (0)

/* check_errno - a call that must fail with -1 and errno e. */
#define check_errno(call, e, what)					\
	do {								\
		errno = 0;						\
		long r_ = (long)(call);					\
		int en_ = errno;					\
		check(r_ == -1 && en_ == (e), "%s (got %ld errno %d %s, " \
		      "want errno %d %s)", what, r_, en_, strerror(en_),	\
		      (e), strerror(e));				\
	} while (0)

/* Call first in main: remembers where the helper programs are. */
static void __attribute__((unused)) test_init(char **argv)
{
	char tmp[256];
	const char *indent = getenv("TAP_INDENT");

	snprintf(tmp, sizeof(tmp), "%s", argv[0]);
	snprintf(t_dir, sizeof(t_dir), "%s", dirname(tmp));
	t_indent = indent ? atoi(indent) : 0;
	if (t_indent < 0 || t_indent > 16)
		t_indent = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
}

/* helper_path - the path of a helper program beside this test. */
static __attribute__((unused)) const char *helper_path(const char *name)
{
	static char buf[4][320];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", t_dir, name);
	return buf[i];
}

/* on_sleight - true when running on Sleight rather than the host Linux. */
static int __attribute__((unused)) on_sleight(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Sleight") == 0;
}

/* unmapped_page - the address of a page that was mapped and is not any
 * more (mmap + munmap), or NULL: a user pointer that must give EFAULT. */
static __attribute__((unused)) void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p, 4096);
	return p;
}

/* exec_in_child - execve(path) in a forked child, with no environment:
 * the child's exit status, 1000 + errno when the execve failed, 2000 +
 * the signal that killed the child, or -1 when pipe, fork or waitpid
 * failed (execve(2), waitpid(2)). */
static __attribute__((unused)) int exec_in_child(const char *path)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
	int st, p[2], e = 0;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		execve(path, argv, envp);
		e = errno;
		write(p[1], &e, sizeof(e));
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	if (e)
		return 1000 + e;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 2000 + WTERMSIG(st);
}

/* wait_status_of - fn() in a forked child (fn must not return): the
 * child's wait status (waitpid(2)), or -1 when fork or waitpid failed. */
static __attribute__((unused)) int wait_status_of(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		fn();
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* test_done - print the TAP plan "1..N" (N checks made, skips counted)
 * and return main's exit status: 1 if a check failed, else 0. */
static int __attribute__((unused)) test_done(void)
{
	printf("%*s1..%d\n", t_indent, "", t_passed + t_failed + t_skipped);
	fflush(stdout);
	return t_failed ? 1 : 0;
}

#endif
