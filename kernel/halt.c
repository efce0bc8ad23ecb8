/*
 * kernel/halt.c - stop the machine with an exit status.
 *
 * Owns the exit_on_halt switch. With exit_on_halt, the status byte is
 * written to QEMU's isa-debug-exit device (port 0xf4; QEMU exits with
 * (status << 1) | 1). Either way the final line on the console is
 * "sleight: halt status=N", which tools/osrun reads, and the CPU then
 * stops with interrupts off. ACPI power-off and reset are
 * kernel/dev/power.c's.
 */
#include "kernel.h"
#include "halt.h"
#include "arch/x86/io.h"

#define DEBUG_EXIT_PORT 0xf4

static bool exit_on_halt;

void halt_set_exit_on_halt(bool on)
{
	exit_on_halt = on;
}

/* halt_exit_on_halt - was exit_on_halt given (QEMU told the status)? */
bool halt_exit_on_halt(void)
{
	return exit_on_halt;
}

/* kernel_halt - print the status line, tell QEMU if asked, and stop.
 * status is 0..255; it does not return. */
void kernel_halt(int status)
{
	cli();
	printk("sleight: halt status=%d\n", status & 0xff);
	printk_flush(); /* the screen may draw a tick late */
	if (exit_on_halt)
		outb(DEBUG_EXIT_PORT, (uint8_t)status);
	for (;;)
		hlt();
}
