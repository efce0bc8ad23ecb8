/*
 * kernel/panic.c - stop the kernel when one of its invariants is broken.
 *
 * Owns the "already panicking" flag, so a fault inside panic cannot loop.
 * Output goes to every console (serial and screen).
 */
#include "kernel.h"
#include "halt.h"
#include "arch/x86/io.h"

static bool panicking;

/* panic - print "KERNEL PANIC: <message>" and halt with status
 * HALT_STATUS_PANIC. Never returns. */
void panic(const char *fmt, ...)
{
	char buf[PRINTK_BUF];
	va_list ap;

	cli();
	if (panicking)
		kernel_halt(HALT_STATUS_PANIC);
	panicking = true;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk("\nKERNEL PANIC: %s\n", buf);
	kernel_halt(HALT_STATUS_PANIC);
}
