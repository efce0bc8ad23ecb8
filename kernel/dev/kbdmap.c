/*
 * kernel/dev/kbdmap.c - PS/2 scancode set 1 to bytes.
 *
 * Pure code; the only state is the caller's struct kbd_state, so it is
 * host-tested. Layout: US QWERTY. Output follows what a terminal sends:
 * Enter is '\r', Backspace is DEL (0x7f), ctrl+letter is 0x01..0x1a, and
 * the cursor keys are ANSI escape sequences (ESC [ A etc.).
 * Reference: OSDev wiki "PS/2 Keyboard", scan code set 1; IBM PC AT
 * technical reference. A break (release) code is the make code | 0x80;
 * 0xE0 prefixes the extended keys; 0xE1 starts the 6-byte Pause sequence.
 */
#include "kernel.h"
#include "kbd.h"

#define SC_BREAK 0x80
#define SC_E0 0xE0
#define SC_E1 0xE1
#define SC_LCTRL 0x1D
#define SC_LSHIFT 0x2A
#define SC_RSHIFT 0x36
#define SC_CAPS 0x3A
#define E1_SEQ_REST 5 /* Pause: E1, then 1D 45 E1 9D C5 */

/* Make codes 0x00..0x39 without and with shift; 0 is "no character". */
static const char plain[0x3A] = {
	0,   0x1b, '1',	 '2',  '3',  '4', '5', '6',  '7', '8', '9', '0',
	'-', '=',  0x7f, '\t', 'q',  'w', 'e', 'r',  't', 'y', 'u', 'i',
	'o', 'p',  '[',	 ']',  '\r', 0,	  'a', 's',  'd', 'f', 'g', 'h',
	'j', 'k',  'l',	 ';',  '\'', '`', 0,   '\\', 'z', 'x', 'c', 'v',
	'b', 'n',  'm',	 ',',  '.',  '/', 0,   '*',  0,	  ' ',
};

static const char shifted[0x3A] = {
	0,   0x1b, '!',	 '@',  '#',  '$', '%', '^', '&', '*', '(', ')',
	'_', '+',  0x7f, '\t', 'Q',  'W', 'E', 'R', 'T', 'Y', 'U', 'I',
	'O', 'P',  '{',	 '}',  '\r', 0,	  'A', 'S', 'D', 'F', 'G', 'H',
	'J', 'K',  'L',	 ':',  '"',  '~', 0,   '|', 'Z', 'X', 'C', 'V',
	'B', 'N',  'M',	 '<',  '>',  '?', 0,   '*', 0,	 ' ',
};

/* Extended (0xE0-prefixed) keys that produce bytes: the final byte of
 * their escape sequence, or the byte itself. */
struct ext_key {
	uint8_t code;
	const char *seq;
};

static const struct ext_key ext_keys[] = {
	{0x48, "\x1b[A"},  /* up */
	{0x50, "\x1b[B"},  /* down */
	{0x4D, "\x1b[C"},  /* right */
	{0x4B, "\x1b[D"},  /* left */
	{0x47, "\x1b[H"},  /* home */
	{0x4F, "\x1b[F"},  /* end */
	{0x53, "\x1b[3~"}, /* delete */
	{0x1C, "\r"},	   /* keypad enter */
	{0x35, "/"},	   /* keypad slash */
};

static bool is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int put_seq(const char *seq, char out[KBD_OUT_MAX])
{
	int n = 0;

	while (seq[n] && n < KBD_OUT_MAX) {
		out[n] = seq[n];
		n++;
	}
	return n;
}

/* A byte after 0xE0: right ctrl, the cursor block, keypad enter/slash.
 * Fake shifts (E0 2A, E0 AA, sent around PrtSc and others) are dropped. */
static int extended(struct kbd_state *st, uint8_t sc, char out[KBD_OUT_MAX])
{
	bool brk = sc & SC_BREAK;
	uint8_t code = sc & ~SC_BREAK;

	if (code == SC_LCTRL) {
		st->rctrl = !brk;
		return 0;
	}
	if (brk)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(ext_keys); i++)
		if (ext_keys[i].code == code)
			return put_seq(ext_keys[i].seq, out);
	return 0;
}

/* Track a modifier; returns true when sc was one. */
static bool modifier(struct kbd_state *st, uint8_t sc)
{
	bool down = !(sc & SC_BREAK);

	switch (sc & ~SC_BREAK) {
	case SC_LSHIFT:
		st->lshift = down;
		return true;
	case SC_RSHIFT:
		st->rshift = down;
		return true;
	case SC_LCTRL:
		st->lctrl = down;
		return true;
	case SC_CAPS:
		if (down && !st->caps_down)
			st->caps = !st->caps;
		st->caps_down = down;
		return true;
	}
	return false;
}

/* The byte for a make code, with shift, caps lock and ctrl applied. */
static int character(const struct kbd_state *st, uint8_t sc,
		     char out[KBD_OUT_MAX])
{
	bool shift = st->lshift || st->rshift;
	char c;

	if (sc >= sizeof(plain) || !plain[sc])
		return 0;
	c = shift ? shifted[sc] : plain[sc];
	if (is_letter(c) && st->caps)
		c = shift ? plain[sc] : shifted[sc];
	if (st->lctrl || st->rctrl) {
		if (!is_letter(c) && c != '[' && c != '\\' && c != ']')
			return 0;
		c &= 0x1f;
	}
	out[0] = c;
	return 1;
}

/*
 * kbd_translate - feed one scancode byte (set 1) to the state machine.
 * Writes the bytes the key produces to out (at most KBD_OUT_MAX) and
 * returns how many: 0 for releases, modifiers, prefixes and keys with no
 * character (F1, alt, the numeric keypad, ...).
 */
int kbd_translate(struct kbd_state *st, uint8_t sc, char out[KBD_OUT_MAX])
{
	if (st->skip) {
		st->skip--;
		return 0;
	}
	if (sc == SC_E1) {
		st->skip = E1_SEQ_REST;
		return 0;
	}
	if (sc == SC_E0) {
		st->e0 = true;
		return 0;
	}
	if (st->e0) {
		st->e0 = false;
		return extended(st, sc, out);
	}
	if (modifier(st, sc) || (sc & SC_BREAK))
		return 0;
	return character(st, sc, out);
}
