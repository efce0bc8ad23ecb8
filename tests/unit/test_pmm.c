/*
 * Host tests for the frame pool in kernel/mm/pmm.c: allocation, freeing,
 * reference counts and misuse detection on caller-given arrays.
 *
 * Bug: with no frames kept back, one process could take the last frame
 * and leave init and the shell unable to fork; the reserve must refuse
 * exactly the last `keep` frames and nothing more.
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

#define BASE_PFN	0x100		/* pool starts at 1 MiB */
#define NFRAMES		100		/* not a multiple of 32 */
#define PA(i)		((uint32_t)(BASE_PFN + (i)) << PAGE_SHIFT)

static struct frame_pool pool;
static uint16_t ref[NFRAMES];
static uint32_t bitmap[(NFRAMES + 31) / 32];

static int setup(void **state)
{
	frame_pool_init(&pool, BASE_PFN, NFRAMES, ref, bitmap);
	return 0;
}

static void test_new_pool_has_nothing_free(void **state)
{
	assert_int_equal(pool.free, 0);
	assert_int_equal(frame_pool_alloc(&pool), 0);
	assert_int_equal(frame_pool_put(&pool, PA(0)), -EPERM);
}

static void test_add_range_counts_whole_frames_only(void **state)
{
	/* 0x80 .. 0x3F80 inside frames 0..3: only frames 1 and 2 whole */
	assert_int_equal(frame_pool_add_range(&pool, PA(0) + 0x80,
					      PA(3) + 0xF80), 2);
	assert_int_equal(pool.free, 2);
	/* overlapping again adds nothing new; clipping to the pool */
	assert_int_equal(frame_pool_add_range(&pool, PA(0), PA(3)), 1);
	assert_int_equal(frame_pool_add_range(&pool, 0, PA(NFRAMES + 50)),
			 NFRAMES - 3);
	assert_int_equal(pool.free, NFRAMES);
	assert_int_equal(pool.total, NFRAMES);
}

static void test_frame_zero_is_never_free(void **state)
{
	static uint16_t r[8];
	static uint32_t b[1];
	struct frame_pool p;

	frame_pool_init(&p, 0, 8, r, b);
	assert_int_equal(frame_pool_add_range(&p, 0, 8 * PAGE_SIZE), 7);
	for (int i = 0; i < 7; i++)
		assert_int_not_equal(frame_pool_alloc(&p), 0);
	assert_int_equal(frame_pool_alloc(&p), 0);
}

static void test_alloc_until_empty_gives_distinct_frames(void **state)
{
	static uint8_t seen[NFRAMES];
	uint32_t pa;
	int n = 0;

	frame_pool_add_range(&pool, PA(0), PA(NFRAMES));
	memset(seen, 0, sizeof(seen));
	while ((pa = frame_pool_alloc(&pool))) {
		uint32_t i = (pa >> PAGE_SHIFT) - BASE_PFN;

		assert_int_equal(pa % PAGE_SIZE, 0);
		assert_true(i < NFRAMES);
		assert_int_equal(seen[i], 0);
		assert_int_equal(frame_pool_refcount(&pool, pa), 1);
		seen[i] = 1;
		n++;
	}
	assert_int_equal(n, NFRAMES);
	assert_int_equal(pool.free, 0);
	for (int i = 0; i < NFRAMES; i++)
		assert_int_equal(frame_pool_put(&pool, PA(i)), 0);
	assert_int_equal(pool.free, NFRAMES);
}

static void test_freed_frame_is_reused(void **state)
{
	uint32_t a, b;

	frame_pool_add_range(&pool, PA(10), PA(12));
	a = frame_pool_alloc(&pool);
	b = frame_pool_alloc(&pool);
	assert_int_not_equal(a, b);
	assert_int_equal(frame_pool_alloc(&pool), 0);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_equal(frame_pool_alloc(&pool), a);
}

static void test_reserve_keeps_last_frames(void **state)
{
	uint32_t a;

	frame_pool_add_range(&pool, PA(10), PA(14));	/* 4 frames */
	assert_int_not_equal(frame_pool_alloc_above(&pool, 2), 0);
	assert_int_not_equal(a = frame_pool_alloc_above(&pool, 2), 0);
	assert_int_equal(frame_pool_alloc_above(&pool, 2), 0);
	assert_int_equal(pool.free, 2);
	assert_int_not_equal(frame_pool_alloc_above(&pool, 0), 0);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_not_equal(frame_pool_alloc_above(&pool, 1), 0);
	assert_int_equal(frame_pool_alloc_above(&pool, 1), 0);
	assert_int_not_equal(frame_pool_alloc_above(&pool, 0), 0);
	assert_int_equal(frame_pool_alloc_above(&pool, 0), 0);
}

static void test_refcounts_free_at_zero(void **state)
{
	uint32_t a;

	frame_pool_add_range(&pool, PA(0), PA(4));
	a = frame_pool_alloc(&pool);
	assert_int_equal(frame_pool_get(&pool, a), 0);
	assert_int_equal(frame_pool_get(&pool, a), 0);
	assert_int_equal(frame_pool_refcount(&pool, a), 3);
	assert_int_equal(pool.free, 3);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_equal(pool.free, 3);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_equal(pool.free, 4);
	assert_int_equal(frame_pool_refcount(&pool, a), 0);
	/* a reference to a free frame is a bug */
	assert_int_equal(frame_pool_get(&pool, a), -ENOENT);
}

static void test_refcount_saturates_with_erange(void **state)
{
	uint32_t a;

	frame_pool_add_range(&pool, PA(0), PA(1));
	a = frame_pool_alloc(&pool);
	for (unsigned i = 1; i < FRAME_REF_MAX; i++)
		assert_int_equal(frame_pool_get(&pool, a), 0);
	assert_int_equal(frame_pool_get(&pool, a), -ERANGE);
	assert_int_equal(frame_pool_refcount(&pool, a), FRAME_REF_MAX);
}

static void test_double_free_and_bad_frees_detected(void **state)
{
	uint32_t a;

	frame_pool_add_range(&pool, PA(0), PA(50));
	a = frame_pool_alloc(&pool);
	assert_int_equal(frame_pool_put(&pool, a), 0);
	assert_int_equal(frame_pool_put(&pool, a), -ENOENT);
	assert_int_equal(pool.free, 50);
	/* reserved (never added), unaligned, outside the pool */
	assert_int_equal(frame_pool_put(&pool, PA(60)), -EPERM);
	assert_int_equal(frame_pool_put(&pool, PA(1) + 4), -EINVAL);
	assert_int_equal(frame_pool_put(&pool, PA(NFRAMES)), -EINVAL);
	assert_int_equal(frame_pool_put(&pool, PA(0) - PAGE_SIZE), -EINVAL);
	assert_int_equal(frame_pool_refcount(&pool, PA(60)), FRAME_RESERVED);
	assert_int_equal(pool.free, 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_new_pool_has_nothing_free, setup),
		cmocka_unit_test_setup(test_add_range_counts_whole_frames_only,
				       setup),
		cmocka_unit_test_setup(test_frame_zero_is_never_free, setup),
		cmocka_unit_test_setup(
			test_alloc_until_empty_gives_distinct_frames, setup),
		cmocka_unit_test_setup(test_freed_frame_is_reused, setup),
		cmocka_unit_test_setup(test_reserve_keeps_last_frames, setup),
		cmocka_unit_test_setup(test_refcounts_free_at_zero, setup),
		cmocka_unit_test_setup(test_refcount_saturates_with_erange,
				       setup),
		cmocka_unit_test_setup(test_double_free_and_bad_frees_detected,
				       setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
