/*
 * ksyms.h - the kernel's own symbol table (embedded at link time by
 * tools/gen-ksyms, see the Makefile; kernel/ksyms.c). Backtraces that
 * print with it are arch/x86/backtrace.h.
 */
#ifndef SLEIGHT_KSYMS_H
#define SLEIGHT_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* One function: [addr, addr + size). Names are offsets into the names
 * blob. Sorted by addr, ascending. */
struct ksym {
	uint32_t addr;
	uint32_t size; /* bytes */
	uint32_t name; /* offset into ksym_names */
};

/* The table, in the .ksyms section (generated; empty in link pass 1). */
extern const uint32_t ksym_count;
extern const struct ksym ksym_table[];
extern const char ksym_names[];

/*
 * ksym_lookup - the name of the function containing addr, and addr's byte
 * offset from its start in *offset (offset may be NULL). Returns NULL
 * when addr is in no known function.
 */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* ksym_lookup_size - ksym_lookup, also giving the function's size in
 * bytes in *size (may be NULL). */
const char *ksym_lookup_size(uintptr_t addr, uintptr_t *offset,
			     uintptr_t *size);

#endif
