/*
 * testlib.h - the few helpers every Sleight test program uses.
 *
 * A test program runs unchanged on Sleight and on the host Linux. It
 * prints one line per check ("PASS: what" / "FAIL: what (why)"), ends with
 * "N passed, N failed" and exits 0 only if nothing failed. A check that
 * holds only for Sleight's contract (where Linux differs) is wrapped in
 * on_sleight().
 */
#ifndef SLEIGHT_TESTLIB_H
#define SLEIGHT_TESTLIB_H

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static int t_passed, t_failed;
static char t_dir[256] = ".";

/* Record one check: cond true is a pass. The message says what holds. */
static void check(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));
static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	fputs(cond ? "PASS: " : "FAIL: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (cond)
		t_passed++;
	else
		t_failed++;
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

	snprintf(tmp, sizeof(tmp), "%s", argv[0]);
	snprintf(t_dir, sizeof(t_dir), "%s", dirname(tmp));
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

/* test_done - print the summary and return main's exit status. */
static int __attribute__((unused)) test_done(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	fflush(stdout);
	return t_failed ? 1 : 0;
}

#endif
