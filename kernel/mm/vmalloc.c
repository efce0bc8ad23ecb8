/*
 * kernel/mm/vmalloc.c - multi-page kernel buffers (vm.h: vmalloc, vfree).
 *
 * Owns VMALLOC_AREA (param.h), whose page tables paging_init creates once
 * so that every pgdir shares them: a buffer is valid in every address
 * space. Each buffer takes its pages plus one unmapped guard page before
 * them; since a new buffer's run starts at a free page, the page after
 * every buffer is unmapped too (the next buffer's guard, or free), so
 * running off either end faults instead of corrupting a neighbour.
 *
 *   | guard | buffer pages (mapped, RW, global) ... | guard | next ...
 *
 * ioremap maps device memory (a framebuffer above the direct map) into
 * the same area, with the same guard pages but frames it does not own
 * (PTE_NOREF); such a mapping is never taken back.
 *
 * Invariants: a page's bit in used[] is set iff it is mapped; guard pages
 * are never set; live + iomapped counts the set bits. Locking: used[], live and
 * the mappings change only with interrupts off (vmalloc may be called from any
 * process context; the allocator itself does not sleep).
 */
#include "kernel.h"
#include "mm.h"
#include "vm.h"
#include "arch/x86/io.h"

#define VM_PAGES (VMALLOC_AREA_SIZE / PAGE_SIZE)
#define BIT_SET(i) (used[(i) / 32] & (1u << ((i) % 32)))

static uint32_t used[VM_PAGES / 32];
static uint32_t live;
static uint32_t iomapped; /* pages ioremap mapped, for good */

static void mark(uint32_t first, uint32_t n, bool on)
{
	for (uint32_t i = first; i < first + n; i++) {
		if (on)
			used[i / 32] |= 1u << (i % 32);
		else
			used[i / 32] &= ~(1u << (i % 32));
	}
}

/* First index of a run of n + 1 free pages (a guard and n pages), or
 * VM_PAGES when there is none. First fit. */
static uint32_t find_run(uint32_t n)
{
	uint32_t start = 0, len = 0;

	for (uint32_t i = 0; i < VM_PAGES; i++) {
		if (BIT_SET(i)) {
			len = 0;
			start = i + 1;
			continue;
		}
		if (++len == n + 1)
			return start;
	}
	return VM_PAGES;
}

static uint32_t page_va(uint32_t i)
{
	return VMALLOC_AREA_BASE + i * PAGE_SIZE;
}

/* Unmap pages [first, first + n): drops their frames. */
static void unmap_run(uint32_t first, uint32_t n)
{
	for (uint32_t i = first; i < first + n; i++)
		page_unmap(kernel_pgdir, page_va(i));
}

/*
 * vmalloc - see vm.h. n bytes, rounded up to whole pages; the contents
 * are not zeroed. The buffer is page-aligned. NULL for n == 0, when the
 * area has no room or frames run out.
 */
void *vmalloc(size_t n)
{
	uint32_t pages = ALIGN_UP((uint64_t)n, PAGE_SIZE) / PAGE_SIZE, first, i,
		 flags;
	void *p = NULL;

	if (n == 0 || pages >= VM_PAGES)
		return NULL;
	flags = irq_save();
	first = find_run(pages);
	if (first == VM_PAGES)
		goto out;
	first++; /* past the guard */
	for (i = 0; i < pages; i++) {
		uint32_t pa = frame_alloc();

		if (!pa) {
			unmap_run(first, i);
			goto out;
		}
		if (page_map(kernel_pgdir, page_va(first + i), pa, PTE_W))
			panic("vmalloc: shared page table missing");
	}
	mark(first, pages, true);
	live += pages;
	p = (void *)(uintptr_t)page_va(first);
out:
	irq_restore(flags);
	return p;
}

/*
 * vfree - free a buffer from vmalloc; n is the size given to vmalloc.
 * NULL is ignored. Panics when [p, p + n) is not a live buffer's pages.
 */
void vfree(void *p, size_t n)
{
	uint32_t va = (uint32_t)(uintptr_t)p, first, pages, flags;

	if (!p)
		return;
	pages = ALIGN_UP((uint64_t)n, PAGE_SIZE) / PAGE_SIZE;
	first = (va - VMALLOC_AREA_BASE) / PAGE_SIZE;
	if (va < VMALLOC_AREA_BASE || va % PAGE_SIZE || pages == 0 ||
	    first + pages > VM_PAGES)
		panic("vfree(%p, %zu): not a vmalloc buffer", p, n);
	flags = irq_save();
	for (uint32_t i = first; i < first + pages; i++)
		if (!BIT_SET(i))
			panic("vfree(%p, %zu): page %#x is not allocated", p, n,
			      page_va(i));
	unmap_run(first, pages);
	mark(first, pages, false);
	live -= pages;
	irq_restore(flags);
}

uint32_t vmalloc_live_pages(void)
{
	return live;
}

/*
 * ioremap - map the physical range [phys, phys + len) (device memory,
 * not RAM the pmm hands out; any alignment) writable into the vmalloc
 * area, for good. Needs paging_init. Returns the kernel address of
 * phys, or NULL when len is 0, the range does not lie below 4 GiB
 * (32-bit paging reaches no further), or the area has no room.
 * Follows the role of Linux's ioremap(); caching is left to the MTRRs
 * the firmware set (Intel SDM vol. 3, 11.11).
 */
void *ioremap(uint64_t phys, size_t len)
{
	uint64_t first_pa = ALIGN_DOWN(phys, (uint64_t)PAGE_SIZE);
	uint64_t end = phys + len;
	uint32_t pages, first, flags;
	void *p = NULL;

	if (len == 0 || end > (1ull << 32) || end < phys)
		return NULL;
	pages = (uint32_t)((ALIGN_UP(end, (uint64_t)PAGE_SIZE) - first_pa) /
			   PAGE_SIZE);
	if (pages >= VM_PAGES)
		return NULL;
	flags = irq_save();
	first = find_run(pages);
	if (first == VM_PAGES)
		goto out;
	first++; /* past the guard */
	for (uint32_t i = 0; i < pages; i++)
		if (page_map(kernel_pgdir, page_va(first + i),
			     (uint32_t)first_pa + i * PAGE_SIZE,
			     PTE_W | PTE_NOREF))
			panic("ioremap: shared page table missing");
	mark(first, pages, true);
	iomapped += pages;
	p = (void *)(uintptr_t)(page_va(first) + (uint32_t)(phys - first_pa));
out:
	irq_restore(flags);
	return p;
}
