/*
 * screenbench - how fast the consoles take text: run "/bin/seq 1 N"
 * with its output on the console (the tty, so every sink draws it) and
 * print the wall time it took, by CLOCK_MONOTONIC, as
 * "screenbench: N lines in MS ms (LPS lines/s)". For tools/bench-screen.sh
 * and docs/benchmarks.md ("The screen").
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *n = argc > 1 ? argv[1] : "100000";
	char *args[] = {"/bin/seq", "1", (char *)n, NULL};
	double t0 = now_ms(), ms;
	pid_t pid;
	int status;

	if (posix_spawn(&pid, args[0], NULL, NULL, args, environ) ||
	    waitpid(pid, &status, 0) != pid || status != 0) {
		fprintf(stderr, "screenbench: seq failed\n");
		return 1;
	}
	ms = now_ms() - t0;
	printf("screenbench: %s lines in %.0f ms (%.0f lines/s)\n", n, ms,
	       atof(n) / (ms / 1e3));
	return 0;
}
