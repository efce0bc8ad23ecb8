/*
 * echo - print the arguments separated by spaces, then a newline
 * (none with a first argument "-n"). The same as tsh's builtin.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int i = 1, nl = 1;

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		nl = 0;
		i++;
	}
	for (; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	if (nl)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
