/*
 * fdlist - print the open file descriptors 0..255 on one line ("0 1 2"),
 * found with fcntl(F_GETFD), so a test can see which descriptors survived
 * execve. Exits 0.
 */
#include <fcntl.h>
#include <stdio.h>

int main(void)
{
	const char *sep = "";
	int fd;

	for (fd = 0; fd < 256; fd++) {
		if (fcntl(fd, F_GETFD) < 0)
			continue;
		printf("%s%d", sep, fd);
		sep = " ";
	}
	putchar('\n');
	return 0;
}
