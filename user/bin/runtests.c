/*
 * runtests - run in-OS test programs one after another and check, around
 * each, that the kernel got back everything the test took.
 *
 * usage: runtests [-t SECONDS] [TEST...]   (default: every /tests/t_*)
 *
 * Its output is TAP (runlib.h): for each test "# Subtest: name", the
 * test's own TAP lines indented by 4 (it runs with TAP_INDENT=4; see
 * user/tests/testlib.h), then "ok N - name" or "not ok N - name (why)";
 * at the end the plan "1..N" and "# N passed, N failed"; exit status 1 if
 * anything failed. A test fails when it exits non-zero, is killed, runs
 * past the time limit, or leaves the kernel with fewer free page frames,
 * more live kmalloc objects or vfork frames, or more processes than
 * before it (read from /dev/kstat). On a system without /dev/kstat (the
 * host Linux) the leak check is skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runlib.h"

#define MAX_TESTS	256

/* Start one test program (its environment has TAP_INDENT); its pid, or
 * -1 when fork fails. */
static pid_t start(const char *path)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Whether wait status st is a pass; else the reason is in why. */
static int exited_ok(int st, char *why, size_t whylen)
{
	if (run_not_run(st, why, whylen))
		return 0;
	if (WIFSIGNALED(st))
		return snprintf(why, whylen, "killed by signal %d",
				WTERMSIG(st)), 0;
	if (WEXITSTATUS(st))
		return snprintf(why, whylen, "exit %d", WEXITSTATUS(st)), 0;
	return 1;
}

int main(int argc, char **argv)
{
	char *names[MAX_TESTS];
	struct run_tally tally = { 0 };
	int n, limit = 60, first = 1;

	if (argc > 2 && strcmp(argv[1], "-t") == 0) {
		limit = atoi(argv[2]);
		first = 3;
	}
	if (argc > first) {
		n = argc - first < MAX_TESTS ? argc - first : MAX_TESTS;
		for (int i = 0; i < n; i++)
			names[i] = argv[first + i];
	} else {
		n = run_list("/tests", "t_", "", names, MAX_TESTS);
	}
	/* stdout's buffer is ours from the start: a buffer malloc'd at the
	 * first printf would count as frames the first test leaked */
	static char outbuf[BUFSIZ];

	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));
	/* The tests' own TAP lines are a subtest of ours: indented. */
	setenv("TAP_INDENT", "4", 1);
	for (int i = 0; i < n; i++) {
		char path[300], why[256] = "";
		const char *base = strrchr(names[i], '/');
		struct run_leak leak;
		int ok, st;

		base = base ? base + 1 : names[i];
		snprintf(path, sizeof(path), "%s%s",
			 names[i][0] == '/' ? "" : "/tests/", names[i]);
		run_leak_begin(&leak);
		printf("# Subtest: %s\n", base);
		st = run_wait(start(path), limit);
		ok = exited_ok(st, why, sizeof(why)) &&
		     !run_leak_end(&leak, why, sizeof(why));
		run_result(&tally, ok, base, why);
	}
	return run_done(&tally);
}
