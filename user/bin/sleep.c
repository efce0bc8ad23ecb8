/*
 * sleep - pause for SECONDS (a decimal fraction is allowed: "0.2").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	double s;

	if (argc != 2) {
		fputs("usage: sleep SECONDS\n", stderr);
		return 2;
	}
	s = strtod(argv[1], NULL);
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}
