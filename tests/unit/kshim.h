/*
 * Host stand-ins for the kernel services the file system code uses:
 * kmalloc/kzalloc/kfree and fs_page_alloc over malloc, with counters of
 * live objects and injectable failures, plus printk and panic.
 */
#ifndef SLEIGHT_TEST_KSHIM_H
#define SLEIGHT_TEST_KSHIM_H

/* Objects (kmalloc + pages) allocated and not yet freed. */
extern long kshim_live;
/* Page buffers allocated and not yet freed (also counted in kshim_live). */
extern long kshim_live_pages;
/* Allocations so far (kmalloc and pages). */
extern long kshim_calls;
/* When > 0: the allocation that makes kshim_calls reach it fails, and so
 * does every one after while kshim_fail_sticky is set. 0: never fail. */
extern long kshim_fail_at;
extern int kshim_fail_sticky;
/* Last printk message, for checking logged reasons. */
extern char kshim_last_printk[512];

void kshim_reset(void);

#endif
