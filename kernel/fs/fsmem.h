/*
 * kernel/fs/fsmem.h - the memory the file system code allocates: small
 * objects from kmalloc (mm.h) and whole pages (file data, path buffers)
 * through fs_page_alloc. Host tests link their own versions of both
 * (tests/unit/kshim.c), so fs code never touches frames directly.
 */
#ifndef SLEIGHT_FS_FSMEM_H
#define SLEIGHT_FS_FSMEM_H

#include <stdbool.h>
#include <stddef.h>

#ifdef HOST_TEST
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
#else
#include "mm.h"
#endif

/* One zeroed PAGE_SIZE-byte buffer, or NULL when memory is out. */
void *fs_page_alloc(void);
/* Free a buffer from fs_page_alloc; NULL is ignored. */
void fs_page_free(void *p);
/* Is the page also mapped into a process (exec shares program pages)?
 * Then the file system copies it before writing to it. */
bool fs_page_shared(const void *p);

#endif
