/*
 * runlib.h - what the two test runners, runtests (test programs) and
 * tshtest (shell scripts), share: running one child under a time limit,
 * the leak check around it (kstat.h), and their results as TAP.
 *
 * Each result is one TAP line, numbered in the order the tests ran:
 * "ok N - name", "not ok N - name (why)" or "ok N - name # SKIP why";
 * the plan "1..N" and a "# N passed, N failed" comment end the run
 * (TAP allows the plan last). tools/test.sh reads these lines.
 *
 * No locking: a runner is one process, and runs one test at a time.
 */
#ifndef SLEIGHT_USER_RUNLIB_H
#define SLEIGHT_USER_RUNLIB_H

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kstat.h"

/* The wait statuses run_wait gives for a child that did not end itself. */
#define RUN_NO_CHILD	(-1)	/* fork failed */
#define RUN_TIMED_OUT	(-2)	/* killed at the time limit */

struct run_tally {
	int n;			/* results printed so far */
	int passed, failed, skipped;
};

/* A test's leak check: the counters before it, if /dev/kstat exists. */
struct run_leak {
	struct kstat before;
	int have;		/* 0 on the host Linux: no check */
};

/*
 * run_wait - wait for child pid, polling every 5 ms, for at most limit_s
 * seconds (CLOCK_MONOTONIC); past that, SIGKILL it and reap it. Returns
 * its wait status (waitpid(2)), RUN_TIMED_OUT, or RUN_NO_CHILD when
 * pid < 0 (the fork failed).
 */
static inline int run_wait(pid_t pid, int limit_s)
{
	struct timespec t0, t;
	int st;

	if (pid < 0)
		return RUN_NO_CHILD;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return st;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= limit_s) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return RUN_TIMED_OUT;
		}
		usleep(5000);
	}
}

static inline int run_by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * run_list - the names in directory dir that start with prefix and end
 * with suffix (which is cut off), sorted by strcmp, at most max of them,
 * into names[] (strdup'd; never freed). Returns how many; 0 with a
 * message on stderr when dir cannot be read.
 */
static inline int run_list(const char *dir, const char *prefix,
			   const char *suffix, char **names, int max)
{
	size_t pl = strlen(prefix), sl = strlen(suffix);
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return 0;
	}
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name);

		if (l > pl + sl && !strncmp(e->d_name, prefix, pl) &&
		    !strcmp(e->d_name + l - sl, suffix))
			names[n++] = strndup(e->d_name, l - sl);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), run_by_name);
	return n;
}

/* run_reap_strays - reap whatever a test orphaned onto us (a runner is
 * often pid 1's child, and pid 1 hands orphans to nobody else). */
static inline void run_reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/*
 * run_not_run - when st (from run_wait) says the test never ended on its
 * own, describe why in why[len] and return 1; otherwise return 0.
 */
static inline int run_not_run(int st, char *why, size_t len)
{
	if (st == RUN_NO_CHILD)
		return snprintf(why, len, "fork failed"), 1;
	if (st == RUN_TIMED_OUT)
		return snprintf(why, len, "timed out"), 1;
	return 0;
}

/* run_leak_begin - reap strays, then take the counters before a test. */
static inline void run_leak_begin(struct run_leak *l)
{
	run_reap_strays();
	l->have = read_kstat(&l->before) == 0;
}

/*
 * run_leak_end - reap strays, then compare the counters with before
 * (kstat_leaked). Returns 1 and a description in why[len] for a leak,
 * 0 when nothing leaked or there are no counters.
 */
static inline int run_leak_end(const struct run_leak *l, char *why, size_t len)
{
	run_reap_strays();
	return l->have && kstat_leaked(&l->before, why, len);
}

/* run_result - count one result and print its TAP line; why says what
 * failed (ok == 0) and may be NULL or empty when ok. */
static inline void run_result(struct run_tally *t, int ok, const char *name,
		       const char *why)
{
	t->n++;
	if (ok) {
		t->passed++;
		printf("ok %d - %s\n", t->n, name);
	} else {
		t->failed++;
		printf("not ok %d - %s (%s)\n", t->n, name, why);
	}
	fflush(stdout);
}

/* run_skip - count a test that is not run here: "ok N - name # SKIP why". */
static inline void run_skip(struct run_tally *t, const char *name,
			    const char *why)
{
	t->n++;
	t->skipped++;
	printf("ok %d - %s # SKIP %s\n", t->n, name, why);
	fflush(stdout);
}

/* run_done - print the plan and the counts; main's exit status: 1 if
 * anything failed, else 0. */
static inline int run_done(const struct run_tally *t)
{
	printf("1..%d\n# %d passed, %d failed\n", t->n, t->passed, t->failed);
	fflush(stdout);
	return t->failed ? 1 : 0;
}

#endif
