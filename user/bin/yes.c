/*
 * yes - write "y" (or the arguments joined by spaces) and a newline
 * forever; ends when its output goes away (SIGPIPE, or EPIPE: exit 1).
 */
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[4096];
	size_t n = 0, len;

	do {
		for (int i = 1; i < argc || (argc == 1 && i == 1); i++) {
			const char *w = argc == 1 ? "y" : argv[i];

			len = strlen(w);
			if (n + len + 1 >= sizeof(buf) / 2)
				break;
			memcpy(buf + n, w, len);
			n += len;
			buf[n++] = i + 1 < argc ? ' ' : '\n';
		}
	} while (n < sizeof(buf) / 4);
	for (;;)
		if (write(1, buf, n) < 0)
			return 1;
}
