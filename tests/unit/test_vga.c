/*
 * Host tests for kernel/dev/vga.c: the VGA text buffer follows the
 * terminal emulator's grid (vga_text_flush), one scroll move plus the
 * dirty rows, and code points become code page 437 bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "console.h"

#define COLS 10
#define ROWS 4

static uint16_t mem[COLS * ROWS + 1]; /* +1: a guard cell past the end */
static struct vt_cell grid[COLS * ROWS];
static uint8_t dirty[ROWS];
static struct vga_text v;

static int setup(void **state)
{
	memset(&v, 0, sizeof(v));
	memset(mem, 0xee, sizeof(mem));
	v.mem = mem;
	vt_init(&v.vt, grid, dirty, COLS, ROWS);
	vga_text_flush(&v);
	return 0;
}

static void w(const char *s)
{
	vt_write(&v.vt, s, strlen(s), true);
	vga_text_flush(&v);
}

/* Buffer row r as a string, trailing blanks removed. */
static const char *row(unsigned r)
{
	static char buf[COLS + 1];
	int n = COLS;

	for (int i = 0; i < COLS; i++)
		buf[i] = (char)(mem[r * COLS + i] & 0xff);
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

static void test_flush_clears_and_writes_cells(void **state)
{
	assert_string_equal(row(0), "");
	assert_int_equal(mem[0], 0x0700 | ' ');
	w("hi\033[31mR");
	assert_string_equal(row(0), "hiR");
	assert_int_equal(mem[0], 0x0700 | 'h');
	assert_int_equal(mem[2], 0x0100 | 'R');
	assert_int_equal(mem[COLS * ROWS], 0xeeee);
}

/* Bug: the buffer kept the old rows after a scroll (only dirty rows
 * copied, the move forgotten). */
static void test_scroll_moves_buffer_rows(void **state)
{
	w("a\nb\nc\nd\ne\nf");
	assert_string_equal(row(0), "c");
	assert_string_equal(row(1), "d");
	assert_string_equal(row(2), "e");
	assert_string_equal(row(3), "f");
	assert_int_equal(v.vt.scrolled, 0);
	for (int i = 0; i < 20; i++)
		w("\n");
	for (int r = 0; r < ROWS; r++)
		assert_string_equal(row(r), "");
	assert_int_equal(mem[COLS * ROWS], 0xeeee);
}

static void test_full_last_row_and_wrap(void **state)
{
	w("\033[4;1H0123456789");
	assert_string_equal(row(3), "0123456789");
	w("X");
	assert_string_equal(row(2), "0123456789");
	assert_string_equal(row(3), "X");
	assert_int_equal(mem[COLS * ROWS], 0xeeee);
}

static void test_cp437_translation(void **state)
{
	assert_int_equal(vga_cp437('A'), 'A');
	assert_int_equal(vga_cp437(0x2500), 0xc4);
	assert_int_equal(vga_cp437(0x2588), 0xdb);
	assert_int_equal(vga_cp437(0x4e00), '?');
	assert_int_equal(vga_cp437(0x07), '?'); /* never a control glyph */
	w("\xe2\x94\x82");
	assert_int_equal(mem[0] & 0xff, 0xb3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_flush_clears_and_writes_cells,
				       setup),
		cmocka_unit_test_setup(test_scroll_moves_buffer_rows, setup),
		cmocka_unit_test_setup(test_full_last_row_and_wrap, setup),
		cmocka_unit_test_setup(test_cp437_translation, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
