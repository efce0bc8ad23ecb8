/*
 * Host tests for the pipe ring buffer and the per-user pipe page
 * accounting (kernel/fs/pipe_ring.c).
 *
 * Bug: the ring wraps wrongly (bytes duplicated, lost or reordered once
 * the write index passes the end of the buffer), a put overwrites
 * queued bytes when the ring is full, or a get returns more than was
 * queued. And: a copy that faults part-way (a user buffer running into an
 * unmapped page) loses the count of the whole PIPE_BUF pieces moved
 * before the fault, or moves part of a piece.
 * Bug: pipe buffers were not limited per user, so one user's pipes
 * could take all memory; the accounting must give the small size
 * exactly when Linux's alloc_pipe_info does (the user's pages with this
 * pipe's would exceed the soft limit), refuse a pipe past the hard
 * limit, spare privileged users, keep users apart, and give every page
 * back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pipe.h"

#define SIZE 64

static uint8_t mem[SIZE];
static struct pipe_ring r;

static int setup(void **state)
{
	memset(mem, 0xAA, sizeof(mem));
	pipe_ring_init(&r, mem, SIZE);
	return 0;
}

static uint8_t pat(uint32_t i)
{
	return (uint8_t)(i * 7 + (i >> 5));
}

static void test_empty_ring_gives_nothing(void **state)
{
	uint8_t b[8];

	assert_int_equal(pipe_ring_count(&r), 0);
	assert_int_equal(pipe_ring_space(&r), SIZE);
	assert_int_equal(pipe_ring_get(&r, b, sizeof(b)), 0);
}

static void test_full_ring_refuses_overwrite(void **state)
{
	uint8_t src[SIZE + 10], dst[SIZE + 10];

	for (int i = 0; i < SIZE + 10; i++)
		src[i] = pat(i);
	assert_int_equal(pipe_ring_put(&r, src, SIZE + 10), SIZE);
	assert_int_equal(pipe_ring_space(&r), 0);
	assert_int_equal(pipe_ring_put(&r, src, 1), 0);
	assert_int_equal(pipe_ring_get(&r, dst, sizeof(dst)), SIZE);
	assert_memory_equal(src, dst, SIZE);
}

/* Odd-sized puts and gets carry a long stream across many wraps. */
static void test_stream_survives_wraparound(void **state)
{
	uint32_t wr = 0, rd = 0, bad = 0;
	uint8_t buf[SIZE];

	while (rd < 10000) {
		uint32_t n = (wr % 23) + 1, got;

		for (uint32_t i = 0; i < n; i++)
			buf[i] = pat(wr + i);
		wr += pipe_ring_put(&r, buf, n);
		got = pipe_ring_get(&r, buf, (rd % 17) + 1);
		for (uint32_t i = 0; i < got; i++)
			bad += buf[i] != pat(rd + i);
		rd += got;
		assert_true(pipe_ring_count(&r) == wr - rd);
		assert_true(pipe_ring_count(&r) <= SIZE);
	}
	assert_int_equal(bad, 0);
}

/* A put that must wrap splits across the end of the buffer. */
static void test_put_split_across_end(void **state)
{
	uint8_t a[SIZE], b[SIZE];

	memset(a, 1, sizeof(a));
	assert_int_equal(pipe_ring_put(&r, a, SIZE - 4), SIZE - 4);
	assert_int_equal(pipe_ring_get(&r, b, SIZE - 8), SIZE - 8);
	for (int i = 0; i < 12; i++)
		a[i] = (uint8_t)(100 + i);
	assert_int_equal(pipe_ring_put(&r, a, 12), 12);	/* wraps */
	assert_int_equal(pipe_ring_get(&r, b, 4), 4);
	assert_memory_equal(b, "\1\1\1\1", 4);
	assert_int_equal(pipe_ring_get(&r, b, 64), 12);
	for (int i = 0; i < 12; i++)
		assert_int_equal(b[i], 100 + i);
}

/* Copies fail when they touch [bad_lo, bad_hi), as a copy to or from an
 * unmapped user page does. */
static const uint8_t *bad_lo, *bad_hi;

static int faulty_copy(void *dst, const void *src, size_t n)
{
	const uint8_t *d = dst, *s = src;

	if (n && ((d < bad_hi && d + n > bad_lo) ||
		  (s < bad_hi && s + n > bad_lo)))
		return -14;	/* EFAULT */
	memcpy(dst, src, n);
	return 0;
}

