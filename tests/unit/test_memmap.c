/*
 * Host tests for kernel/mm/memmap.c: loader memory map -> free ranges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h"
#include "mm.h"

#define KiB	0x400ull
#define MiB	0x100000ull
#define GiB	0x40000000ull
#define LIMIT	0x38000000u	/* 896 MiB, as in the kernel */
#define AV	MMAP_AVAILABLE
#define RS	MMAP_RESERVED

static struct phys_range out[16];
static unsigned cnt;

static int run(const struct mmap_entry *m, unsigned n,
	       const struct phys_range *res, unsigned nres)
{
	memset(out, 0xAA, sizeof(out));
	cnt = 12345;
	return memmap_free_ranges(m, n, res, nres, LIMIT, out, 16, &cnt);
}

static void expect(unsigned i, uint64_t start, uint64_t end)
{
	assert_true(i < cnt);
	assert_int_equal(out[i].start, start);
	assert_int_equal(out[i].end, end);
}

/* Every output range is page-aligned, sorted and apart from the next. */
static void check_shape(void)
{
	for (unsigned i = 0; i < cnt; i++) {
		assert_int_equal(out[i].start % PAGE_SIZE, 0);
		assert_int_equal(out[i].end % PAGE_SIZE, 0);
		assert_true(out[i].start < out[i].end);
		if (i)
			assert_true(out[i - 1].end < out[i].start);
	}
}

static void test_empty_map_gives_no_ranges(void **state)
{
	assert_int_equal(run(NULL, 0, NULL, 0), 0);
	assert_int_equal(cnt, 0);
	assert_int_equal(memmap_installed_bytes(NULL, 0), 0);
}

static void test_bad_arguments_are_einval(void **state)
{
	struct mmap_entry m[] = { { 0, 16 * MiB, AV } };
	struct phys_range bad[] = { { 0x5000, 0x4000 } };

	assert_int_equal(run(NULL, 1, NULL, 0), -EINVAL);
	assert_int_equal(run(m, 1, NULL, 1), -EINVAL);
	assert_int_equal(run(m, 1, bad, 1), -EINVAL);
	assert_int_equal(memmap_free_ranges(m, 1, NULL, 0, LIMIT + 1, out, 16,
					    &cnt), -EINVAL);
	assert_int_equal(memmap_free_ranges(m, 1, NULL, 0, LIMIT, out, 0,
					    &cnt), -EINVAL);
}

/* A typical QEMU 128 MiB map: low RAM, ROM hole, high RAM, BIOS area. */
static void test_qemu_like_map_with_holes(void **state)
{
	struct mmap_entry m[] = {
		{ 0, 0x9FC00, AV },
		{ 0x9FC00, 0x400, RS },
		{ 0xF0000, 0x10000, RS },
		{ MiB, 127 * MiB - 128 * KiB, AV },
		{ 128 * MiB - 128 * KiB, 128 * KiB, RS },
		{ 0xFFFC0000, 0x40000, RS },
	};

	assert_int_equal(run(m, 6, NULL, 0), 0);
	assert_int_equal(cnt, 2);
	expect(0, 0, 0x9F000);
	expect(1, MiB, 128 * MiB - 128 * KiB);
	check_shape();
}

static void test_overlapping_and_duplicate_entries_merge(void **state)
{
	struct mmap_entry m[] = {
		{ 8 * MiB, 8 * MiB, AV },
		{ 4 * MiB, 6 * MiB, AV },	/* overlaps the first */
		{ 8 * MiB, 8 * MiB, AV },	/* duplicate */
		{ 16 * MiB, 1 * MiB, AV },	/* touches */
		{ 20 * MiB, 1 * MiB, AV },	/* apart */
	};

	assert_int_equal(run(m, 5, NULL, 0), 0);
	assert_int_equal(cnt, 2);
	expect(0, 4 * MiB, 17 * MiB);
	expect(1, 20 * MiB, 21 * MiB);
	assert_int_equal(memmap_installed_bytes(m, 5), 14 * MiB);
}

static void test_entries_above_4gib_ignored(void **state)
{
	struct mmap_entry m[] = {
		{ 4 * GiB, 4 * GiB, AV },
		{ MiB, 15 * MiB, AV },
		{ 5 * GiB, 0, AV },
		{ UINT64_MAX - 0xFFF, 0x2000, AV },	/* wraps */
	};

	assert_int_equal(run(m, 4, NULL, 0), 0);
	assert_int_equal(cnt, 1);
	expect(0, MiB, 16 * MiB);
	/* Installed RAM still counts it. */
	assert_true(memmap_installed_bytes(m, 2) == 4 * GiB + 15 * MiB);
}

