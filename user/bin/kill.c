/*
 * kill - send a signal (default SIGTERM; "-9", "-KILL" or "-s KILL")
 * to each PID. Exits 1 if any kill failed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *names[] = {
	"", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
	"KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", NULL
};

static int signum(const char *s)
{
	if (*s >= '0' && *s <= '9')
		return atoi(s);
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (int i = 1; names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, st = 0;

	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signum(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-') {
		sig = signum(argv[1] + 1);
		i = 2;
	}
	if (sig < 0 || i >= argc) {
		fputs("usage: kill [-s SIG | -SIG] PID...\n", stderr);
		return 2;
	}
	for (; i < argc; i++) {
		if (kill(atoi(argv[i]), sig) < 0) {
			perror(argv[i]);
			st = 1;
		}
	}
	return st;
}
