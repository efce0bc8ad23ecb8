/*
 * Host tests for kernel/lib/vsprintf.c, built for the host as k_vsnprintf
 * and k_snprintf: every case is formatted by both the kernel and the host
 * libc, and the two must agree byte for byte and in the return value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

int k_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int k_snprintf(char *buf, size_t size, const char *fmt, ...);

/* Format with both, into buffers of the given size, and compare. */
static void check_sized(size_t size, const char *fmt, ...)
{
	char want[256], got[256];
	va_list ap, aq;
	int wn, gn;

	memset(want, 'Z', sizeof(want));
	memset(got, 'Z', sizeof(got));
	va_start(ap, fmt);
	va_copy(aq, ap);
	wn = vsnprintf(want, size, fmt, ap);
	gn = k_vsnprintf(got, size, fmt, aq);
	va_end(aq);
	va_end(ap);
	if (wn != gn || memcmp(want, got, sizeof(want)) != 0)
		fail_msg("format \"%s\" size %zu: libc %d \"%.*s\", kernel %d "
			 "\"%.*s\"", fmt, size, wn, (int)strnlen(want, 255),
			 want, gn, (int)strnlen(got, 255), got);
}

#define CHECK(fmt, ...) check_sized(200, fmt, __VA_ARGS__)

static void test_integers_widths_and_flags(void **state)
{
	const int vals[] = { 0, 1, -1, 7, 42, -42, 12345, -99999, INT_MAX,
			     INT_MIN };
	const char *fmts[] = { "%d", "%i", "%5d", "%-5d|", "%05d", "%+d",
			       "% d", "%+05d", "%-+6d|", "%.3d", "%8.3d",
			       "%-8.3d|", "%.0d", "%5.0d", "%08.3d", "%u",
			       "%x", "%X", "%#x", "%#X", "%o", "%#o", "%#.0o",
			       "%#8x", "%#08x", "%-#8x|", "%.5x", "%#.5x",
			       "%12u", "%-12u|", "%hhd", "%hd", "%hhx",
			       "%hu" };

	for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++)
		for (size_t v = 0; v < sizeof(vals) / sizeof(vals[0]); v++)
			CHECK(fmts[f], vals[v]);
}

static void test_long_long_and_size_modifiers(void **state)
{
	const long long vals[] = { 0, -1, LLONG_MIN, LLONG_MAX,
				   0x123456789abcdefLL, -1234567890123LL };

	for (size_t v = 0; v < sizeof(vals) / sizeof(vals[0]); v++) {
		CHECK("%lld", vals[v]);
		CHECK("%llx", (unsigned long long)vals[v]);
		CHECK("%#llX", (unsigned long long)vals[v]);
		CHECK("%llu", (unsigned long long)vals[v]);
		CHECK("%25lld|", vals[v]);
		CHECK("%-25lld|", vals[v]);
		CHECK("%025lld", vals[v]);
		CHECK("%llo", (unsigned long long)vals[v]);
	}
	CHECK("%ld %lu %lx", LONG_MIN, ULONG_MAX, ULONG_MAX);
	CHECK("%zu %zx", (size_t)-1, (size_t)12345);
	CHECK("%td", (ptrdiff_t)-77);
}

static void test_strings_and_chars(void **state)
{
	CHECK("%s", "hello");
	CHECK("%10s|", "hello");
	CHECK("%-10s|", "hello");
	CHECK("%.3s|", "hello");
	CHECK("%10.3s|", "hello");
	CHECK("%.0s|", "hello");
	CHECK("%.*s|", 2, "hello");
	CHECK("%*s|", -7, "ab");
	CHECK("%*d|", 6, 42);
	CHECK("%-*d|", 6, 42);
	CHECK("%s", "");
	CHECK("%c%c%c", 'a', ' ', 'z');
	CHECK("%5c|%-5c|", 'x', 'y');
	CHECK("100%% %d%%", 5);
	CHECK("%.*d", -1, 42);	/* negative precision: as if none */
}

static void test_null_string_prints_null(void **state)
{
	char buf[32];

	/* glibc prints "(null)" too, but only as an extension: compare with
	 * the fixed text rather than libc. */
	assert_int_equal(k_snprintf(buf, sizeof(buf), "[%s]", (char *)NULL),
			 8);
	assert_string_equal(buf, "[(null)]");
	assert_int_equal(k_snprintf(buf, sizeof(buf), "[%.3s]", (char *)NULL),
			 5);
	assert_string_equal(buf, "[(nu]");
}

/*
 * Bug: "%#x" of 0 printed "0x0"; C11 7.21.6.1p6 gives the 0x prefix to a
 * nonzero result only, so "%#x" of 0 is "0" (and "%#08x" is "00000000").
 */
static void test_alt_hex_zero_has_no_prefix(void **state)
{
	char buf[16];

	assert_int_equal(k_snprintf(buf, sizeof(buf), "%#x", 0u), 1);
	assert_string_equal(buf, "0");
	assert_int_equal(k_snprintf(buf, sizeof(buf), "%#08X", 0u), 8);
	assert_string_equal(buf, "00000000");
	k_snprintf(buf, sizeof(buf), "%#x", 1u);
	assert_string_equal(buf, "0x1");
	/* %p keeps its 0x for a null pointer */
	k_snprintf(buf, sizeof(buf), "%p", (void *)0);
	assert_string_equal(buf, "0x0");
}

static void test_pointer(void **state)
{
	CHECK("%p", (void *)0x1234);
	CHECK("%p", (void *)(uintptr_t)0xdeadbeefu);
	CHECK("%20p|", (void *)0xc0100000u);
}

static void test_truncation_and_return_value(void **state)
{
	for (size_t size = 1; size <= 12; size++) {
		check_sized(size, "abcdefghij");
		check_sized(size, "%d-%s", -12345, "xyz");
		check_sized(size, "%08x", 0xabcu);
	}
}

static void test_size_zero_writes_nothing(void **state)
{
	char buf[4] = "QQQ";

	assert_int_equal(k_snprintf(buf, 0, "%d", 123456), 6);
	assert_string_equal(buf, "QQQ");
	assert_int_equal(k_snprintf(NULL, 0, "%s", "four"), 4);
}

static void test_unknown_conversion_copied_literally(void **state)
{
	char buf[32];

	assert_int_equal(k_snprintf(buf, sizeof(buf), "a%qb"), 4);
	assert_string_equal(buf, "a%qb");
	assert_int_equal(k_snprintf(buf, sizeof(buf), "end%"), 4);
	assert_string_equal(buf, "end%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers_widths_and_flags),
		cmocka_unit_test(test_long_long_and_size_modifiers),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_null_string_prints_null),
		cmocka_unit_test(test_alt_hex_zero_has_no_prefix),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_truncation_and_return_value),
		cmocka_unit_test(test_size_zero_writes_nothing),
		cmocka_unit_test(test_unknown_conversion_copied_literally),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
