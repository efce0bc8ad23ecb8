/*
 * kernel/dev/kbd.c - the PS/2 keyboard on IRQ 1.
 *
 * Owns the scancode translation state. The state is touched only by the
 * IRQ 1 handler, which runs with interrupts off; nothing else reads it.
 * The controller is set up by kernel/dev/i8042.c, with translation on,
 * so the bytes are scancode set 1. Bytes go to the console input queue
 * raw (Enter is '\r'); see kernel/dev/kbdmap.c for the translation. The
 * handler hands them on at once (console_input_kick), so a reader wakes
 * from this interrupt, with no timer tick.
 * Reference: OSDev wiki "PS/2 Keyboard", scancode set 1.
 */
#include "kernel.h"
#include "console.h"
#include "i8042.h"
#include "kbd.h"
#include "power.h"
#include "arch/x86/trap.h"

static struct kbd_state kbd_state;
static bool alt_down; /* either Alt (0x38, E0 0x38) held */

#define SC_ALT 0x38
#define SC_DEL 0x53 /* keypad Del, or E0 0x53 Delete */
#define SC_BREAK 0x80

/* Ctrl-Alt-Del (either Ctrl, either Alt, either Delete) goes to
 * power_ctrl_alt_del as on Linux; the keys still go on as bytes. */
static void watch_cad(uint8_t sc)
{
	if ((sc & ~SC_BREAK) == SC_ALT)
		alt_down = !(sc & SC_BREAK);
	else if (sc == SC_DEL && alt_down &&
		 (kbd_state.lctrl || kbd_state.rctrl))
		power_ctrl_alt_del();
}

static void kbd_irq(struct trapframe *tf)
{
	char out[KBD_OUT_MAX];
	int sc = i8042_read_byte();
	int n;

	if (sc < 0)
		return;
	watch_cad((uint8_t)sc);
	n = kbd_translate(&kbd_state, (uint8_t)sc, out);
	for (int i = 0; i < n; i++)
		console_input_push(out[i]);
	console_input_kick();
}

/*
 * kbd_init - set up the 8042 (i8042_init, told what the ACPI FADT says)
 * and, if a keyboard port is there, take IRQ 1. With no controller the
 * boot goes on without a PS/2 keyboard. Call with the PIC set up and
 * interrupts off.
 */
void kbd_init(const struct acpi_tables *acpi)
{
	if (i8042_init(acpi_has_8042(acpi)) == 0)
		irq_register(IRQ_KBD, kbd_irq);
}
