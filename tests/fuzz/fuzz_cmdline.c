/*
 * fuzz_cmdline.c - libFuzzer harness for the kernel command-line parser
 * (kernel/lib/cmdline.c: cmdline_parse).
 *
 * The input, NUL-terminated, is the line the boot loader hands over, in
 * a heap block of exactly its size. The parse must leave init and ktest
 * NUL-terminated inside their arrays, a known console, and report each
 * unknown word as a non-empty, blank-free range inside the line
 * (checked here; a violation aborts). No state between runs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

static const char *line_lo, *line_hi;

static void unknown(const char *w, size_t n)
{
	if (n == 0 || w < line_lo || w + n > line_hi)
		abort();
	if (memchr(w, ' ', n) || memchr(w, '\t', n) || memchr(w, '\0', n))
		abort();
}

/* One run: parse the input as a command line; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	struct kcmdline kc;

	memcpy(line, data, size);
	line[size] = '\0';
	line_lo = line;
	line_hi = line + size;
	if (cmdline_parse(&kc, line, unknown) < 0)
		abort();
	if (kc.console > CONSOLE_VGA ||
	    !memchr(kc.init, '\0', sizeof(kc.init)) ||
	    !memchr(kc.ktest, '\0', sizeof(kc.ktest)))
		abort();
	free(line);
	return 0;
}
