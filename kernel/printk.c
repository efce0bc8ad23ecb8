/*
 * kernel/printk.c - formatted kernel messages to every console.
 *
 * Owns the quiet flag. No lock: the message is formatted on the stack and
 * handed whole to console_write, which runs with interrupts off.
 */
#include "kernel.h"
#include "console.h"

bool printk_quiet;

/*
 * printk - format like snprintf (see kernel/lib/vsprintf.c) and write to
 * all consoles; messages longer than PRINTK_BUF - 1 bytes are cut.
 * Returns the number of bytes written.
 */
int printk(const char *fmt, ...)
{
	char buf[PRINTK_BUF];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	console_write(buf, (size_t)n);
	return n;
}
