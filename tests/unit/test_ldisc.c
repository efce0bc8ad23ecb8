/*
 * Host tests for the terminal line discipline (kernel/dev/ldisc.c).
 *
 * Bug: a read returns a line before Enter, backspace/^U/^W erase into
 * an earlier line, ^D at the start of a line is not EOF (or ^D after
 * text loses the text), CR is not turned into NL, ^C is not sent (or is
 * left in the input), raw mode holds bytes back, echo is missing, or
 * "\n" is written without the "\r" a terminal needs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "signal.h"
#include "ldisc.h"

static struct ldisc ld;
static char screen[1024];
static size_t nscreen;
static int sigs[8], nsigs;

static void out(void *ctx, const char *s, size_t n)
{
	assert_true(nscreen + n < sizeof(screen));
	memcpy(screen + nscreen, s, n);
	nscreen += n;
	screen[nscreen] = '\0';
}

static void sig(void *ctx, int s)
{
	sigs[nsigs++] = s;
}

static int setup(void **state)
{
	static const struct ldisc_ops ops = { .out = out, .signal = sig };

	ldisc_init(&ld, &ops);
	nscreen = 0;
	screen[0] = '\0';
	nsigs = 0;
	return 0;
}

static void type(const char *s)
{
	while (*s)
		ldisc_input(&ld, (uint8_t)*s++);
}

/* Read once with a buffer of n; returns the bytes as a string. */
static const char *rd(size_t n)
{
	static char buf[TTY_BUF_SIZE + 1];
	size_t got = ldisc_read(&ld, (uint8_t *)buf, n);

	buf[got] = '\0';
	return buf;
}

static void test_line_waits_for_enter_and_cr_is_nl(void **state)
{
	type("ls -l");
	assert_false(ldisc_readable(&ld));
	type("\r");
	assert_true(ldisc_readable(&ld));
	assert_int_equal(ldisc_avail(&ld), 6);
	assert_string_equal(rd(100), "ls -l\n");
	assert_false(ldisc_readable(&ld));
	assert_string_equal(screen, "ls -l\r\n");
}

static void test_read_returns_one_line_at_a_time(void **state)
{
	type("one\ntwo\n");
	assert_string_equal(rd(100), "one\n");
	assert_string_equal(rd(2), "tw");
	assert_string_equal(rd(100), "o\n");
}

static void test_erase_kill_and_word_erase(void **state)
{
	type("abc\x7f\x7f" "d\bX\n");	/* DEL DEL d BS X */
	assert_string_equal(rd(100), "aX\n");
	type("first\n");
	type("junk\x15" "ok\n");	/* ^U kills "junk" */
	assert_string_equal(rd(100), "first\n");
	assert_string_equal(rd(100), "ok\n");
	type("echo foo bar  \x17" "baz\n");	/* ^W eats "bar  " */
	assert_string_equal(rd(100), "echo foo baz\n");
}

static void test_erase_stops_at_committed_line(void **state)
{
	type("keep\n\x7f\x7f\x7f");
	assert_string_equal(rd(100), "keep\n");
	assert_int_equal(ld.len, 0);
}

static void test_ctrl_d_is_eof_at_line_start_and_push_otherwise(void **state)
{
	type("abc\x04");
	assert_true(ldisc_readable(&ld));
	assert_string_equal(rd(100), "abc");	/* no newline, ^D consumed */
	type("\x04");
	assert_true(ldisc_readable(&ld));
	assert_string_equal(rd(100), "");	/* EOF */
	assert_false(ldisc_readable(&ld));
}

static void test_ctrl_c_signals_and_flushes(void **state)
{
	type("half a line\x03");
	assert_int_equal(nsigs, 1);
	assert_int_equal(sigs[0], SIGINT);
	assert_false(ldisc_readable(&ld));
	assert_int_equal(ld.len, 0);
	assert_non_null(strstr(screen, "^C"));
	type("\x1c");
	assert_int_equal(sigs[1], SIGQUIT);
}

static void test_raw_mode_vmin1_gives_bytes_at_once(void **state)
{
	struct termios_k t = ld.t;

	type("par");			/* partial line before the switch */
	t.c_lflag &= ~(ICANON | ECHO | ISIG);
	ldisc_set_termios(&ld, &t);
	assert_true(ldisc_readable(&ld));
	type("\x03q\x7f");
	assert_int_equal(nsigs, 0);
	assert_int_equal(ldisc_avail(&ld), 6);
	assert_string_equal(rd(4), "par\x03");
	assert_string_equal(rd(100), "q\x7f");
	assert_string_equal(screen, "par");	/* only the echo before */
}

static void test_output_onlcr(void **state)
{
	struct termios_k t = ld.t;

	ldisc_output(&ld, "a\nb\n", 4);
	assert_string_equal(screen, "a\r\nb\r\n");
	nscreen = 0;
	t.c_oflag &= ~OPOST;
	ldisc_set_termios(&ld, &t);
	ldisc_output(&ld, "a\nb", 3);
	screen[nscreen] = '\0';
	assert_string_equal(screen, "a\nb");
}

static void test_full_buffer_keeps_room_for_newline(void **state)
{
	struct termios_k t = ld.t;

	t.c_lflag &= ~ECHO;
	ldisc_set_termios(&ld, &t);
	for (int i = 0; i < TTY_BUF_SIZE + 50; i++)
		ldisc_input(&ld, 'x');
	assert_int_equal(ld.len, TTY_BUF_SIZE - 1);
	assert_false(ldisc_readable(&ld));
	ldisc_input(&ld, '\n');
	assert_true(ldisc_readable(&ld));
	assert_int_equal(strlen(rd(TTY_BUF_SIZE)), TTY_BUF_SIZE);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_line_waits_for_enter_and_cr_is_nl),
		T(test_read_returns_one_line_at_a_time),
		T(test_erase_kill_and_word_erase),
		T(test_erase_stops_at_committed_line),
		T(test_ctrl_d_is_eof_at_line_start_and_push_otherwise),
		T(test_ctrl_c_signals_and_flushes),
		T(test_raw_mode_vmin1_gives_bytes_at_once),
		T(test_output_onlcr),
		T(test_full_buffer_keeps_room_for_newline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
