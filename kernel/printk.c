/*
 * kernel/printk.c - formatted kernel messages to every console.
 *
 * Owns the quiet flag, set once by kmain from the command line's "quiet":
 * when set, pr_info messages are dropped; printk and pr_warn always print.
 * Owns the sink, the console's write function, installed once by kmain
 * before the first message (printk is in the lowest layer, the console
 * drivers above it: docs/layout.md).
 * No lock: each message is formatted on the stack and handed whole to
 * the sink (console_write), which runs with interrupts off, so lines do
 * not mix.
 */
#include "kernel.h"
#include "ktest.h"

bool printk_quiet;
static void (*printk_sink)(const char *s, size_t n);

static void (*printk_flusher)(void);

/* printk_set_sink - see kernel.h. */
void printk_set_sink(void (*write)(const char *s, size_t n))
{
	printk_sink = write;
}

/* printk_set_flush - see kernel.h. */
void printk_set_flush(void (*flush)(void))
{
	printk_flusher = flush;
}

/* printk_flush - see kernel.h. */
void printk_flush(void)
{
	if (printk_flusher)
		printk_flusher();
}

/* Format prefix + fmt into one buffer, cut at PRINTK_BUF - 1 bytes (a
 * cut message ends in "...\n"), and write it; returns the bytes written. */
static int vprintk(const char *prefix, const char *fmt, va_list ap)
{
	char buf[PRINTK_BUF];
	size_t p = strlcpy(buf, prefix, sizeof(buf));
	int n;

	if (p > sizeof(buf) - 1)
		p = sizeof(buf) - 1;
	n = vsnprintf(buf + p, sizeof(buf) - p, fmt, ap);
	if (n > (int)(sizeof(buf) - 1 - p)) {
		/* cut, but end the line: the next message (and tools that read
		 * the log line by line) start afresh */
		n = (int)(sizeof(buf) - 1 - p);
		memcpy(buf + sizeof(buf) - 5, "...\n", 4);
	}
	if (printk_sink)
		printk_sink(buf, p + (size_t)n);
	return (int)p + n;
}

/*
 * printk - format like snprintf (see kernel/lib/vsprintf.c) and write to
 * all consoles, whatever "quiet" says; messages longer than PRINTK_BUF - 1
 * bytes are cut. Returns the number of bytes written.
 */
int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk("", fmt, ap);
	va_end(ap);
	return n;
}

/* pr_info - an informational message (boot progress): like printk, but
 * dropped when the command line says "quiet". Returns the bytes written,
 * 0 when dropped. */
int pr_info(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (printk_quiet)
		return 0;
	va_start(ap, fmt);
	n = vprintk("", fmt, ap);
	va_end(ap);
	return n;
}

/* pr_warn - a warning: always printed, prefixed with "warning: ".
 * Returns the bytes written. */
int pr_warn(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk("warning: ", fmt, ap);
	va_end(ap);
	return n;
}

/*
 * Self-test "quiet" (run with the quiet word on the command line).
 * Bug: with "quiet", boot progress still floods the console, or a warning
 * gets dropped along with it.
 */
static int quiet_test(void)
{
	if (!printk_quiet)
		return 1; /* not booted with "quiet" */
	if (pr_info("quiet: this line must not appear\n") != 0)
		return 2;
	if (pr_warn("quiet: warnings still print\n") == 0)
		return 3;
	return 0;
}
KTEST(quiet, quiet_test);
