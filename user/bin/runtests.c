/*
 * runtests - run in-OS test programs one after another and check, around
 * each, that the kernel got back everything the test took.
 *
 * usage: runtests [-t SECONDS] [TEST...]   (default: every /tests/t_*)
 *
 * For each test it prints "== name", the test's own output, then
 * "== PASS name" or "== FAIL name (why)"; at the end "N passed, N failed"; exit status 1 if
 * anything failed. A test fails when it exits non-zero, is killed, runs
 * past the time limit, or leaves the kernel with fewer free page frames,
 * more live kmalloc objects or vfork frames, or more processes than
 * before it (read from /dev/kstat). On a system without /dev/kstat (the
 * host Linux) the leak check is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kstat.h"

#define MAX_TESTS	256

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_tests(char **names)
{
	DIR *d = opendir("/tests");
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && n < MAX_TESTS)
		if (strncmp(e->d_name, "t_", 2) == 0)
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	return n;
}

/* Run one test with a deadline; returns its wait status, or -1. */
static int run_one(const char *path, int limit_s)
{
	struct timespec t0, t;
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return st;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= limit_s) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -2;
		}
		usleep(10000);
	}
}

/* Reap anything the test orphaned onto us (we are often pid 1's child). */
static void reap_strays(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int check(int st, const struct kstat *before,
		 int have_kstat, char *why, size_t whylen)
{
	if (st == -2)
		return snprintf(why, whylen, "timed out"), 0;
	if (st == -1)
		return snprintf(why, whylen, "fork failed"), 0;
	if (WIFSIGNALED(st))
		return snprintf(why, whylen, "killed by signal %d",
				WTERMSIG(st)), 0;
	if (WEXITSTATUS(st))
		return snprintf(why, whylen, "exit %d", WEXITSTATUS(st)), 0;
	return !(have_kstat && kstat_leaked(before, why, whylen));
}

int main(int argc, char **argv)
{
	char *names[MAX_TESTS];
	int n, passed = 0, failed = 0, limit = 60, first = 1;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		limit = atoi(argv[2]);
		first = 3;
	}
	if (argc > first) {
		n = argc - first;
		for (int i = 0; i < n && i < MAX_TESTS; i++)
			names[i] = argv[first + i];
	} else {
		n = list_tests(names);
	}
	/* stdout's buffer is ours from the start: a buffer malloc'd at the
	 * first printf would count as frames the first test leaked */
	static char outbuf[BUFSIZ];

	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));
	for (int i = 0; i < n; i++) {
		char path[300], why[256] = "";
		const char *base = strrchr(names[i], '/');
		struct kstat before;
		int have, st;

		base = base ? base + 1 : names[i];
		snprintf(path, sizeof(path), "%s%s",
			 names[i][0] == '/' ? "" : "/tests/", names[i]);
		reap_strays();
		have = read_kstat(&before) == 0;
		printf("== %s\n", base);
		st = run_one(path, limit);
		reap_strays();
		if (check(st, &before, have, why, sizeof(why))) {
			passed++;
			printf("== PASS %s\n", base);
		} else {
			failed++;
			printf("== FAIL %s (%s)\n", base, why);
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
