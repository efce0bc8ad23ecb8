/*
 * mkdir - make directories (-p: parents too, no error if existing).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int make(char *path, int parents)
{
	if (parents) {
		for (char *p = path + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(path, 0777) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	}
	if (mkdir(path, 0777) < 0 && !(parents && errno == EEXIST))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int parents = 0, st = 0, i = 1;

	if (i < argc && !strcmp(argv[i], "-p")) {
		parents = 1;
		i++;
	}
	for (; i < argc; i++) {
		if (make(argv[i], parents) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i],
				strerror(errno));
			st = 1;
		}
	}
	return st;
}
