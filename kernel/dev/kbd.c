/*
 * kernel/dev/kbd.c - the PS/2 keyboard on IRQ 1.
 *
 * Owns the 8042 controller's data and status ports (0x60, 0x64) and the
 * scancode translation state. The state is touched only by the IRQ 1
 * handler, which runs with interrupts off; nothing else reads it.
 * Assumes the 8042 translates the keyboard's codes to set 1, as PC
 * firmware leaves it. Bytes go to the console input queue raw (Enter is
 * '\r'); see kernel/dev/kbdmap.c for the translation.
 * Reference: OSDev wiki "8042 PS/2 Controller", "PS/2 Keyboard".
 */
#include "kernel.h"
#include "console.h"
#include "kbd.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define KBD_DATA 0x60
#define KBD_STATUS 0x64
#define STATUS_OUT_FULL 0x01 /* a byte waits in the data port */
#define KBD_FLUSH_MAX 64     /* bytes drained at init, at most */

static struct kbd_state kbd_state;

static void kbd_irq(struct trapframe *tf)
{
	char out[KBD_OUT_MAX];
	int n;

	if (!(inb(KBD_STATUS) & STATUS_OUT_FULL))
		return;
	n = kbd_translate(&kbd_state, inb(KBD_DATA), out);
	for (int i = 0; i < n; i++)
		console_input_push(out[i]);
	console_input_kick();
}

/* kbd_init - drop any stale bytes the firmware left in the controller,
 * then take IRQ 1. Call with the PIC set up. */
void kbd_init(void)
{
	for (int i = 0; i < KBD_FLUSH_MAX; i++) {
		if (!(inb(KBD_STATUS) & STATUS_OUT_FULL))
			break;
		(void)inb(KBD_DATA);
	}
	irq_register(IRQ_KBD, kbd_irq);
}
