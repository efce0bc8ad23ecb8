/*
 * vma.h - the list of mapped regions (VMAs) of one user address space:
 * a sorted array of disjoint page-aligned ranges with their protection
 * and flags. Pure: no page tables, no allocation (the caller gives the
 * array), so the host unit tests run it as is (tests/unit/test_vma.c).
 */
#ifndef SLEIGHT_VMA_H
#define SLEIGHT_VMA_H

#include <stdbool.h>
#include <stdint.h>

/* One region [start, end), both page-aligned, start < end. */
struct vma {
	uint32_t start;
	uint32_t end;
	uint32_t prot;	/* VM_PROT_* (vm.h) */
	uint32_t flags; /* VM_SHARED, ... (vm.h) */
};

/*
 * A set of regions: v[0..n) sorted by start, disjoint; v has room for
 * max. Adjacent regions with equal prot and flags are merged by every
 * operation that changes the set, so the set is canonical.
 */
struct vma_set {
	struct vma *v;
	unsigned n;
	unsigned max;
};

void vma_set_init(struct vma_set *s, struct vma *array, unsigned max);

/* The region containing addr, or NULL. */
struct vma *vma_find(struct vma_set *s, uint32_t addr);

/* Index of the first region that ends above addr (s->n if none). */
unsigned vma_first_after(const struct vma_set *s, uint32_t addr);

/* True when no region meets [start, end). */
bool vma_range_free(const struct vma_set *s, uint32_t start, uint32_t end);

/* True when regions cover every byte of [start, end) (no hole). */
bool vma_range_mapped(const struct vma_set *s, uint32_t start, uint32_t end);

/*
 * vma_insert - add [start, end) with prot and flags; the range must be
 * free. 0, -EINVAL (empty, unaligned or wrapping range), -EEXIST (it
 * overlaps a region), -ENOMEM (no room in the array).
 */
int vma_insert(struct vma_set *s, uint32_t start, uint32_t end, uint32_t prot,
	       uint32_t flags);

/*
 * vma_remove - take [start, end) out of the set, splitting regions it
 * cuts; parts of the range that are not mapped are fine. 0, -EINVAL (bad
 * range) or -ENOMEM (a split needs room there is not; the set is then
 * unchanged).
 */
int vma_remove(struct vma_set *s, uint32_t start, uint32_t end);

/*
 * vma_protect - set prot on every region inside [start, end), splitting
 * at the ends. 0, -EINVAL (bad range), -ENOMEM (a hole in the range, as
 * mprotect(2), or no room for a split; the set is then unchanged).
 */
int vma_protect(struct vma_set *s, uint32_t start, uint32_t end, uint32_t prot);

/*
 * vma_find_gap - the highest page-aligned address a with [a, a + len)
 * free and inside [lo, hi) (Linux's top-down mmap layout). len is bytes,
 * page-aligned and nonzero. 0 when no gap is big enough.
 */
uint32_t vma_find_gap(const struct vma_set *s, uint32_t len, uint32_t lo,
		      uint32_t hi);

#endif
