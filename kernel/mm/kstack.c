/*
 * kernel/mm/kstack.c - kernel stacks with guard pages.
 *
 * Owns KSTACK_AREA (param.h), cut into slots of KSTACK_PAGES + 1 pages:
 *
 *   slot base          +PAGE_SIZE                     +KSTACK_SLOT
 *   | guard (unmapped) | stack pages (mapped, RW) ... | <- top (esp)
 *
 * A stack that overflows runs into the unmapped guard page below it and
 * faults (a clean "kernel stack overflow" panic, see fault.c) instead of
 * silently overwriting the stack below. The page tables of the area are
 * shared by every pgdir (paging.c), so a stack is valid in every address
 * space.
 *
 * Invariants: a slot's bit in used[] is set iff its stack pages are
 * mapped; guard pages are never mapped. Locking: used[] and the mappings
 * change only with interrupts off.
 */
#include "kernel.h"
#include "mm.h"
#include "arch/x86/io.h"

#define KSTACK_SLOT ((KSTACK_PAGES + 1) * PAGE_SIZE) /* bytes */
#define KSTACK_SLOTS (KSTACK_AREA_SIZE / KSTACK_SLOT)

static uint32_t used[(KSTACK_SLOTS + 31) / 32];

/* A free slot, marked used; -1 when the area is full. */
static int slot_claim(void)
{
	unsigned i;

	for (i = 0; i < KSTACK_SLOTS; i++) {
		if (!(used[i / 32] & (1u << (i % 32)))) {
			used[i / 32] |= 1u << (i % 32);
			return (int)i;
		}
	}
	return -1;
}

static void slot_release(unsigned i)
{
	used[i / 32] &= ~(1u << (i % 32));
}

static uint32_t slot_base(unsigned i)
{
	return KSTACK_AREA_BASE + i * KSTACK_SLOT;
}

/* Unmap (and free the frames of) the first n stack pages of slot i. */
static void slot_unmap(unsigned i, unsigned n)
{
	unsigned p;

	for (p = 0; p < n; p++)
		page_unmap(kernel_pgdir, slot_base(i) + (p + 1) * PAGE_SIZE);
}

static int slot_map(unsigned i)
{
	unsigned p;

	for (p = 0; p < KSTACK_PAGES; p++) {
		uint32_t pa = frame_alloc();

		if (!pa) {
			slot_unmap(i, p);
			return -1;
		}
		if (page_map(kernel_pgdir, slot_base(i) + (p + 1) * PAGE_SIZE,
			     pa, PTE_W))
			panic("kstack: shared stack page table missing");
	}
	return 0;
}

/*
 * kstack_alloc - a new kernel stack of KSTACK_SIZE bytes with an unmapped
 * guard page below it. Returns its top (the initial esp, one past the
 * last byte), or 0 when out of frames or slots. Contents are not zeroed.
 */
uintptr_t kstack_alloc(void)
{
	uint32_t flags = irq_save();
	int slot = slot_claim();
	uintptr_t top = 0;

	if (slot >= 0) {
		if (slot_map(slot) == 0)
			top = slot_base(slot) + KSTACK_SLOT;
		else
			slot_release(slot);
	}
	irq_restore(flags);
	return top;
}

/*
 * kstack_free - free a stack from kstack_alloc, given its top. The caller
 * must not be running on it. Panics on a pointer that is not the top of
 * a live stack.
 */
void kstack_free(uintptr_t top)
{
	uint32_t off = top - KSTACK_AREA_BASE, flags;
	unsigned slot = off / KSTACK_SLOT - 1;

	if (top <= KSTACK_AREA_BASE || off > KSTACK_AREA_SIZE ||
	    off % KSTACK_SLOT || !(used[slot / 32] & (1u << (slot % 32))))
		panic("kstack_free(%#lx): not a live kernel stack",
		      (unsigned long)top);
	flags = irq_save();
	slot_unmap(slot, KSTACK_PAGES);
	slot_release(slot);
	irq_restore(flags);
}

/* kstack_is_guard - true if va is inside the guard page of any slot. */
bool kstack_is_guard(uint32_t va)
{
	uint32_t off = va - KSTACK_AREA_BASE;

	return va >= KSTACK_AREA_BASE && off < KSTACK_SLOTS * KSTACK_SLOT &&
	       off % KSTACK_SLOT < PAGE_SIZE;
}
