/*
 * tshtest - run the shell-level test scripts and compare what they do
 * with what is expected of them.
 *
 * usage: tshtest [-s SHELL] [-p] [-t SECONDS] [DIR]
 *   DIR        where NAME.tsh, NAME.out and NAME.status live
 *              (default /tests/sh)
 *   -s SHELL   the shell to run each script with (default /bin/tsh)
 *   -p         POSIX shells only: skip scripts whose first line is
 *              "# tsh-only"
 *   -t SECONDS time limit per script (default 60)
 *
 * Each script runs as "SHELL NAME.tsh" in DIR with stdin /dev/null and
 * stdout in a file; it passes when stdout equals NAME.out byte for byte
 * and its exit status equals the number in NAME.status (0 when there is
 * no such file), within the time limit, and - where /dev/kstat exists
 * (Sleight) - the kernel has as many free frames, kmalloc objects and
 * processes after it as before, and no vfork frame left.
 * Prints TAP (runlib.h): "ok N - name", "not ok N - name (why)" with
 * the first differing line as "# " comments, or "ok N - name # SKIP
 * tsh-only" (-p); then the plan "1..N" and "# N passed, N failed";
 * exits 1 if anything failed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runlib.h"

#define MAX_TESTS	256
#define MAX_OUT		(256 * 1024)

static char got[MAX_OUT], want[MAX_OUT];
static char *names[MAX_TESTS];

/* Read a whole file into buf (NUL-terminated); its length or -1. */
static long slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((size_t)len < cap - 1 &&
	       (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

static int tsh_only(const char *name)
{
	char path[300], line[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s.tsh", name);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	return strncmp(line, "# tsh-only", 10) == 0;
}

/* Run one script; its wait status, or RUN_TIMED_OUT or RUN_NO_CHILD. */
static int run(const char *shell, const char *name, const char *outpath,
	       int limit)
{
	char script[300];
	pid_t pid;

	snprintf(script, sizeof(script), "%s.tsh", name);
	pid = fork();
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || out < 0)
			_exit(125);
		dup2(in, 0);
		dup2(out, 1);
		for (int fd = 3; fd < 256; fd++)
			close(fd);
		execl(shell, shell, script, (char *)NULL);
		_exit(126);
	}
	return run_wait(pid, limit);
}

/* Show the first line where got and want differ, as TAP comments. */
static void show_diff(const char *name)
{
	const char *g = got, *w = want;
	int line = 1;

	while (*g && *g == *w) {
		if (*g == '\n')
			line++;
		g++;
		w++;
	}
	while (g > got && g[-1] != '\n')
		g--;
	while (w > want && w[-1] != '\n')
		w--;
	printf("# %s: stdout line %d: got  \"%.*s\"\n", name, line,
	       (int)strcspn(g, "\n"), g);
	printf("# %s: stdout line %d: want \"%.*s\"\n", name, line,
	       (int)strcspn(w, "\n"), w);
}

/* Whether script name passed with wait status st; else why says how it
 * failed. */
static int check(const char *name, int st, const struct run_leak *leak,
		 char *why, size_t wl)
{
	char path[300];
	long gl, wlen;
	int code, wantst = 0;

	if (run_not_run(st, why, wl))
		return 0;
	code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	snprintf(path, sizeof(path), "%s.status", name);
	if (slurp(path, want, sizeof(want)) >= 0)
		wantst = atoi(want);
	snprintf(path, sizeof(path), "%s.out", name);
	wlen = slurp(path, want, sizeof(want));
	if (wlen < 0)
		wlen = 0, want[0] = '\0';
	snprintf(path, sizeof(path), "/tmp/tshtest.%d.out", (int)getpid());
	gl = slurp(path, got, sizeof(got));
	unlink(path);
	if (gl != wlen || memcmp(got, want, gl) != 0) {
		show_diff(name);
		return snprintf(why, wl, "stdout differs%s", code != wantst ?
				", and the status" : ""), 0;
	}
	if (code != wantst)
		return snprintf(why, wl, "status %d, wanted %d", code,
				wantst), 0;
	return !run_leak_end(leak, why, wl);
}

int main(int argc, char **argv)
{
	const char *shell = "/bin/tsh", *dir = "/tests/sh";
	struct run_tally tally = { 0 };
	int opt, posix = 0, limit = 60, n;
	char outpath[64];

	while ((opt = getopt(argc, argv, "s:pt:")) != -1) {
		if (opt == 's')
			shell = optarg;
		else if (opt == 'p')
			posix = 1;
		else if (opt == 't')
			limit = atoi(optarg);
		else
			return 2;
	}
	if (optind < argc)
		dir = argv[optind];
	static char outbuf[BUFSIZ];

	setvbuf(stdout, outbuf, _IOLBF, sizeof(outbuf));
	/* Touch our own buffers now: their first-touch pages must not count
	 * as frames the first script leaked. */
	memset(got, 0, sizeof(got));
	memset(want, 0, sizeof(want));
	n = run_list(dir, "", ".tsh", names, MAX_TESTS);
	if (chdir(dir) < 0)
		return 2;
	snprintf(outpath, sizeof(outpath), "/tmp/tshtest.%d.out",
		 (int)getpid());
	for (int i = 0; i < n; i++) {
		struct run_leak leak;
		char why[256] = "";
		int st;

		if (posix && tsh_only(names[i])) {
			run_skip(&tally, names[i], "tsh-only");
			continue;
		}
		run_leak_begin(&leak);
		st = run(shell, names[i], outpath, limit);
		run_result(&tally, check(names[i], st, &leak, why, sizeof(why)),
			   names[i], why);
	}
	return run_done(&tally);
}
