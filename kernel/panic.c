/*
 * kernel/panic.c - stop the kernel when one of its invariants is broken.
 *
 * Owns the "already panicking" flag, so a fault inside panic (say, while
 * walking a corrupt stack) cannot loop: the second entry halts at once.
 * Output goes to every console (serial and screen) through printk.
 */
#include "kernel.h"
#include "halt.h"
#include "arch/x86/backtrace.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

static bool panicking;

/* Interrupts off, and a nested panic halts without printing more. */
static void panic_enter(void)
{
	cli();
	if (panicking)
		kernel_halt(HALT_STATUS_PANIC);
	panicking = true;
}

static void print_message(const char *fmt, va_list ap)
{
	char buf[PRINTK_BUF];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	printk("\nKERNEL PANIC: %s\n", buf);
}

/* panic - print "KERNEL PANIC: <message>" and a backtrace starting at the
 * caller, then halt with status HALT_STATUS_PANIC. Never returns. */
void panic(const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	backtrace_here();
	kernel_halt(HALT_STATUS_PANIC);
}

/* panic_trap - see trap.h: the message, then the trap's registers and a
 * backtrace from the faulting instruction. Never returns. */
void panic_trap(const struct trapframe *tf, const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	va_start(ap, fmt);
	print_message(fmt, ap);
	va_end(ap);
	trap_dump(tf);
	kernel_halt(HALT_STATUS_PANIC);
}
