/*
 * Host tests for the heap in kernel/mm/kmalloc.c, over a fake page source
 * that counts pages and can run dry.
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
#include "mm.h"

#define MAX_PAGES 1024

static void *pages[MAX_PAGES];
static int npages;		/* pages handed out and not returned */
static int page_budget;		/* pages the source may still give */

static void *fake_page_alloc(void)
{
	void *p;

	if (page_budget == 0)
		return NULL;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	assert_non_null(p);
	memset(p, 0x5A, PAGE_SIZE);	/* garbage, like a fresh frame */
	for (int i = 0; i < MAX_PAGES; i++) {
		if (!pages[i]) {
			pages[i] = p;
			npages++;
			page_budget--;
			return p;
		}
	}
	fail_msg("fake page source full");
	return NULL;
}

static void fake_page_free(void *p)
{
	for (int i = 0; i < MAX_PAGES; i++) {
		if (pages[i] == p) {
			pages[i] = NULL;
			npages--;
			page_budget++;
			free(p);
			return;
		}
	}
	fail_msg("page %p freed but not allocated", p);
}

static struct kheap heap;

static int setup(void **state)
{
	memset(&heap, 0, sizeof(heap));
	heap.page_alloc = fake_page_alloc;
	heap.page_free = fake_page_free;
	memset(pages, 0, sizeof(pages));
	npages = 0;
	page_budget = MAX_PAGES;
	return 0;
}

static void assert_heap_empty(void)
{
	assert_int_equal(heap.live_objects, 0);
	assert_int_equal(heap.live_bytes, 0);
	assert_int_equal(npages, 0);
}

static void test_sizes_round_to_classes(void **state)
{
	static const size_t req[] = { 1, 16, 17, 33, 100, 128, 129, 1000,
				      2048, 2049, 4096 };
	static const size_t want[] = { 16, 16, 32, 64, 128, 128, 256, 1024,
				       2048, 4096, 4096 };
	void *p[11];
	uint32_t bytes = 0;

	for (int i = 0; i < 11; i++) {
		p[i] = kheap_alloc(&heap, req[i]);
		assert_non_null(p[i]);
		assert_int_equal(kheap_usable(&heap, p[i]), want[i]);
		assert_int_equal((uintptr_t)p[i] % (want[i] < 16 ? want[i]
								  : 16), 0);
		memset(p[i], i, req[i]);
		bytes += want[i];
	}
	assert_int_equal(heap.live_objects, 11);
	assert_int_equal(heap.live_bytes, bytes);
	for (int i = 0; i < 11; i++)
		assert_int_equal(kheap_free(&heap, p[i]), 0);
	assert_heap_empty();
}

static void test_zero_and_too_big_are_null(void **state)
{
	assert_null(kheap_alloc(&heap, 0));
	assert_null(kheap_alloc(&heap, KMALLOC_MAX + 1));
	assert_null(kheap_alloc(&heap, (size_t)-1));
	assert_heap_empty();
}

static void test_objects_do_not_overlap(void **state)
{
	enum { N = 600 };	/* several slabs of 32-byte objects */
	static uint8_t *p[N];

	for (int i = 0; i < N; i++) {
		p[i] = kheap_alloc(&heap, 24);
		assert_non_null(p[i]);
		memset(p[i], i & 0xFF, 24);
	}
	for (int i = 0; i < N; i++)
		for (int j = 0; j < 24; j++)
			assert_int_equal(p[i][j], i & 0xFF);
	for (int i = 0; i < N; i += 2)
		assert_int_equal(kheap_free(&heap, p[i]), 0);
	for (int i = 1; i < N; i += 2)
		assert_int_equal(kheap_free(&heap, p[i]), 0);
	assert_heap_empty();
}

static void test_freed_object_is_reused(void **state)
{
	void *a = kheap_alloc(&heap, 40), *b = kheap_alloc(&heap, 40), *c;

	assert_int_equal(kheap_free(&heap, a), 0);
	c = kheap_alloc(&heap, 50);
	assert_ptr_equal(c, a);
	assert_int_equal(npages, 1);
	kheap_free(&heap, b);
	kheap_free(&heap, c);
	assert_heap_empty();
}

static void test_full_slab_goes_back_on_partial_list(void **state)
{
	void *p[2];

	/* a 2 KiB slab holds one object: each alloc fills its slab */
	p[0] = kheap_alloc(&heap, 2000);
	p[1] = kheap_alloc(&heap, 2000);
	assert_int_equal(npages, 2);
	assert_int_equal(kheap_free(&heap, p[0]), 0);
	assert_int_equal(npages, 1);
	assert_int_equal(kheap_free(&heap, p[1]), 0);
	assert_heap_empty();
}

static void test_double_free_detected(void **state)
{
	void *keep = kheap_alloc(&heap, 64), *a = kheap_alloc(&heap, 64);

	assert_int_equal(kheap_free(&heap, a), 0);
	assert_int_equal(kheap_free(&heap, a), -ENOENT);
	assert_int_equal(heap.live_objects, 1);
	/* live data that looks like a freed object is still live */
	memset(keep, 0xF4, 64);
	assert_int_equal(kheap_free(&heap, keep), 0);
	assert_heap_empty();
}

static void test_bad_pointers_rejected(void **state)
{
	char *a = kheap_alloc(&heap, 100);
	static char not_heap[64] __attribute__((aligned(4096)));

	assert_int_equal(kheap_free(&heap, a + 8), -EINVAL);
	assert_int_equal(kheap_free(&heap, not_heap + 32), -EINVAL);
	assert_int_equal(kheap_usable(&heap, a + 1), 0);
	assert_int_equal(heap.live_objects, 1);
	assert_int_equal(kheap_free(&heap, a), 0);
	assert_heap_empty();
}

static void test_out_of_pages_is_null_and_recovers(void **state)
{
	void *a, *b;

	page_budget = 1;
	a = kheap_alloc(&heap, 3000);
	assert_non_null(a);
	assert_null(kheap_alloc(&heap, 3000));
	assert_null(kheap_alloc(&heap, 16));
	assert_int_equal(heap.live_objects, 1);
	assert_int_equal(kheap_free(&heap, a), 0);
	b = kheap_alloc(&heap, 16);
	assert_non_null(b);
	assert_int_equal(kheap_free(&heap, b), 0);
	assert_heap_empty();
}

static void test_counters_return_to_zero_after_churn(void **state)
{
	enum { N = 400 };
	static void *p[N];
	unsigned seed = 12345;

	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < N; i++) {
			seed = seed * 1103515245 + 12345;
			p[i] = kheap_alloc(&heap, 1 + (seed >> 8) % 4096);
			assert_non_null(p[i]);
		}
		for (int i = N - 1; i >= 0; i--)
			assert_int_equal(kheap_free(&heap, p[i]), 0);
		assert_heap_empty();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sizes_round_to_classes, setup),
		cmocka_unit_test_setup(test_zero_and_too_big_are_null, setup),
		cmocka_unit_test_setup(test_objects_do_not_overlap, setup),
		cmocka_unit_test_setup(test_freed_object_is_reused, setup),
		cmocka_unit_test_setup(test_full_slab_goes_back_on_partial_list,
				       setup),
		cmocka_unit_test_setup(test_double_free_detected, setup),
		cmocka_unit_test_setup(test_bad_pointers_rejected, setup),
		cmocka_unit_test_setup(test_out_of_pages_is_null_and_recovers,
				       setup),
		cmocka_unit_test_setup(test_counters_return_to_zero_after_churn,
				       setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
