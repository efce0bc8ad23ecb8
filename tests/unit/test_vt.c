/*
 * Host tests for kernel/dev/vt.c, the terminal emulator of the screen
 * consoles: each control, escape and control sequence it claims
 * (console_codes(4), ECMA-48), and malformed, overlong and random input,
 * which must never leave the grid or break the invariants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vt.h"

#define COLS 20
#define ROWS 6

static struct vt_cell cells[COLS * ROWS + 1]; /* +1: a guard cell */
static uint8_t dirty[ROWS + 1];
static struct vt vt;
static char answer[64];

static void respond(const char *s, size_t n)
{
	size_t len = strlen(answer);

	if (len + n < sizeof(answer))
		memcpy(answer + len, s, n + 0), answer[len + n] = '\0';
}

static int setup(void **state)
{
	memset(&vt, 0, sizeof(vt));
	vt.respond = respond;
	answer[0] = '\0';
	cells[COLS * ROWS] = (struct vt_cell){.ch = 0xBEEF};
	dirty[ROWS] = 0x5a;
	vt_init(&vt, cells, dirty, COLS, ROWS);
	return 0;
}

static void w(const char *s)
{
	vt_write(&vt, s, strlen(s), false);
}

/* Row r as UTF-8-free text (code points above 0x7e as '#'), trailing
 * blanks removed. */
