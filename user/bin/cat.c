/*
 * cat - copy each FILE (or stdin, or "-") to stdout. Exits 1 if a file
 * could not be read, 0 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
	static char buf[8192];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
			return 1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(1, buf + off, n - off);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				fprintf(stderr, "cat: write: %s\n",
					strerror(errno));
				return 1;
			}
			off += w;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		return copy(0, "stdin");
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;

		if (fd < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i],
				strerror(errno));
			st = 1;
			continue;
		}
		st |= copy(fd, argv[i]);
		if (fd)
			close(fd);
	}
	return st;
}
