/*
 * exit_with STATUS [MS] - sleep MS milliseconds (default none), then exit
 * with STATUS (0..255).
 */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	long ms;

	if (argc < 2)
		return 2;
	if (argc > 2) {
		ms = atol(argv[2]);
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (ms % 1000) * 1000000L;
		while (nanosleep(&ts, &ts) != 0)
			;
	}
	return atoi(argv[1]);
}
