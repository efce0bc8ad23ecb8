/*
 * seq - print integers: "seq LAST", "seq FIRST LAST",
 * "seq FIRST STEP LAST", one a line.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	long first = 1, step = 1, last;

	if (argc < 2 || argc > 4) {
		fputs("usage: seq [FIRST [STEP]] LAST\n", stderr);
		return 2;
	}
	last = atol(argv[argc - 1]);
	if (argc > 2)
		first = atol(argv[1]);
	if (argc == 4)
		step = atol(argv[2]);
	if (step == 0)
		return 1;
	for (long i = first; step > 0 ? i <= last : i >= last; i += step)
		printf("%ld\n", i);
	return 0;
}
