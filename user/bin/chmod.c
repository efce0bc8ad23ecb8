/*
 * chmod - set the mode of each FILE to an octal MODE ("chmod 755 f").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	char *end;
	long mode;
	int st = 0;

	if (argc < 3) {
		fputs("usage: chmod OCTAL-MODE FILE...\n", stderr);
		return 2;
	}
	mode = strtol(argv[1], &end, 8);
	if (*end || mode < 0 || mode > 07777) {
		fprintf(stderr, "chmod: bad mode %s\n", argv[1]);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (chmod(argv[i], mode) < 0) {
			fprintf(stderr, "chmod: %s: %s\n", argv[i],
				strerror(errno));
			st = 1;
		}
	}
	return st;
}
