/*
 * kernel/mm/vma.c - the region list of a user address space (vma.h).
 *
 * Owns nothing but the arrays its callers hand it. Invariants kept by
 * every function, between calls: v[0..n) sorted by start, pairwise
 * disjoint, page-aligned, start < end, and no two adjacent regions
 * (a.end == b.start) with equal prot and flags. A function that fails
 * leaves the set as it found it.
 *
 * Locking: none; the owner of the address space serialises changes.
 * Pure C with no kernel calls: built for the host by the unit tests.
 * Semantics follow mmap(2), munmap(2), mprotect(2) (Linux: a hole in an
 * mprotect range is ENOMEM; munmap of unmapped parts is fine).
 */
#include "kernel.h"
#include "errno.h"
#include "vma.h"

void vma_set_init(struct vma_set *s, struct vma *array, unsigned max)
{
	s->v = array;
	s->n = 0;
	s->max = max;
}

static bool range_ok(uint32_t start, uint32_t end)
{
	return start < end && start % PAGE_SIZE == 0 && end % PAGE_SIZE == 0;
}

unsigned vma_first_after(const struct vma_set *s, uint32_t addr)
{
	unsigned lo = 0, hi = s->n;

	while (lo < hi) { /* binary search on end */
		unsigned mid = (lo + hi) / 2;

		if (s->v[mid].end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

struct vma *vma_find(struct vma_set *s, uint32_t addr)
{
	unsigned i = vma_first_after(s, addr);

	if (i < s->n && s->v[i].start <= addr)
		return &s->v[i];
	return NULL;
}

bool vma_range_free(const struct vma_set *s, uint32_t start, uint32_t end)
{
	unsigned i = vma_first_after(s, start);

	return i == s->n || s->v[i].start >= end;
}

bool vma_range_mapped(const struct vma_set *s, uint32_t start, uint32_t end)
{
	unsigned i = vma_first_after(s, start);
	uint32_t at = start;

	for (; i < s->n && at < end; i++) {
		if (s->v[i].start > at)
			return false;
		at = s->v[i].end;
	}
	return at >= end;
}

static bool same_kind(const struct vma *a, const struct vma *b)
{
	return a->prot == b->prot && a->flags == b->flags;
}

/* Split region i in two identical halves at index i and i + 1 (n < max);
 * the caller sets the boundary. */
static void duplicate(struct vma_set *s, unsigned i)
{
	memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(s->v[0]));
	s->n++;
}

static void drop(struct vma_set *s, unsigned i)
{
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(s->v[0]));
	s->n--;
}

/* Coalesce adjacent regions of the same kind (restores the invariant). */
static void merge_all(struct vma_set *s)
{
	unsigned r, w = 0;

	for (r = 0; r < s->n; r++) {
		if (w > 0 && s->v[w - 1].end == s->v[r].start &&
		    same_kind(&s->v[w - 1], &s->v[r]))
			s->v[w - 1].end = s->v[r].end;
		else
			s->v[w++] = s->v[r];
	}
	s->n = w;
}

int vma_insert(struct vma_set *s, uint32_t start, uint32_t end, uint32_t prot,
	       uint32_t flags)
{
	struct vma new = {start, end, prot, flags};
	unsigned i;
	bool prev, next;

	if (!range_ok(start, end))
		return -EINVAL;
	if (!vma_range_free(s, start, end))
		return -EEXIST;
	i = vma_first_after(s, start);
	prev = i > 0 && s->v[i - 1].end == start &&
	       same_kind(&s->v[i - 1], &new);
	next = i < s->n && s->v[i].start == end && same_kind(&s->v[i], &new);
	if (!prev && !next && s->n == s->max)
		return -ENOMEM;
	if (prev && next) {
		s->v[i - 1].end = s->v[i].end;
		drop(s, i);
	} else if (prev) {
		s->v[i - 1].end = end;
	} else if (next) {
		s->v[i].start = start;
	} else {
		duplicate(s, i); /* opens slot i (i == n is fine) */
		s->v[i] = new;
	}
	return 0;
}

int vma_remove(struct vma_set *s, uint32_t start, uint32_t end)
{
	unsigned i;

	if (!range_ok(start, end))
		return -EINVAL;
	i = vma_first_after(s, start);
	if (i < s->n && s->v[i].start < start && s->v[i].end > end) {
		/* a hole punched in one region: it becomes two */
		if (s->n == s->max)
			return -ENOMEM;
		duplicate(s, i);
		s->v[i].end = start;
		s->v[i + 1].start = end;
		return 0;
	}
	while (i < s->n && s->v[i].start < end) {
		struct vma *r = &s->v[i];

		if (r->start < start) {
			r->end = start; /* keep its head */
			i++;
		} else if (r->end > end) {
			r->start = end; /* keep its tail */
			i++;
		} else {
			drop(s, i);
		}
	}
	return 0;
}

/* Make addr a region boundary if it falls inside one (n < max). */
static void split_at(struct vma_set *s, uint32_t addr)
{
	unsigned i = vma_first_after(s, addr);

	if (i == s->n || s->v[i].start >= addr)
		return;
	duplicate(s, i);
	s->v[i].end = addr;
	s->v[i + 1].start = addr;
}

/* 1 when addr lies strictly inside a region (a split is needed). */
static unsigned splits_at(const struct vma_set *s, uint32_t addr)
{
	unsigned i = vma_first_after(s, addr);

	return i < s->n && s->v[i].start < addr;
}

int vma_protect(struct vma_set *s, uint32_t start, uint32_t end, uint32_t prot)
{
	unsigned i;

	if (!range_ok(start, end))
		return -EINVAL;
	if (!vma_range_mapped(s, start, end))
		return -ENOMEM;
	if (s->n + splits_at(s, start) + splits_at(s, end) > s->max)
		return -ENOMEM;
	split_at(s, start);
	split_at(s, end);
	for (i = vma_first_after(s, start); i < s->n && s->v[i].start < end;
	     i++)
		s->v[i].prot = prot;
	merge_all(s);
	return 0;
}

uint32_t vma_find_gap(const struct vma_set *s, uint32_t len, uint32_t lo,
		      uint32_t hi)
{
	uint32_t top = hi;
	unsigned i;

	if (len == 0 || hi <= lo)
		return 0;
	for (i = s->n; i-- > 0;) {
		const struct vma *r = &s->v[i];
		uint32_t bottom = MAX(r->end, lo);

		if (r->start >= top)
			continue; /* wholly above the window */
		if (bottom < top && top - bottom >= len)
			return top - len;
		top = r->start;
		if (top <= lo)
			return 0;
	}
	return top - lo >= len ? top - len : 0;
}
