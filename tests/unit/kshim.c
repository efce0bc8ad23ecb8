/* * Host versions of kmalloc, kzalloc, kfree, fs_page_alloc, fs_page_free,
 * printk and panic for unit tests of kernel/fs. Every allocation is
 * counted so tests can check that an operation leaks nothing, and any
 * allocation can be made to fail (kshim_fail_at).
 */
#undef vsnprintf
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kshim.h"

long kshim_live, kshim_live_pages, kshim_calls, kshim_fail_at;
int kshim_fail_sticky;
char kshim_last_printk[512];

void kshim_reset(void)
{
	kshim_calls = 0;
	kshim_fail_at = 0;
	kshim_fail_sticky = 0;
}

static int should_fail(void)
{
	kshim_calls++;
	if (kshim_fail_at <= 0)
		return 0;
	if (kshim_calls == kshim_fail_at)
		return 1;
	return kshim_fail_sticky && kshim_calls > kshim_fail_at;
}

void *kmalloc(size_t size)
{
	void *p;

	if (size == 0 || size > 4096 || should_fail())
		return NULL;
	p = malloc(size);
	if (p)
		kshim_live++;
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	kshim_live--;
	free(p);
}

void *fs_page_alloc(void)
{
	void *p;

	if (should_fail())
		return NULL;
	p = calloc(1, 4096);
	if (p) {
		kshim_live++;
		kshim_live_pages++;
	}
	return p;
}

void fs_page_free(void *p)
{
	if (!p)
		return;
	kshim_live--;
	kshim_live_pages--;
	free(p);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(kshim_last_printk, sizeof(kshim_last_printk), fmt, ap);
	va_end(ap);
	if (getenv("KSHIM_VERBOSE"))
		fputs(kshim_last_printk, stderr);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("panic: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	abort();
}

/* Host pages are never mapped into a process. */
bool fs_page_shared(const void *p)
{
	return false;
}
