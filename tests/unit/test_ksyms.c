/*
 * Host tests for kernel/ksyms.c: address to symbol lookup over a small
 * table laid out the way tools/gen-ksyms lays out the real one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ksyms.h"

/* Three functions with a gap between the second and the third. */
const uint32_t ksym_count = 3;
const struct ksym ksym_table[] = {
	{ 0xc0100000, 0x20, 0 },	/* alpha: c0100000..c010001f */
	{ 0xc0100020, 0x10, 6 },	/* beta:  c0100020..c010002f */
	{ 0xc0100040, 0x08, 11 },	/* gamma: c0100040..c0100047 */
};
const char ksym_names[] = "alpha\0beta\0gamma";

static void test_start_of_function(void **state)
{
	uintptr_t off = 99;

	assert_string_equal(ksym_lookup(0xc0100000, &off), "alpha");
	assert_int_equal(off, 0);
	assert_string_equal(ksym_lookup(0xc0100040, &off), "gamma");
	assert_int_equal(off, 0);
}

static void test_inside_and_last_byte(void **state)
{
	uintptr_t off, size;

	assert_string_equal(ksym_lookup_size(0xc0100034 - 0x10, &off, &size),
			    "beta");
	assert_int_equal(off, 4);
	assert_int_equal(size, 0x10);
	assert_string_equal(ksym_lookup(0xc010001f, &off), "alpha");
	assert_int_equal(off, 0x1f);
	assert_string_equal(ksym_lookup(0xc0100047, &off), "gamma");
	assert_int_equal(off, 7);
}

static void test_outside_any_function(void **state)
{
	uintptr_t off = 5;

	assert_null(ksym_lookup(0xc00fffff, &off));	/* below the first */
	assert_null(ksym_lookup(0xc0100030, &off));	/* in the gap */
	assert_null(ksym_lookup(0xc0100048, &off));	/* past the last */
	assert_null(ksym_lookup(0, &off));
	assert_int_equal(off, 5);			/* left untouched */
}

static void test_null_offset_pointer(void **state)
{
	assert_string_equal(ksym_lookup(0xc0100021, NULL), "beta");
	assert_string_equal(ksym_lookup_size(0xc0100021, NULL, NULL), "beta");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_of_function),
		cmocka_unit_test(test_inside_and_last_byte),
		cmocka_unit_test(test_outside_any_function),
		cmocka_unit_test(test_null_offset_pointer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
