/*
 * Host tests for the region list in kernel/mm/vma.c: insert with merging,
 * remove and protect with splits, the ENOMEM edges of a full array, the
 * top-down gap search, and a randomised run against a page-by-page model.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h"
#include "param.h"
#include "vma.h"

#define P(n)	((uint32_t)(n) * PAGE_SIZE)
#define RW	3u
#define RO	1u

static struct vma arr[16];
static struct vma_set set;

static int setup(void **state)
{
	memset(arr, 0xA5, sizeof(arr));
	vma_set_init(&set, arr, 16);
	return 0;
}

/* The set is sorted, disjoint, page-aligned and has no mergeable
 * neighbours. */
static void assert_canonical(const struct vma_set *s)
{
	for (unsigned i = 0; i < s->n; i++) {
		assert_true(s->v[i].start < s->v[i].end);
		assert_int_equal(s->v[i].start % PAGE_SIZE, 0);
		assert_int_equal(s->v[i].end % PAGE_SIZE, 0);
		if (i == 0)
			continue;
		assert_true(s->v[i - 1].end <= s->v[i].start);
		assert_false(s->v[i - 1].end == s->v[i].start &&
			     s->v[i - 1].prot == s->v[i].prot &&
			     s->v[i - 1].flags == s->v[i].flags);
	}
}

static void assert_region(unsigned i, uint32_t start, uint32_t end,
			  uint32_t prot)
{
	assert_true(i < set.n);
	assert_int_equal(set.v[i].start, start);
	assert_int_equal(set.v[i].end, end);
	assert_int_equal(set.v[i].prot, prot);
}

/* Bug: neighbours of the same kind left as separate regions, or regions
 * of different kinds merged. */
static void insert_merges_same_kind_only(void **state)
{
	assert_int_equal(vma_insert(&set, P(10), P(20), RW, 0), 0);
	assert_int_equal(vma_insert(&set, P(30), P(40), RW, 0), 0);
	assert_int_equal(vma_insert(&set, P(20), P(30), RW, 0), 0);
	assert_int_equal(set.n, 1);
	assert_region(0, P(10), P(40), RW);
	assert_int_equal(vma_insert(&set, P(40), P(41), RO, 0), 0);
	assert_int_equal(vma_insert(&set, P(9), P(10), RW, 0x10), 0);
	assert_int_equal(set.n, 3);
	assert_region(0, P(9), P(10), RW);
	assert_region(1, P(10), P(40), RW);
	assert_region(2, P(40), P(41), RO);
	assert_canonical(&set);
}

/* Bug: an overlapping or malformed insert accepted. */
static void insert_rejects_overlap_and_bad_ranges(void **state)
{
	assert_int_equal(vma_insert(&set, P(10), P(20), RW, 0), 0);
	assert_int_equal(vma_insert(&set, P(19), P(21), RW, 0), -EEXIST);
	assert_int_equal(vma_insert(&set, P(5), P(11), RW, 0), -EEXIST);
	assert_int_equal(vma_insert(&set, P(12), P(13), RW, 0), -EEXIST);
	assert_int_equal(vma_insert(&set, P(5), P(5), RW, 0), -EINVAL);
	assert_int_equal(vma_insert(&set, P(6), P(5), RW, 0), -EINVAL);
	assert_int_equal(vma_insert(&set, 100, P(5), RW, 0), -EINVAL);
	assert_int_equal(set.n, 1);
}

/* Bug: munmap of a middle part loses the tail, or of several regions
 * leaves pieces behind. */
static void remove_splits_and_trims(void **state)
{
	vma_insert(&set, P(10), P(20), RW, 0);
	vma_insert(&set, P(30), P(40), RO, 0);
	assert_int_equal(vma_remove(&set, P(12), P(14)), 0);
	assert_int_equal(set.n, 3);
	assert_region(0, P(10), P(12), RW);
	assert_region(1, P(14), P(20), RW);
	assert_int_equal(vma_remove(&set, P(15), P(35)), 0);
	assert_int_equal(set.n, 3);
	assert_region(1, P(14), P(15), RW);
	assert_region(2, P(35), P(40), RO);
	assert_int_equal(vma_remove(&set, P(0), P(100)), 0);
	assert_int_equal(set.n, 0);
	assert_int_equal(vma_remove(&set, P(0), P(100)), 0);
}

/* Bug: mprotect in the middle of a region not split in three, a hole not
 * reported as ENOMEM, or restoring the old prot not merging back. */
static void protect_splits_and_merges_back(void **state)
{
	vma_insert(&set, P(10), P(20), RW, 0);
	assert_int_equal(vma_protect(&set, P(12), P(14), RO), 0);
	assert_int_equal(set.n, 3);
	assert_region(1, P(12), P(14), RO);
	assert_int_equal(vma_protect(&set, P(12), P(14), RW), 0);
	assert_int_equal(set.n, 1);
	assert_region(0, P(10), P(20), RW);
	vma_insert(&set, P(21), P(22), RW, 0);
	assert_int_equal(vma_protect(&set, P(15), P(22), RO), -ENOMEM);
	assert_int_equal(set.n, 2);
	assert_region(0, P(10), P(20), RW);
	assert_int_equal(vma_protect(&set, P(10), P(20), 0), 0);
	assert_region(0, P(10), P(20), 0);
	assert_canonical(&set);
}