static void test_zero_length_entries_ignored(void **state)
{
	struct mmap_entry m[] = {
		{ 2 * MiB, 0, AV },
		{ 3 * MiB, MiB, AV },
		{ 3 * MiB + 8 * KiB, 0, RS },	/* empty reservation */
	};

	assert_int_equal(run(m, 3, NULL, 0), 0);
	assert_int_equal(cnt, 1);
	expect(0, 3 * MiB, 4 * MiB);
}

static void test_unaligned_entries_shrink_to_whole_pages(void **state)
{
	struct mmap_entry m[] = {
		{ MiB + 1, 0x3000, AV },	/* whole pages 0x101000.. */
		{ 2 * MiB + 0x10, 0x100, AV },	/* no whole page */
		/* two unaligned halves that together make two pages */
		{ 3 * MiB, 0x1800, AV },
		{ 3 * MiB + 0x1800, 0x800, AV },
	};

	assert_int_equal(run(m, 4, NULL, 0), 0);
	assert_int_equal(cnt, 2);
	expect(0, MiB + 0x1000, MiB + 0x3000);
	expect(1, 3 * MiB, 3 * MiB + 0x2000);
	check_shape();
}

static void test_reserved_typed_inside_available_wins(void **state)
{
	struct mmap_entry m[] = {
		{ 0x500000, 0x100, RS },	/* unaligned: its page goes */
		{ MiB, 15 * MiB, AV },
		{ 8 * MiB, 4 * MiB, 3 },	/* ACPI reclaimable: not free */
		{ 14 * MiB, 4 * MiB, RS },	/* sticks out of the end */
	};

	assert_int_equal(run(m, 4, NULL, 0), 0);
	assert_int_equal(cnt, 3);
	expect(0, MiB, 0x500000);
	expect(1, 0x501000, 8 * MiB);
	expect(2, 12 * MiB, 14 * MiB);
}

static void test_caller_reserved_ranges_subtracted(void **state)
{
	struct mmap_entry m[] = { { 0, 0x9FC00, AV }, { MiB, 31 * MiB, AV } };
	struct phys_range res[] = {
		{ 0, MiB },			/* first MiB */
		{ MiB, MiB + 0x1A345 },		/* kernel, odd end */
		{ 4 * MiB + 0x10, 4 * MiB + 0x20 },	/* boot info */
		{ 31 * MiB, 40 * MiB },		/* module past the end */
		{ 50 * MiB, 50 * MiB },		/* empty */
	};

	assert_int_equal(run(m, 2, res, 5), 0);
	assert_int_equal(cnt, 2);
	expect(0, MiB + 0x1B000, 4 * MiB);
	expect(1, 4 * MiB + 0x1000, 31 * MiB);
}

static void test_entry_straddling_limit_is_clipped(void **state)
{
	struct mmap_entry m[] = {
		{ MiB, 3000 * MiB, AV },
		{ 0x100000000ull, 500 * MiB, AV },
	};

	assert_int_equal(run(m, 2, NULL, 0), 0);
	assert_int_equal(cnt, 1);
	expect(0, MiB, LIMIT);
	assert_true(memmap_installed_bytes(m, 2) == 3500 * MiB);
	assert_true(memmap_ranges_bytes(out, cnt) == LIMIT - MiB);
}

static void test_too_many_ranges_is_e2big(void **state)
{
	struct mmap_entry m[40];
	struct phys_range res[] = { { 0x3000, 0x4000 } };
	struct mmap_entry one[] = { { 0, 16 * MiB, AV } };
	struct phys_range many[20];

	for (unsigned i = 0; i < 40; i++)
		m[i] = (struct mmap_entry){ i * 2 * MiB, MiB, AV };
	assert_int_equal(run(m, 40, res, 1), -E2BIG);
	/* Splitting one range by reservations also needs room. */
	for (unsigned i = 0; i < 20; i++)
		many[i] = (struct phys_range){ (i + 1) * 0x10000,
					       (i + 1) * 0x10000 + 0x1000 };
	assert_int_equal(run(one, 1, many, 20), -E2BIG);
	assert_int_equal(run(one, 1, many, 15), 0);
	assert_int_equal(cnt, 16);
	check_shape();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_map_gives_no_ranges),
		cmocka_unit_test(test_bad_arguments_are_einval),
		cmocka_unit_test(test_qemu_like_map_with_holes),
		cmocka_unit_test(test_overlapping_and_duplicate_entries_merge),
		cmocka_unit_test(test_entries_above_4gib_ignored),
		cmocka_unit_test(test_zero_length_entries_ignored),
		cmocka_unit_test(test_unaligned_entries_shrink_to_whole_pages),
		cmocka_unit_test(test_reserved_typed_inside_available_wins),
		cmocka_unit_test(test_caller_reserved_ranges_subtracted),
		cmocka_unit_test(test_entry_straddling_limit_is_clipped),
		cmocka_unit_test(test_too_many_ranges_is_e2big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
