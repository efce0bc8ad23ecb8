/*
 * t_malloc_blocks_overlap_or_unbacked - malloc, calloc and realloc give
 * usable, separate memory at every size class.
 *
 * Bug: the heap grows wrongly. brk does not really extend the data segment
 * (small blocks overlap or fault), a 1 MiB block crosses into unmapped
 * pages, a 16 MiB block (which malloc takes from mmap) is not backed, fresh
 * anonymous memory is not zeroed (calloc relies on it), or realloc loses
 * the old contents when it moves a block.
 */
#include "tests/testlib.h"

#include <stdint.h>

static unsigned char pat(uintptr_t i, unsigned seed)
{
	return (unsigned char)((i * 131u + seed * 7u + (i >> 9)) & 0xff);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = pat(i, seed);
}

static int verify(const unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != pat(i, seed))
			return 0;
	return 1;
}

/* Many small blocks of every size from 16 B to 4 KiB, all live at once,
 * each holding its own pattern: an overlap corrupts a neighbour. */
static void small_blocks(void)
{
	static unsigned char *blk[64];
	size_t size[64];
	int i, ok = 1;

	for (i = 0; i < 64; i++) {
		size[i] = 16 + (size_t)i * 4080 / 63;
		blk[i] = malloc(size[i]);
		if (!blk[i]) {
			ok = 0;
			break;
		}
		fill(blk[i], size[i], i);
	}
	check(ok, "64 small blocks (16 B .. 4 KiB) allocated");
	for (i = 0; ok && i < 64; i++)
		ok = verify(blk[i], size[i], i);
	check(ok, "every small block still holds its own pattern");
	ok = 1;
	for (i = 0; i < 64 && blk[i]; i++)
		ok &= ((uintptr_t)blk[i] % 8) == 0;
	check(ok, "small blocks are 8-byte aligned");
	for (i = 0; i < 64; i++)
		free(blk[i]);
}

static void large_block(void)
{
	size_t n = 1 << 20;
	unsigned char *p = malloc(n);

	check(p != NULL, "malloc(1 MiB) succeeds");
	if (!p)
		return;
	fill(p, n, 5);
	check(verify(p, n, 5), "1 MiB block holds a pattern in every byte");
	free(p);
}

/* 16 MiB: touch every page (first and last word), not every byte. */
static void huge_block(void)
{
	size_t n = 16 << 20, i;
	uint32_t *p = malloc(n);
	int ok = 1;

	check(p != NULL, "malloc(16 MiB) succeeds");
	if (!p)
		return;
	for (i = 0; i < n / 4; i += 1024) {
		p[i] = (uint32_t)i ^ 0xa5a5a5a5u;
		p[i + 1023] = (uint32_t)i * 3;
	}
	for (i = 0; ok && i < n / 4; i += 1024)
		ok = p[i] == ((uint32_t)i ^ 0xa5a5a5a5u) &&
		     p[i + 1023] == (uint32_t)i * 3;
	check(ok, "16 MiB block: every page keeps what was written");
	free(p);
	p = malloc(n);
	check(p != NULL, "16 MiB can be allocated again after free");
	free(p);
}

static void calloc_zeroes(void)
{
	size_t sizes[] = { 24, 4096, 1 << 20, 8 << 20 };
	int i;

	for (i = 0; i < 4; i++) {
		unsigned char *p = calloc(sizes[i], 1);
		size_t j, nz = 0;

		if (!p) {
			check(0, "calloc(%zu) succeeds", sizes[i]);
			continue;
		}
		for (j = 0; j < sizes[i]; j++)
			nz += p[j] != 0;
		check(nz == 0, "calloc(%zu) is all zero (%zu nonzero bytes)",
		      sizes[i], nz);
		/* dirty it so a recycled block would show up next time */
		memset(p, 0xee, sizes[i]);
		free(p);
	}
}

static void realloc_grows(void)
{
	unsigned char *p = malloc(100), *q;
	size_t n = 100;
	int ok = 1;

	if (!p) {
		check(0, "malloc(100) succeeds");
		return;
	}
	fill(p, n, 9);
	while (ok && n < (4u << 20)) {
		q = realloc(p, n * 4);
		if (!q) {
			ok = 0;
			break;
		}
		p = q;
		ok = verify(p, n, 9);
		n *= 4;
		fill(p, n, 9);
	}
	check(ok, "realloc from 100 B to %zu B keeps the old contents", n);
	q = realloc(p, 50);
	check(q != NULL && verify(q, 50, 9), "realloc shrink keeps the prefix");
	free(q ? q : p);
}

int main(int argc, char **argv)
{
	test_init(argv);
	small_blocks();
	large_block();
	huge_block();
	calloc_zeroes();
	realloc_grows();
	return test_done();
}
