/*
 * Host tests for kernel/dev/kbdmap.c: PS/2 scancode set 1 to bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kbd.h"

#define BRK(sc)	((uint8_t)((sc) | 0x80))

enum {
	K_ESC = 0x01, K_1 = 0x02, K_BKSP = 0x0E, K_TAB = 0x0F, K_Q = 0x10,
	K_A = 0x1E, K_C = 0x2E, K_Z = 0x2C, K_M = 0x32, K_ENTER = 0x1C,
	K_LCTRL = 0x1D, K_LSHIFT = 0x2A, K_RSHIFT = 0x36, K_ALT = 0x38,
	K_SPACE = 0x39, K_CAPS = 0x3A, K_F1 = 0x3B, K_LBRACKET = 0x1A,
	K_SLASH = 0x35, K_BACKSLASH = 0x2B, K_QUOTE = 0x28,
};

/* Feed a sequence of scancodes; collect every byte produced. */
static const char *feed(struct kbd_state *st, const uint8_t *sc, size_t n)
{
	static char buf[64];
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		char out[KBD_OUT_MAX];
		int k = kbd_translate(st, sc[i], out);

		assert_true(k >= 0 && k <= KBD_OUT_MAX);
		memcpy(buf + len, out, (size_t)k);
		len += (size_t)k;
	}
	buf[len] = '\0';
	return buf;
}

#define FEED(st, ...)							\
	feed(st, (const uint8_t[]){ __VA_ARGS__ },			\
	     sizeof((const uint8_t[]){ __VA_ARGS__ }))

static void test_plain_keys_and_break_codes_silent(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_Q, BRK(K_Q), K_A, BRK(K_A), K_Z,
				 BRK(K_Z), K_M, BRK(K_M), K_1, BRK(K_1)),
			    "qazm1");
	assert_string_equal(FEED(&st, K_SPACE, K_SLASH, K_BACKSLASH, K_QUOTE),
			    " /\\'");
	assert_string_equal(FEED(&st, K_ENTER, K_BKSP, K_TAB, K_ESC),
			    "\r\x7f\t\x1b");
}

static void test_shift_press_and_release(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_LSHIFT, K_A, K_1, K_SLASH,
				 BRK(K_LSHIFT), K_A), "A!?a");
	assert_string_equal(FEED(&st, K_RSHIFT, K_Q, BRK(K_RSHIFT), K_Q),
			    "Qq");
}

static void test_two_shifts_one_released_still_shifted(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_LSHIFT, K_RSHIFT, BRK(K_LSHIFT),
				 K_A, BRK(K_RSHIFT), K_A), "Aa");
}

static void test_caps_lock_toggles_letters_only(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_CAPS, BRK(K_CAPS), K_A, K_1), "A1");
	/* shift inverts caps for letters, and still shifts digits */
	assert_string_equal(FEED(&st, K_LSHIFT, K_A, K_1, BRK(K_LSHIFT)),
			    "a!");
	assert_string_equal(FEED(&st, K_CAPS, BRK(K_CAPS), K_A), "a");
}

static void test_caps_held_with_autorepeat_toggles_once(void **state)
{
	struct kbd_state st = { 0 };

	/* typematic repeat sends the make code again while the key is held */
	assert_string_equal(FEED(&st, K_CAPS, K_CAPS, K_CAPS, BRK(K_CAPS),
				 K_A), "A");
}

static void test_ctrl_letters_give_control_codes(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_LCTRL, K_C, K_A, K_Z, BRK(K_LCTRL),
				 K_C), "\x03\x01\x1a" "c");
	/* ctrl+shift+letter is the same control code */
	assert_string_equal(FEED(&st, K_LCTRL, K_LSHIFT, K_C), "\x03");
	st = (struct kbd_state){ 0 };
	assert_string_equal(FEED(&st, K_LCTRL, K_LBRACKET, K_1), "\x1b");
	/* right ctrl is E0 1D */
	st = (struct kbd_state){ 0 };
	assert_string_equal(FEED(&st, 0xE0, K_LCTRL, K_C, 0xE0,
				 BRK(K_LCTRL), K_C), "\x03" "c");
}

static void test_arrows_are_ansi_sequences(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, 0xE0, 0x48, 0xE0, BRK(0x48)), "\x1b[A");
	assert_string_equal(FEED(&st, 0xE0, 0x50, 0xE0, 0x4D, 0xE0, 0x4B),
			    "\x1b[B\x1b[C\x1b[D");
	assert_string_equal(FEED(&st, 0xE0, 0x53), "\x1b[3~");
	/* keypad 8 without E0 is not an arrow (num lock handling: none) */
	assert_string_equal(FEED(&st, 0x48), "");
}

static void test_e0_fake_shift_does_not_stick(void **state)
{
	struct kbd_state st = { 0 };

	/* Print Screen: E0 2A E0 37; release E0 B7 E0 AA */
	assert_string_equal(FEED(&st, 0xE0, 0x2A, 0xE0, 0x37, 0xE0, 0xB7,
				 0xE0, 0xAA, K_A), "a");
	/* E0 2A while real shift is held does not release it either */
	assert_string_equal(FEED(&st, K_LSHIFT, 0xE0, BRK(K_LSHIFT), K_A),
			    "A");
}

static void test_pause_sequence_swallowed(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, 0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5,
				 K_Q), "q");
	assert_false(st.lctrl);
}

static void test_function_and_alt_keys_silent(void **state)
{
	struct kbd_state st = { 0 };

	assert_string_equal(FEED(&st, K_F1, BRK(K_F1), K_ALT, BRK(K_ALT),
				 0x58, 0xFA, K_Q), "q");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_keys_and_break_codes_silent),
		cmocka_unit_test(test_shift_press_and_release),
		cmocka_unit_test(test_two_shifts_one_released_still_shifted),
		cmocka_unit_test(test_caps_lock_toggles_letters_only),
		cmocka_unit_test(test_caps_held_with_autorepeat_toggles_once),
		cmocka_unit_test(test_ctrl_letters_give_control_codes),
		cmocka_unit_test(test_arrows_are_ansi_sequences),
		cmocka_unit_test(test_e0_fake_shift_does_not_stick),
		cmocka_unit_test(test_pause_sequence_swallowed),
		cmocka_unit_test(test_function_and_alt_keys_silent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
