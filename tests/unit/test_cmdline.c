/*
 * Host tests for kernel/lib/cmdline.c: the kernel command-line parser.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"

static char seen[8][64];
static int nseen;

static void record(const char *w, size_t n)
{
	if (nseen < 8)
		snprintf(seen[nseen++], sizeof(seen[0]), "%.*s", (int)n, w);
}

static int parse(struct kcmdline *kc, const char *line)
{
	nseen = 0;
	memset(seen, 0, sizeof(seen));
	return cmdline_parse(kc, line, record);
}

static void test_defaults_on_empty_and_null(void **state)
{
	struct kcmdline kc;

	assert_int_equal(parse(&kc, ""), 0);
	assert_int_equal(kc.console, CONSOLE_BOTH);
	assert_false(kc.quiet);
	assert_false(kc.exit_on_halt);
	assert_string_equal(kc.init, "");
	assert_int_equal(parse(&kc, NULL), 0);
	assert_int_equal(parse(&kc, "   \t  "), 0);
}

static void test_all_known_words(void **state)
{
	struct kcmdline kc;

	assert_int_equal(parse(&kc, "console=serial init=/sbin/init quiet "
				    "exit_on_halt ktest=fault"), 0);
	assert_int_equal(kc.console, CONSOLE_SERIAL);
	assert_string_equal(kc.init, "/sbin/init");
	assert_string_equal(kc.ktest, "fault");
	assert_true(kc.quiet);
	assert_true(kc.exit_on_halt);
	parse(&kc, "console=vga");
	assert_int_equal(kc.console, CONSOLE_VGA);
}

static void test_unknown_words_reported_and_ignored(void **state)
{
	struct kcmdline kc;

	assert_int_equal(parse(&kc, "foo quiet console=tty9 bar=1 quietx"), 4);
	assert_string_equal(seen[0], "foo");
	assert_string_equal(seen[1], "console=tty9");
	assert_string_equal(seen[2], "bar=1");
	assert_string_equal(seen[3], "quietx");
	assert_true(kc.quiet);
	assert_int_equal(kc.console, CONSOLE_BOTH);
}

static void test_image_path_first_word_skipped(void **state)
{
	struct kcmdline kc;

	assert_int_equal(parse(&kc, "/boot/sleight.elf quiet"), 0);
	assert_true(kc.quiet);
	assert_int_equal(parse(&kc, "build/sleight.elf"), 0);
	/* a path later on the line is not the image: it is unknown */
	assert_int_equal(parse(&kc, "quiet /x/y"), 1);
	/* a first word with '=' is a setting even when it has a '/' */
	assert_int_equal(parse(&kc, "init=/bin/sh"), 0);
	assert_string_equal(kc.init, "/bin/sh");
}

static void test_overlong_and_empty_values_rejected(void **state)
{
	struct kcmdline kc;
	char line[300] = "init=/";

	memset(line + 6, 'a', 200);
	assert_int_equal(parse(&kc, line), 1);
	assert_string_equal(kc.init, "");
	assert_int_equal(parse(&kc, "init= ktest="), 2);
}

static void test_tabs_and_newlines_separate_words(void **state)
{
	struct kcmdline kc;

	assert_int_equal(parse(&kc, "\tquiet\n exit_on_halt\r\n"), 0);
	assert_true(kc.quiet);
	assert_true(kc.exit_on_halt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_on_empty_and_null),
		cmocka_unit_test(test_all_known_words),
		cmocka_unit_test(test_unknown_words_reported_and_ignored),
		cmocka_unit_test(test_image_path_first_word_skipped),
		cmocka_unit_test(test_overlong_and_empty_values_rejected),
		cmocka_unit_test(test_tabs_and_newlines_separate_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