static const char *row(unsigned r)
{
	static char buf[COLS + 1];
	int n = COLS;

	for (int i = 0; i < COLS; i++) {
		uint16_t c = vt_at(&vt, i, r)->ch;

		buf[i] = c < 0x7f ? (char)c : '#';
	}
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

static uint8_t attr(unsigned x, unsigned y)
{
	return vt_at(&vt, x, y)->attr;
}

static void at(unsigned x, unsigned y)
{
	assert_int_equal(vt.pen.x, x);
	assert_int_equal(vt.pen.y, y);
}

static void test_text_cr_lf_crlf(void **state)
{
	w("ab\rc\nd");
	assert_string_equal(row(0), "cb");
	assert_string_equal(row(1), " d"); /* LF keeps the column */
	vt_write(&vt, "\ne", 2, true);	   /* kernel messages: CR too */
	assert_string_equal(row(2), "e");
	assert_int_equal(attr(0, 0), VT_ATTR(7, 0));
}

static void test_backspace_tab_bell(void **state)
{
	w("\bx\b\by");
	assert_string_equal(row(0), "y");
	w("\r\tT");
	at(9, 0);
	w("\t\t\t\t");
	at(COLS - 1, 0); /* tab stops at the last column, no wrap */
	w("\a\a");
	assert_int_equal(vt.bells, 2);
	at(COLS - 1, 0);
}

static void test_autowrap_is_deferred(void **state)
{
	w("01234567890123456789");
	at(COLS - 1, 0);
	assert_true(vt.wrap_pending);
	w("\r\n"); /* exactly one line: no blank line after a full row */
	at(0, 1);
	w("01234567890123456789X");
	assert_string_equal(row(2), "X");
}

static void test_scroll_at_bottom_counts_and_moves_dirty(void **state)
{
	memset(dirty, 0, ROWS);
	for (int i = 0; i < ROWS; i++) {
		char s[8] = {(char)('a' + i), '\r', '\n', 0};

		w(s);
	}
	assert_string_equal(row(0), "b");
	assert_string_equal(row(ROWS - 2), "f");
	assert_string_equal(row(ROWS - 1), "");
	assert_int_equal(vt.scrolled, 1);
	for (int r = 0; r < ROWS; r++)
		assert_int_equal(dirty[r], 1);
	assert_int_equal(dirty[ROWS], 0x5a);
	assert_int_equal(cells[COLS * ROWS].ch, 0xBEEF);
	for (int i = 0; i < 3 * ROWS; i++)
		w("\n");
	assert_int_equal(vt.scrolled, ROWS); /* capped */
}

static void test_cursor_motion_abcd_clamped(void **state)
{
	w("\033[3;4H");
	at(3, 2);
	w("\033[A");
	at(3, 1);
	w("\033[2B");
	at(3, 3);
	w("\033[5C");
	at(8, 3);
	w("\033[D\033[0D");
	at(6, 3);
	w("\033[99A\033[99D");
	at(0, 0);
	w("\033[99B\033[99C");
	at(COLS - 1, ROWS - 1);
	w("\033[2E");
	at(0, ROWS - 1);
	w("\033[3F\033[5G\033[2d");
	at(4, 1);
}

static void test_cursor_position_h_and_f(void **state)
{
	w("\033[2;3fX\033[HY\033[;5HZ\033[4HW");
	assert_string_equal(row(0), "Y   Z");
	assert_string_equal(row(1), "  X");
	assert_string_equal(row(3), "W");
	w("\033[999;999H");
	at(COLS - 1, ROWS - 1);
	w("\033[0;0H");
	at(0, 0);
}

static void fill(void)
{
	for (int r = 0; r < ROWS; r++) {
		w("\033[");
		char s[32];

		snprintf(s, sizeof(s), "%d;1Hxxxxxxxxxx", r + 1);
		w(s);
	}
}

static void test_erase_display_0_1_2(void **state)
{
	fill();
	w("\033[3;5H\033[J");
	assert_string_equal(row(1), "xxxxxxxxxx");
	assert_string_equal(row(2), "xxxx");
	assert_string_equal(row(3), "");
	fill();
	w("\033[3;5H\033[1J");
	assert_string_equal(row(1), "");
	assert_string_equal(row(2), "     xxxxx");
	assert_string_equal(row(3), "xxxxxxxxxx");
	fill();
	w("\033[3;5H\033[2J");
	for (int r = 0; r < ROWS; r++)
		assert_string_equal(row(r), "");
	at(4, 2); /* ED does not move the cursor */
}

static void test_erase_line_0_1_2_in_current_colours(void **state)
{
	fill();
	w("\033[1;4H\033[K\033[2;4H\033[1K\033[3;4H\033[2K");
	assert_string_equal(row(0), "xxx");
	assert_string_equal(row(1), "    xxxxxx");
	assert_string_equal(row(2), "");
	w("\033[44m\033[4;1H\033[K");
	assert_int_equal(attr(10, 3), VT_ATTR(7, 4));
}

static void test_sgr_colours_bold_reverse_reset(void **state)
{
	static const struct {
		const char *seq;
		uint8_t attr;
	} t[] = {
		{"\033[31m", VT_ATTR(1, 0)},   {"\033[37m", VT_ATTR(7, 0)},
		{"\033[30;47m", VT_ATTR(0, 7)}, {"\033[40m", VT_ATTR(7, 0)},
		{"\033[90m", VT_ATTR(8, 0)},   {"\033[97m", VT_ATTR(15, 0)},
		{"\033[100m", VT_ATTR(7, 8)},  {"\033[107m", VT_ATTR(7, 15)},
		{"\033[1m", VT_ATTR(15, 0)},   {"\033[1;34m", VT_ATTR(12, 0)},
		{"\033[7m", VT_ATTR(0, 7)},    {"\033[32;41;7m", VT_ATTR(1, 2)},
		{"\033[33m\033[39m", VT_ATTR(7, 0)},
		{"\033[43m\033[49m", VT_ATTR(7, 0)},
		{"\033[1m\033[22m", VT_ATTR(7, 0)},
		{"\033[7m\033[27m", VT_ATTR(7, 0)},
		{"\033[31;42m\033[m", VT_ATTR(7, 0)},
		{"\033[38;5;196m", VT_ATTR(7, 0)}, /* 196 is not SGR 196 */
		{"\033[38;2;1;31;41m", VT_ATTR(7, 0)},
		{"\033[38;5;1;31m", VT_ATTR(1, 0)}, /* and what follows */
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		w("\033[0m\033[H");
		w(t[i].seq);
		w("x");
		if (attr(0, 0) != t[i].attr)
			fail_msg("%zu: attr %#x, want %#x", i, attr(0, 0),
				 t[i].attr);
	}
}

static void test_save_restore_esc78_and_csi_su(void **state)
{
	w("\033[2;3H\033[31m\0337\033[5;5H\033[0mxx\0338y");
	at(3, 1);
	assert_int_equal(attr(2, 1), VT_ATTR(1, 0));
	w("\033[4;6H\033[s\033[1;1H\033[uz");
	assert_string_equal(row(3), "     z");
}

static void test_scroll_region_r(void **state)
{
	fill();
	w("\033[2;4r");
	at(0, 0); /* DECSTBM homes the cursor */
	w("\033[4;1Habc\nlast");
	assert_string_equal(row(0), "xxxxxxxxxx");
	assert_string_equal(row(1), "xxxxxxxxxx"); /* old row 3 */
	assert_string_equal(row(2), "abcxxxxxxx");
	assert_string_equal(row(3), "   last");
	assert_string_equal(row(4), "xxxxxxxxxx");
	assert_int_equal(vt.scrolled, 0); /* no whole-screen move */
	w("\033[4;2r"); /* top >= bottom: ignored */
	assert_int_equal(vt.top, 1);
	assert_int_equal(vt.bottom, 3);
	w("\033[r");
	assert_int_equal(vt.top, 0);
	assert_int_equal(vt.bottom, ROWS - 1);
	w("\033[1;99r");
	assert_int_equal(vt.bottom, ROWS - 1);
}

static void test_index_reverse_index_next_line(void **state)
{
	w("a\033Db\033Ec");
	assert_string_equal(row(0), "a");
	assert_string_equal(row(1), " b");
	assert_string_equal(row(2), "c");
	w("\033[H\033M"); /* at the top: scroll down */
	assert_string_equal(row(0), "");
	assert_string_equal(row(1), "a");
}

static void test_insert_delete_lines_and_chars(void **state)
{
	w("abcdef\033[1;3H\033[2@");
	assert_string_equal(row(0), "ab  cdef");
	w("\033[3P");
	assert_string_equal(row(0), "abdef");
	w("\033[1;2H\033[2X");
	assert_string_equal(row(0), "a  ef");
	w("\033[2;1H1\r\n2\r\n3\033[2;1H\033[L");
	assert_string_equal(row(1), "");
	assert_string_equal(row(2), "1");
	w("\033[2M");
	assert_string_equal(row(1), "2");
	assert_string_equal(row(2), "3");
}

static void test_status_reports_and_device_attributes(void **state)
{
	w("\033[3;7H\033[6n");
	assert_string_equal(answer, "\033[3;7R");
	answer[0] = '\0';
	w("\033[5n\033[c");
	assert_string_equal(answer, "\033[0n\033[?6c");
	answer[0] = '\0';
	w("\033[>c\033[=c"); /* secondary DA: not answered */
	assert_string_equal(answer, "");
}

static void test_cursor_visibility(void **state)
{
	w("\033[?25l");
	assert_false(vt.cursor_on);
	w("\033[?25h");
	assert_true(vt.cursor_on);
	w("\033[?1049h\033[?7l"); /* others ignored */
	assert_true(vt.cursor_on);
	assert_string_equal(row(0), "");
}

static void test_full_reset(void **state)
{
	w("\033[31mabc\033[2;4r\033c");
	assert_string_equal(row(0), "");
	at(0, 0);
	assert_int_equal(vt.bottom, ROWS - 1);
	w("x");
	assert_int_equal(attr(0, 0), VT_ATTR(7, 0));
	assert_true(vt.respond == respond);
}

static void test_utf8_decoding_and_bad_bytes(void **state)
{
	w("\xc3\xbc\xe2\x94\x80");
	assert_int_equal(vt_at(&vt, 0, 0)->ch, 0xfc);
	assert_int_equal(vt_at(&vt, 1, 0)->ch, 0x2500);
	w("\xf0\x9f\x98\x80"); /* outside the BMP */
	assert_int_equal(vt_at(&vt, 2, 0)->ch, 0xfffd);
	w("\xff\x80");
	assert_int_equal(vt_at(&vt, 3, 0)->ch, 0xfffd);
	assert_int_equal(vt_at(&vt, 4, 0)->ch, 0xfffd);
	w("\xe2\x94z"); /* cut short */
	assert_int_equal(vt_at(&vt, 5, 0)->ch, 0xfffd);
	assert_int_equal(vt_at(&vt, 6, 0)->ch, 'z');
	w("\x7f"); /* DEL draws nothing */
	at(7, 0);
}

static void test_overlong_and_huge_parameters_are_bounded(void **state)
{
	char seq[600] = "\033[";

	for (int i = 0; i < 100; i++)
		strcat(seq, "5;");
	strcat(seq, "31m");
	w(seq);
	assert_true(vt.nparams <= VT_PARAMS_MAX);
	w("x");
	assert_int_equal(attr(0, 0), VT_ATTR(7, 0)); /* 31 was dropped */
	w("\033[99999999999999999999999C");
	at(COLS - 1, 0);
	assert_int_equal(vt.params[0], VT_PARAM_MAX);
}

static void test_malformed_sequences_are_dropped(void **state)
{
	w("\033[12\030x"); /* CAN aborts */
	assert_string_equal(row(0), "x");
	w("\033[1;2\033[Hy"); /* ESC restarts */
	assert_string_equal(row(0), "y");
	w("\033[3:4:5mz\033[1;1Q"); /* ':' and an unknown final */
	assert_string_equal(row(0), "yz");
	assert_int_equal(attr(1, 0), VT_ATTR(7, 0));
	w("\033[2\nC!"); /* C0 executed inside CSI */
	assert_string_equal(row(1), "    !");
	w("\033(0\033#8\033%Gq"); /* charset and alignment: skipped */
	assert_string_equal(row(1), "    !q");
}

static void test_osc_strings_are_swallowed_and_bounded(void **state)
{
	w("\033]0;title\aA\033]2;t\033\\B\033]P0123456C\033]RD");
	assert_string_equal(row(0), "ABCD");
	char big[VT_OSC_MAX + 40];

	memset(big, 'o', sizeof(big));
	memcpy(big, "\033]0;", 4);
	big[sizeof(big) - 1] = '\0';
	w(big); /* no terminator: given up after VT_OSC_MAX bytes */
	assert_int_equal(vt.state, VT_GROUND);
	assert_string_equal(row(0), "ABCDoooooooooooooooo");
}

/* Random bytes, weighted toward the interesting ones. */
static void test_random_input_keeps_invariants(void **state)
{
	static const char pool[] = "\033[];?0123456789mHJKABCDrsu78\n\r\b\t"
				   "\a\030\xc3\xe2\x80 aZ:>";

	srand(12345);
	for (int i = 0; i < 200000; i++) {
		char c = pool[rand() % (sizeof(pool) - 1)];

		if (rand() % 16 == 0)
			c = (char)(rand() & 0xff);
		vt_write(&vt, &c, 1, i & 1);
		assert_true(vt.pen.x < COLS && vt.pen.y < ROWS);
		assert_true(vt.top < vt.bottom && vt.bottom < ROWS);
		assert_true(vt.nparams <= VT_PARAMS_MAX + 1);
		assert_true(vt.osc_len <= VT_OSC_MAX);
		assert_true(vt.scrolled <= ROWS);
	}
	assert_int_equal(cells[COLS * ROWS].ch, 0xBEEF);
	assert_int_equal(dirty[ROWS], 0x5a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_text_cr_lf_crlf, setup),
		cmocka_unit_test_setup(test_backspace_tab_bell, setup),
		cmocka_unit_test_setup(test_autowrap_is_deferred, setup),
		cmocka_unit_test_setup(
			test_scroll_at_bottom_counts_and_moves_dirty, setup),
		cmocka_unit_test_setup(test_cursor_motion_abcd_clamped, setup),
		cmocka_unit_test_setup(test_cursor_position_h_and_f, setup),
		cmocka_unit_test_setup(test_erase_display_0_1_2, setup),
		cmocka_unit_test_setup(
			test_erase_line_0_1_2_in_current_colours, setup),
		cmocka_unit_test_setup(test_sgr_colours_bold_reverse_reset,
				       setup),
		cmocka_unit_test_setup(test_save_restore_esc78_and_csi_su,
				       setup),
		cmocka_unit_test_setup(test_scroll_region_r, setup),
		cmocka_unit_test_setup(test_index_reverse_index_next_line,
				       setup),
		cmocka_unit_test_setup(test_insert_delete_lines_and_chars,
				       setup),
		cmocka_unit_test_setup(
			test_status_reports_and_device_attributes, setup),
		cmocka_unit_test_setup(test_cursor_visibility, setup),
		cmocka_unit_test_setup(test_full_reset, setup),
		cmocka_unit_test_setup(test_utf8_decoding_and_bad_bytes, setup),
		cmocka_unit_test_setup(
			test_overlong_and_huge_parameters_are_bounded, setup),
		cmocka_unit_test_setup(test_malformed_sequences_are_dropped,
				       setup),
		cmocka_unit_test_setup(
			test_osc_strings_are_swallowed_and_bounded, setup),
		cmocka_unit_test_setup(test_random_input_keeps_invariants,
				       setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
