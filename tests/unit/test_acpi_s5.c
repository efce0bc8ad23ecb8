/*
 * Host tests for kernel/dev/acpi_s5.c: the \_S5 package reader, on AML
 * as firmware writes it (QEMU's, a prefixed name, each integer encoding)
 * and on malformed AML (truncated at every byte, bad PkgLength, too few
 * elements, values that are not 3-bit constants). Each input is an
 * exact-size heap copy, so AddressSanitizer catches a read past its end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acpi.h"
#include "errno.h"

static int parse(const uint8_t *src, uint32_t len, struct acpi_s5 *s5)
{
	uint8_t *p = malloc(len ? len : 1);
	int err;

	memcpy(p, src, len);
	err = acpi_s5_parse(p, len, s5);
	free(p);
	return err;
}

/* QEMU's: Name (_S5, Package (0x04) { Zero, Zero, Zero, Zero }). */
static const uint8_t qemu_s5[] = {0x10, 0x08, '_', 'S', '5', '_', 0x12,
				  0x06, 0x04, 0x00, 0x00, 0x00, 0x00};

static void qemu_zero_zero(void **state)
{
	struct acpi_s5 s5 = {9, 9};

	assert_int_equal(parse(qemu_s5, sizeof(qemu_s5), &s5), 0);
	assert_int_equal(s5.typ_a, 0);
	assert_int_equal(s5.typ_b, 0);
}

static void root_prefix_byte_and_word_consts(void **state)
{
	static const uint8_t a[] = {0x08, '\\', '_', 'S', '5', '_', 0x12,
				    0x07, 0x02, 0x0A, 0x07, 0x0B, 0x05, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), 0);
	assert_int_equal(s5.typ_a, 7);
	assert_int_equal(s5.typ_b, 5);
}

static void one_op_and_dword(void **state)
{
	static const uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x12, 0x08,
				    0x02, 0x01, 0x0C, 0x03, 0, 0, 0};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), 0);
	assert_int_equal(s5.typ_a, 1);
	assert_int_equal(s5.typ_b, 3);
}

/* PkgLength with one following byte: 0x40 | low nibble, then high. */
static void two_byte_pkg_length(void **state)
{
	uint8_t a[80] = {0x08, '_', 'S', '5', '_', 0x12, 0x40 | 0x0A, 0x04,
			 0x02, 0x0A, 0x02, 0x0A, 0x04};
	struct acpi_s5 s5;

	/* length 0x4A = 74 bytes from the PkgLength on: inside a[] */
	assert_int_equal(parse(a, sizeof(a), &s5), 0);
	assert_int_equal(s5.typ_a, 2);
	assert_int_equal(s5.typ_b, 4);
}

static void no_s5_is_enoent(void **state)
{
	static const uint8_t a[] = {0x08, '_', 'S', '3', '_', 0x12, 0x04,
				    0x02, 0x00, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -ENOENT);
	assert_int_equal(parse(a, 0, &s5), -ENOENT);
	assert_int_equal(acpi_s5_parse(NULL, 0, &s5), -ENOENT);
}

/* "_S5_" inside a method body or a string: not after a NameOp. */
static void s5_without_name_op_is_ignored(void **state)
{
	static const uint8_t a[] = {0x14, '_', 'S', '5', '_', 0x12, 0x04,
				    0x02, 0x00, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -ENOENT);
}

/* Every truncation of a good package fails cleanly, never reads on. */
static void truncated_at_every_byte(void **state)
{
	struct acpi_s5 s5;

	for (uint32_t n = 0; n < sizeof(qemu_s5) - 2; n++) {
		int err = parse(qemu_s5, n, &s5);

		assert_true(err == -EINVAL || err == -ENOENT);
	}
}

/* A PkgLength past the end of the AML, or smaller than itself. */
static void pkg_length_out_of_bounds(void **state)
{
	uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x12, 0x3f, 0x02, 0x00, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
	a[6] = 0x00;
	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
	a[6] = 0xC0 | 0x30; /* 3 following bytes, reserved bits set */
	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
}

/* The elements must lie inside the package, not after it. */
static void elements_past_pkg_length(void **state)
{
	static const uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x12, 0x03,
				    0x02, 0x00, 0x00, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
}

static void fewer_than_two_elements(void **state)
{
	static const uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x12, 0x05,
				    0x01, 0x00, 0x00, 0x00};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
}

static void value_too_big_or_not_const(void **state)
{
	uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x12, 0x06,
		       0x02, 0x0A, 0x08, 0x00};
	struct acpi_s5 s5 = {9, 9};

	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL); /* 8 > 7 */
	a[8] = 0xFF; /* OnesOp */
	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
	a[8] = 0x0B; /* WordConst whose high byte is past the package */
	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
	assert_int_equal(s5.typ_a, 9);
}

static void not_a_package(void **state)
{
	static const uint8_t a[] = {0x08, '_', 'S', '5', '_', 0x0A, 0x05};
	struct acpi_s5 s5;

	assert_int_equal(parse(a, sizeof(a), &s5), -EINVAL);
}

/* A bad first candidate does not hide a good one after it. */
static void bad_then_good(void **state)
{
	uint8_t a[32] = {0x08, '_', 'S', '5', '_', 0x12, 0x3f};
	struct acpi_s5 s5;

	memcpy(a + 8, qemu_s5 + 1, sizeof(qemu_s5) - 1);
	a[8 + 9] = 0x0A, a[8 + 10] = 0x05; /* typ_b 5 instead of Zero, Zero */
	assert_int_equal(parse(a, sizeof(a), &s5), 0);
	assert_int_equal(s5.typ_a, 0);
	assert_int_equal(s5.typ_b, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_zero_zero),
		cmocka_unit_test(root_prefix_byte_and_word_consts),
		cmocka_unit_test(one_op_and_dword),
		cmocka_unit_test(two_byte_pkg_length),
		cmocka_unit_test(no_s5_is_enoent),
		cmocka_unit_test(s5_without_name_op_is_ignored),
		cmocka_unit_test(truncated_at_every_byte),
		cmocka_unit_test(pkg_length_out_of_bounds),
		cmocka_unit_test(elements_past_pkg_length),
		cmocka_unit_test(fewer_than_two_elements),
		cmocka_unit_test(value_too_big_or_not_const),
		cmocka_unit_test(not_a_package),
		cmocka_unit_test(bad_then_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
