/*
 * kernel/ksyms.c - look addresses up in the embedded symbol table.
 *
 * Owns nothing: the table (ksym_count, ksym_table, ksym_names) is
 * read-only data that tools/gen-ksyms writes into the .ksyms section at
 * the second link pass. No locking. Invariant relied on: ksym_table is
 * sorted by addr and entries do not overlap. Pure code, host-tested.
 */
#include "kernel.h"
#include "ksyms.h"

/* Index of the last entry with addr <= a, or -1. Binary search. */
static long last_at_or_below(uintptr_t a)
{
	long lo = 0, hi = (long)ksym_count - 1, found = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (ksym_table[mid].addr <= a) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *ksym_lookup_size(uintptr_t addr, uintptr_t *offset, uintptr_t *size)
{
	long i = last_at_or_below(addr);
	const struct ksym *k;

	if (i < 0)
		return NULL;
	k = &ksym_table[i];
	if (addr - k->addr >= k->size)
		return NULL;
	if (offset)
		*offset = addr - k->addr;
	if (size)
		*size = k->size;
	return ksym_names + k->name;
}

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	return ksym_lookup_size(addr, offset, NULL);
}
