/*
 * wc - count lines, words and bytes of stdin or FILEs. -l, -w, -c select
 * columns; with one column and stdin, just the number is printed.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long total[3];

static int count(int fd, long c[3])
{
	static char buf[8192];
	ssize_t n;
	int inword = 0;

	c[0] = c[1] = c[2] = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c[2] += n;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c[0]++;
			if (isspace((unsigned char)buf[i])) {
				inword = 0;
			} else if (!inword) {
				inword = 1;
				c[1]++;
			}
		}
	}
	return n < 0;
}

static void show(const int sel[3], long c[3], const char *name)
{
	const char *sep = "";

	for (int k = 0; k < 3; k++) {
		if (!sel[k])
			continue;
		printf(name || (sel[0] + sel[1] + sel[2]) > 1 ? "%s%7ld" :
		       "%s%ld", sep, c[k]);
		sep = " ";
	}
	printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
	int sel[3] = { 0, 0, 0 }, i = 1, st = 0, files;
	long c[3];

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++)
			sel[*o == 'l' ? 0 : *o == 'w' ? 1 : 2] = 1;
	if (!sel[0] && !sel[1] && !sel[2])
		sel[0] = sel[1] = sel[2] = 1;
	files = argc - i;
	if (files == 0) {
		st = count(0, c);
		show(sel, c, NULL);
		return st;
	}
	for (; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			perror(argv[i]);
			st = 1;
			continue;
		}
		st |= count(fd, c);
		close(fd);
		show(sel, c, argv[i]);
		for (int k = 0; k < 3; k++)
			total[k] += c[k];
	}
	if (files > 1)
		show(sel, total, "total");
	return st;
}
