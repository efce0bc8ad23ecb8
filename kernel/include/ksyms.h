/*
 * ksyms.h - the kernel's own symbol table (embedded at link time by
 * tools/gen-ksyms, see the Makefile) and symbolised backtraces.
 */
#ifndef SLEIGHT_KSYMS_H
#define SLEIGHT_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* One function: [addr, addr + size). Names are offsets into the names
 * blob. Sorted by addr, ascending. */
struct ksym {
	uint32_t addr;
	uint32_t size;		/* bytes */
	uint32_t name;		/* offset into ksym_names */
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

/* Longest ebp chain a backtrace follows. */
#define BACKTRACE_MAX_DEPTH	32

/*
 * backtrace_print - print "  [<eip>] func+0xoff/0xsize" for eip, then for
 * each return address on the ebp frame-pointer chain starting at ebp.
 * Stops at a zero ebp (boot.S ends the chain so), after
 * BACKTRACE_MAX_DEPTH frames, or at the first frame pointer that is not
 * a plausible kernel stack address. kernel/arch/x86/backtrace.c.
 */
void backtrace_print(uintptr_t eip, uintptr_t ebp);

/* backtrace_here - backtrace_print from the caller of the function that
 * calls backtrace_here (so panic shows its caller first). */
void backtrace_here(void);

#endif
