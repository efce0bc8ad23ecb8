/*
 * kernel/mm/memmap.c - the loader's memory map, turned into free ranges.
 *
 * Owns no state: every function works on the caller's arrays, so the
 * same code runs in the kernel and in host unit tests.
 *
 * Method: build the union of the available entries clipped to the limit
 * (byte precision, so two unaligned halves of one page still make the
 * page), subtract every non-available entry and every reserved range,
 * then shrink each range inward to whole pages. The working set is kept
 * sorted, disjoint and non-adjacent at every step.
 *
 * Memory map semantics follow Multiboot2 spec 3.6.8 ("Memory map") and
 * ACPI 6.4, 15 ("System Address Map Interfaces"): type 1 is RAM, any
 * other type is not.
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"

/* Remove r[i..j) and put [s, e) in their place; needs a free slot only
 * when i == j. */
static int set_replace(struct phys_range *r, unsigned *n, unsigned max,
		       unsigned i, unsigned j, uint32_t s, uint32_t e)
{
	if (i == j) {
		if (*n == max)
			return -E2BIG;
		memmove(&r[i + 1], &r[i], (*n - i) * sizeof(*r));
		(*n)++;
	} else if (j > i + 1) {
		memmove(&r[i + 1], &r[j], (*n - j) * sizeof(*r));
		*n -= j - i - 1;
	}
	r[i] = (struct phys_range){s, e};
	return 0;
}

/* Union [s, e) into the set, merging what it overlaps or touches. */
static int set_add(struct phys_range *r, unsigned *n, unsigned max, uint32_t s,
		   uint32_t e)
{
	unsigned i = 0, j;

	while (i < *n && r[i].end < s)
		i++;
	for (j = i; j < *n && r[j].start <= e; j++) {
		s = MIN(s, r[j].start);
		e = MAX(e, r[j].end);
	}
	return set_replace(r, n, max, i, j, s, e);
}

/* Remove r[i] from the set. */
static void set_del(struct phys_range *r, unsigned *n, unsigned i)
{
	memmove(&r[i], &r[i + 1], (*n - i - 1) * sizeof(*r));
	(*n)--;
}

/* Subtract [s, e) from the set; splitting a range needs a free slot. */
static int set_sub(struct phys_range *r, unsigned *n, unsigned max, uint32_t s,
		   uint32_t e)
{
	unsigned i = 0;

	while (i < *n && r[i].end <= s)
		i++;
	while (i < *n && r[i].start < e) {
		struct phys_range cur = r[i];

		if (cur.start < s && cur.end > e) {
			r[i].end = s;
			return set_replace(r, n, max, i + 1, i + 1, e, cur.end);
		}
		if (cur.start < s) {
			r[i++].end = s;
		} else if (cur.end > e) {
			r[i].start = e;
			return 0;
		} else {
			set_del(r, n, i);
		}
	}
	return 0;
}

/* One past the last byte of an entry; saturates instead of wrapping. */
static uint64_t entry_end(const struct mmap_entry *m)
{
	uint64_t end = m->base + m->len;

	return end < m->base ? UINT64_MAX : end;
}

/* Clip a map entry to [0, limit); false when nothing is left. */
static bool clip_entry(const struct mmap_entry *m, uint32_t limit, uint32_t *s,
		       uint32_t *e)
{
	uint64_t end = entry_end(m);

	if (m->len == 0 || m->base >= limit)
		return false;
	*s = (uint32_t)m->base;
	*e = (uint32_t)MIN(end, (uint64_t)limit);
	return true;
}

/* Shrink every range inward to whole pages; drop the empty ones. */
static void set_page_align(struct phys_range *r, unsigned *n)
{
	unsigned i, k = 0;

	for (i = 0; i < *n; i++) {
		uint32_t s = ALIGN_UP(r[i].start, PAGE_SIZE);
		uint32_t e = ALIGN_DOWN(r[i].end, PAGE_SIZE);

		if (s < r[i].start) /* wrapped: no whole page left */
			continue;
		if (s < e)
			r[k++] = (struct phys_range){s, e};
	}
	*n = k;
}

static int check_args(const struct mmap_entry *map, unsigned n,
		      const struct phys_range *reserved, unsigned nres,
		      uint32_t limit, const struct phys_range *out,
		      unsigned max, const unsigned *count)
{
	unsigned i;

	if ((n && !map) || (nres && !reserved) || !out || !max || !count)
		return -EINVAL;
	if (limit % PAGE_SIZE)
		return -EINVAL;
	for (i = 0; i < nres; i++)
		if (reserved[i].start > reserved[i].end)
			return -EINVAL;
	return 0;
}

int memmap_free_ranges(const struct mmap_entry *map, unsigned n,
		       const struct phys_range *reserved, unsigned nres,
		       uint32_t limit, struct phys_range *out, unsigned max,
		       unsigned *count)
{
	unsigned i, cnt = 0;
	uint32_t s, e;
	int err;

	err = check_args(map, n, reserved, nres, limit, out, max, count);
	if (err)
		return err;
	*count = 0;
	for (i = 0; i < n; i++) {
		if (map[i].type != MMAP_AVAILABLE ||
		    !clip_entry(&map[i], limit, &s, &e))
			continue;
		if ((err = set_add(out, &cnt, max, s, e)))
			return err;
	}
	for (i = 0; i < n; i++) {
		if (map[i].type == MMAP_AVAILABLE ||
		    !clip_entry(&map[i], limit, &s, &e))
			continue;
		if ((err = set_sub(out, &cnt, max, s, e)))
			return err;
	}
	for (i = 0; i < nres; i++) {
		e = MIN(reserved[i].end, limit);
		if (reserved[i].start >= e)
			continue;
		if ((err = set_sub(out, &cnt, max, reserved[i].start, e)))
			return err;
	}
	set_page_align(out, &cnt);
	*count = cnt;
	return 0;
}

/* The lowest start >= pos of an available entry that ends after pos. */
static bool next_available(const struct mmap_entry *map, unsigned n,
			   uint64_t pos, uint64_t *start)
{
	uint64_t best = UINT64_MAX;
	bool found = false;
	unsigned i;

	for (i = 0; i < n; i++) {
		if (map[i].type != MMAP_AVAILABLE || !map[i].len ||
		    entry_end(&map[i]) <= pos)
			continue;
		best = MIN(best, MAX(map[i].base, pos));
		found = true;
	}
	*start = best;
	return found;
}

/* Extend a run ending at end through every entry overlapping or touching
 * it. */
static uint64_t run_end(const struct mmap_entry *map, unsigned n, uint64_t end)
{
	bool grew = true;
	unsigned i;

	while (grew) {
		grew = false;
		for (i = 0; i < n; i++) {
			uint64_t e = entry_end(&map[i]);

			if (map[i].type == MMAP_AVAILABLE &&
			    map[i].base <= end && e > end) {
				end = e;
				grew = true;
			}
		}
	}
	return end;
}

uint64_t memmap_installed_bytes(const struct mmap_entry *map, unsigned n)
{
	uint64_t total = 0, pos = 0, s, e;

	if (!map)
		return 0;
	while (next_available(map, n, pos, &s)) {
		e = run_end(map, n, s);
		total += e - s;
		pos = e;
	}
	return total;
}

uint64_t memmap_ranges_bytes(const struct phys_range *r, unsigned n)
{
	uint64_t total = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		total += r[i].end - r[i].start;
	return total;
}
