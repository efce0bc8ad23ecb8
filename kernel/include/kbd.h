/*
 * kbd.h - PS/2 keyboard scancode (set 1) to byte translation.
 *
 * kbd_translate is a pure state machine, fed one scancode byte at a time
 * by the IRQ 1 handler (kernel/dev/kbd.c) and by the host tests.
 */
#ifndef SLEIGHT_KBD_H
#define SLEIGHT_KBD_H

#include <stdbool.h>
#include <stdint.h>

#define KBD_OUT_MAX 4 /* most bytes one scancode produces */

struct kbd_state {
	bool lshift, rshift; /* shift keys held */
	bool lctrl, rctrl;   /* control keys held */
	bool caps;	     /* caps lock on */
	bool caps_down;	     /* caps key held: typematic repeat
				is not a second press */
	bool e0;	     /* the last byte was the 0xE0 prefix */
	uint8_t skip;	     /* bytes of a Pause (0xE1) sequence
				still to drop */
};

int kbd_translate(struct kbd_state *st, uint8_t sc, char out[KBD_OUT_MAX]);

#endif
