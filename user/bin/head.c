/*
 * head - print the first lines (-n N, default 10) or bytes (-c N) of
 * stdin or one FILE, then exit at once (a writer into our pipe then
 * gets SIGPIPE).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[8192];
	long n = 10, bytes = 0;
	int fd = 0, i = 1;
	ssize_t r;

	if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' &&
	    argv[i][1] <= '9')
		n = atol(argv[i++] + 1);	/* the old "head -5" */
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "-n"))
			n = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "-c"))
			n = atol(argv[i + 1]), bytes = 1;
		else
			break;
	}
	if (i < argc && (fd = open(argv[i], O_RDONLY)) < 0) {
		perror(argv[i]);
		return 1;
	}
	while (n > 0 && (r = read(fd, buf, bytes && n < (long)sizeof(buf) ?
				  (size_t)n : sizeof(buf))) > 0) {
		ssize_t take = 0;

		if (bytes) {
			take = r;
			n -= r;
		} else {
			while (take < r && n > 0)
				if (buf[take++] == '\n')
					n--;
		}
		if (write(1, buf, take) != take)
			return 1;
	}
	return 0;
}
