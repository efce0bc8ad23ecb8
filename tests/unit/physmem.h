/*
 * physmem.h - a fake physical memory for the host tests and fuzzers of
 * the parsers that read boot-loader and firmware memory through a reader
 * callback (kernel/bootinfo.c, kernel/dev/acpi.c). Each read returns a
 * fresh heap copy of exactly the bytes asked for, so AddressSanitizer
 * reports a parser that reads past what it asked for; a range outside
 * [base, base + size) reads as NULL, as an unreachable one does in the
 * kernel. One test or fuzz input at a time: physmem_release frees every
 * copy handed out since the last call.
 */
#ifndef SLEIGHT_PHYSMEM_H
#define SLEIGHT_PHYSMEM_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PHYSMEM_COPIES_MAX 4096

struct physmem {
	const uint8_t *mem; /* the bytes at physical address base */
	uint64_t base, size;
	void *copies[PHYSMEM_COPIES_MAX];
	int ncopies;
};

/* physmem_read - a copy of [phys, phys + len) of m, or NULL when the
 * range is not all inside m (or too many copies are out). */
static inline const void *physmem_read(struct physmem *m, uint64_t phys,
				       uint32_t len)
{
	uint64_t off = phys - m->base;
	void *p;

	if (phys < m->base || off > m->size || len > m->size - off ||
	    m->ncopies == PHYSMEM_COPIES_MAX)
		return NULL;
	p = malloc(len ? len : 1);
	if (!p)
		return NULL;
	memcpy(p, m->mem + off, len);
	m->copies[m->ncopies++] = p;
	return p;
}

/* physmem_release - free every copy physmem_read handed out. */
static inline void physmem_release(struct physmem *m)
{
	while (m->ncopies)
		free(m->copies[--m->ncopies]);
}

#endif