/* Bug: a full array overflowed by a split, or left changed by the
 * operation that failed. */
static void full_array_fails_cleanly(void **state)
{
	struct vma copy[16];

	for (unsigned i = 0; i < 16; i++)
		assert_int_equal(vma_insert(&set, P(10 * i + 10),
					    P(10 * i + 15), RW, 0), 0);
	assert_int_equal(vma_insert(&set, P(1), P(2), RW, 0), -ENOMEM);
	/* merging needs no slot */
	assert_int_equal(vma_insert(&set, P(15), P(16), RW, 0), 0);
	memcpy(copy, arr, sizeof(copy));
	assert_int_equal(vma_remove(&set, P(11), P(12)), -ENOMEM);
	assert_int_equal(vma_protect(&set, P(21), P(22), RO), -ENOMEM);
	assert_int_equal(set.n, 16);
	assert_memory_equal(copy, arr, sizeof(copy));
	/* a split at one end whose other end removes a region fits */
	assert_int_equal(vma_remove(&set, P(12), P(25)), 0);
	assert_int_equal(set.n, 15);
	assert_region(0, P(10), P(12), RW);
	assert_region(1, P(30), P(35), RW);
}

/* Bug: mmap placed over an existing region, below the window, or not at
 * the top of the highest free gap. */
static void gap_search_is_top_down(void **state)
{
	assert_int_equal(vma_find_gap(&set, P(4), P(10), P(100)), P(96));
	vma_insert(&set, P(90), P(100), RW, 0);
	vma_insert(&set, P(50), P(86), RW, 0);
	assert_int_equal(vma_find_gap(&set, P(4), P(10), P(100)), P(86));
	assert_int_equal(vma_find_gap(&set, P(5), P(10), P(100)), P(45));
	assert_int_equal(vma_find_gap(&set, P(40), P(10), P(100)), P(10));
	assert_int_equal(vma_find_gap(&set, P(41), P(10), P(100)), 0);
	assert_int_equal(vma_find_gap(&set, P(1), P(60), P(80)), 0);
	assert_int_equal(vma_find_gap(&set, P(2), P(70), P(95)), P(88));
	assert_int_equal(vma_find_gap(&set, 0, P(10), P(100)), 0);
	assert_true(vma_range_free(&set, P(86), P(90)));
	assert_false(vma_range_free(&set, P(85), P(87)));
	assert_true(vma_range_mapped(&set, P(60), P(70)));
	assert_false(vma_range_mapped(&set, P(80), P(95)));
	assert_ptr_equal(vma_find(&set, P(90)), &set.v[1]);
	assert_null(vma_find(&set, P(86)));
	assert_null(vma_find(&set, P(100)));
}

/* Bug: any sequence of operations leaving the set different from what
 * the calls asked for, page by page. */
static void random_ops_match_page_model(void **state)
{
	enum { PAGES = 64 };
	int model[PAGES];	/* prot, or -1 when unmapped */
	struct vma big[PAGES];
	struct vma_set s;

	srand(12345);
	vma_set_init(&s, big, PAGES);
	for (int i = 0; i < PAGES; i++)
		model[i] = -1;
	for (int step = 0; step < 20000; step++) {
		uint32_t a = rand() % PAGES, b = a + 1 + rand() % (PAGES - a);
		uint32_t prot = rand() % 3;
		int op = rand() % 3, err;

		if (op == 0) {
			vma_remove(&s, P(a), P(b));
			assert_int_equal(vma_insert(&s, P(a), P(b), prot, 0),
					 0);
			for (uint32_t p = a; p < b; p++)
				model[p] = (int)prot;
		} else if (op == 1) {
			assert_int_equal(vma_remove(&s, P(a), P(b)), 0);
			for (uint32_t p = a; p < b; p++)
				model[p] = -1;
		} else {
			bool hole = false;

			for (uint32_t p = a; p < b; p++)
				hole |= model[p] < 0;
			err = vma_protect(&s, P(a), P(b), prot);
			assert_int_equal(err, hole ? -ENOMEM : 0);
			for (uint32_t p = a; !hole && p < b; p++)
				model[p] = (int)prot;
		}
		assert_canonical(&s);
		for (int p = 0; p < PAGES; p++) {
			struct vma *r = vma_find(&s, P(p) + 7);

			assert_int_equal(r ? (int)r->prot : -1, model[p]);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(insert_merges_same_kind_only, setup),
		cmocka_unit_test_setup(insert_rejects_overlap_and_bad_ranges,
				       setup),
		cmocka_unit_test_setup(remove_splits_and_trims, setup),
		cmocka_unit_test_setup(protect_splits_and_merges_back, setup),
		cmocka_unit_test_setup(full_array_fails_cleanly, setup),
		cmocka_unit_test_setup(gap_search_is_top_down, setup),
		cmocka_unit_test_setup(random_ops_match_page_model, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
