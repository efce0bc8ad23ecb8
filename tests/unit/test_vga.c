/*
 * Host tests for kernel/dev/vga.c: the text-screen cell logic (cursor,
 * control characters, wrapping, scrolling), on a buffer in host memory.
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

/* +1: a guard cell past the end */
static uint16_t cells[COLS * ROWS + 1];
static struct vga_text v;

static int setup(void **state)
{
	v = (struct vga_text){ .cells = cells, .cols = COLS, .rows = ROWS,
			       .attr = 0x07 };
	cells[COLS * ROWS] = 0xDEAD;
	vga_text_clear(&v);
	return 0;
}

static void puts_(const char *s)
{
	while (*s)
		vga_text_putc(&v, *s++);
}

/* Row r as a string, trailing blanks removed. */
static const char *row(unsigned r)
{
	static char buf[COLS + 1];
	int n = COLS;

	for (int i = 0; i < COLS; i++)
		buf[i] = (char)(cells[r * COLS + i] & 0xff);
	while (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

static void test_text_and_attribute(void **state)
{
	puts_("hi");
	assert_string_equal(row(0), "hi");
	assert_int_equal(cells[0], 0x0700 | 'h');
	assert_int_equal(v.x, 2);
	assert_int_equal(v.y, 0);
}

static void test_newline_and_carriage_return(void **state)
{
	puts_("abc\ndef\rX");
	assert_string_equal(row(0), "abc");
	assert_string_equal(row(1), "Xef");
	assert_int_equal(v.x, 1);
	assert_int_equal(v.y, 1);
}

static void test_tab_stops_every_eight(void **state)
{
	puts_("a\tb");
	assert_string_equal(row(0), "a       b");
	/* a tab from column 9 goes past the last column: next line */
	puts_("\t");
	assert_int_equal(v.x, 0);
	assert_int_equal(v.y, 1);
}

static void test_backspace_stops_at_column_zero(void **state)
{
	puts_("ab\b\bX\b\b\bY");
	assert_string_equal(row(0), "Yb");
	assert_int_equal(v.x, 1);
}

static void test_wrap_at_last_column(void **state)
{
	puts_("0123456789AB");
	assert_string_equal(row(0), "0123456789");
	assert_string_equal(row(1), "AB");
}

static void test_scroll_moves_rows_up_and_blanks_last(void **state)
{
	puts_("r0\nr1\nr2\nr3\nr4");
	assert_string_equal(row(0), "r1");
	assert_string_equal(row(2), "r3");
	assert_string_equal(row(3), "r4");
	assert_int_equal(v.y, ROWS - 1);
	puts_("\n");
	assert_string_equal(row(3), "");
	assert_int_equal(cells[(ROWS - 1) * COLS], 0x0700 | ' ');
	assert_int_equal(cells[COLS * ROWS], 0xDEAD);
}

static void test_full_last_row_scrolls_without_overrun(void **state)
{
	for (int i = 0; i < COLS * ROWS * 3; i++)
		vga_text_putc(&v, (char)('a' + i % 26));
	assert_int_equal(cells[COLS * ROWS], 0xDEAD);
	assert_true(v.x < COLS && v.y < ROWS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_text_and_attribute, setup),
		cmocka_unit_test_setup(test_newline_and_carriage_return, setup),
		cmocka_unit_test_setup(test_tab_stops_every_eight, setup),
		cmocka_unit_test_setup(test_backspace_stops_at_column_zero,
				       setup),
		cmocka_unit_test_setup(test_wrap_at_last_column, setup),
		cmocka_unit_test_setup(
			test_scroll_moves_rows_up_and_blanks_last, setup),
		cmocka_unit_test_setup(
			test_full_last_row_scrolls_without_overrun, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
