/*
 * yes_helper - write "y\n" to standard output until a write fails, then
 * exit 1. With SIGPIPE at its default a closed reader kills it instead:
 * that is what the pipeline tests look for.
 */
#include <unistd.h>

#define YES_CHUNK 4096

int main(void)
{
	char buf[YES_CHUNK];
	int i;

	for (i = 0; i < YES_CHUNK; i += 2) {
		buf[i] = 'y';
		buf[i + 1] = '\n';
	}
	for (;;)
		if (write(1, buf, sizeof(buf)) < 0)
			return 1;
}