/* A fault ends a transfer after the whole pieces before it. */
static void test_fault_keeps_whole_pieces(void **state)
{
	static uint8_t big[4 * PIPE_BUF], src[3 * PIPE_BUF], dst[3 * PIPE_BUF];
	struct pipe_ring br;

	for (uint32_t i = 0; i < sizeof(src); i++)
		src[i] = pat(i);
	pipe_ring_init(&br, big, sizeof(big));
	bad_lo = src + PIPE_BUF + 100;
	bad_hi = src + sizeof(src);
	assert_int_equal(pipe_ring_put_copy(&br, src, sizeof(src),
					    faulty_copy), PIPE_BUF);
	assert_int_equal(pipe_ring_count(&br), PIPE_BUF);
	bad_lo = src;		/* a fault in the first piece: nothing */
	assert_int_equal(pipe_ring_put_copy(&br, src, 200, faulty_copy),
			 -14);
	assert_int_equal(pipe_ring_count(&br), PIPE_BUF);
	bad_lo = bad_hi = NULL;
	assert_int_equal(pipe_ring_put(&br, src + PIPE_BUF, 2 * PIPE_BUF),
			 2 * PIPE_BUF);

	bad_lo = dst + 2 * PIPE_BUF + 1;
	bad_hi = dst + sizeof(dst);
	assert_int_equal(pipe_ring_get_copy(&br, dst, sizeof(dst),
					    faulty_copy), 2 * PIPE_BUF);
	assert_memory_equal(dst, src, 2 * PIPE_BUF);
	bad_lo = dst;
	assert_int_equal(pipe_ring_get_copy(&br, dst, 10, faulty_copy), -14);
	assert_int_equal(pipe_ring_count(&br), PIPE_BUF);
	bad_lo = bad_hi = NULL;
	assert_int_equal(pipe_ring_get(&br, dst, sizeof(dst)), PIPE_BUF);
	assert_memory_equal(dst, src + 2 * PIPE_BUF, PIPE_BUF);
}

static const struct pipe_limit lim = { .want = 16, .min = 2, .soft = 64 };

static void test_soft_limit_gives_small_pipes(void **state)
{
	static struct pipe_users t;
	uint32_t c[8];

	for (int i = 0; i < 4; i++)	/* 16, 32, 48, 64: not above 64 */
		assert_int_equal(pipe_users_charge(&t, 1000, &lim, false,
						   &c[i]), 16);
	assert_int_equal(pipe_users_charge(&t, 1000, &lim, false, &c[4]), 2);
	assert_int_equal(c[4], 2);
	assert_int_equal(pipe_users_pages(&t, 1000), 66);
	/* another user is not affected, root is exempt */
	assert_int_equal(pipe_users_charge(&t, 1001, &lim, false, &c[5]), 16);
	assert_int_equal(pipe_users_charge(&t, 1000, &lim, true, &c[6]), 16);
	assert_int_equal(t.total, 66 + 16 + 16);
	/* root's pipe counts for its uid too: 82 pages; down to 50 the
	 * next pipe would still make 66, above; down to 34 it is full */
	pipe_users_uncharge(&t, 1000, c[6]);
	pipe_users_uncharge(&t, 1000, c[0]);
	assert_int_equal(pipe_users_charge(&t, 1000, &lim, false, &c[7]), 2);
	pipe_users_uncharge(&t, 1000, c[7]);
	pipe_users_uncharge(&t, 1000, c[1]);
	assert_int_equal(pipe_users_charge(&t, 1000, &lim, false, &c[7]), 16);
	for (int i = 2; i < 8; i++)
		if (i != 6)
			pipe_users_uncharge(&t, i == 5 ? 1001 : 1000, c[i]);
	assert_int_equal(t.total, 0);
	assert_int_equal(pipe_users_pages(&t, 1000), 0);
	assert_int_equal(pipe_users_pages(&t, 1001), 0);
}

static void test_hard_limit_refuses_new_pipes(void **state)
{
	static struct pipe_users t;
	const struct pipe_limit hl = { .want = 16, .min = 2, .soft = 32,
				       .hard = 40 };
	uint32_t c;

	assert_int_equal(pipe_users_charge(&t, 1000, &hl, false, &c), 16);
	assert_int_equal(pipe_users_charge(&t, 1000, &hl, false, &c), 16);
	for (int i = 0; i < 4; i++)	/* 34, 36, 38, 40: not above 40 */
		assert_int_equal(pipe_users_charge(&t, 1000, &hl, false, &c),
				 2);
	assert_int_equal(pipe_users_charge(&t, 1000, &hl, false, &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(pipe_users_pages(&t, 1000), 40);
	assert_int_equal(pipe_users_charge(&t, 1000, &hl, true, &c), 16);
	assert_int_equal(pipe_users_pages(&t, 1000), 56);
}

static void test_full_table_gives_small_uncharged(void **state)
{
	static struct pipe_users t;
	uint32_t c;

	for (uint32_t uid = 0; uid < PIPE_USERS_MAX; uid++)
		assert_int_equal(pipe_users_charge(&t, uid, &lim, false, &c),
				 16);
	assert_int_equal(pipe_users_charge(&t, 5000, &lim, false, &c), 2);
	assert_int_equal(c, 0);
	assert_int_equal(pipe_users_charge(&t, 5000, &lim, true, &c), 16);
	assert_int_equal(c, 0);
	assert_int_equal(t.total, 16 * PIPE_USERS_MAX);
	pipe_users_uncharge(&t, 3, 16);		/* slot 3 frees up */
	assert_int_equal(pipe_users_charge(&t, 5000, &lim, false, &c), 16);
	assert_int_equal(c, 16);
	assert_int_equal(pipe_users_pages(&t, 5000), 16);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_empty_ring_gives_nothing),
		T(test_full_ring_refuses_overwrite),
		T(test_stream_survives_wraparound),
		T(test_put_split_across_end),
		T(test_fault_keeps_whole_pieces),
		T(test_soft_limit_gives_small_pipes),
		T(test_hard_limit_refuses_new_pipes),
		T(test_full_table_gives_small_uncharged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
