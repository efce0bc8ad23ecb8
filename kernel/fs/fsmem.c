/*
 * kernel/fs/fsmem.c - page buffers for the file system code: one frame
 * from the frame allocator, reached through the direct map, zeroed.
 *
 * Owns nothing; the pages belong to their callers. Host tests replace
 * this file (tests/unit/kshim.c). Locking: frame_alloc is
 * interrupt-safe; nothing else is shared.
 */
#include "kernel.h"
#include "mm.h"
#include "fsmem.h"

void *fs_page_alloc(void)
{
	uint32_t pa = frame_alloc();
	void *p;

	if (!pa)
		return NULL;
	p = P2V(pa);
	memset(p, 0, PAGE_SIZE);
	return p;
}

void fs_page_free(void *p)
{
	if (p)
		frame_free(V2P(p));
}

bool fs_page_shared(const void *p)
{
	return frame_refcount(V2P(p)) > 1;
}
