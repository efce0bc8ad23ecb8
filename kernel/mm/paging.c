/*
 * kernel/mm/paging.c - page directories and page tables.
 *
 * Owns kernel_pgdir (the boot page directory from boot/boot.S, reused) and
 * every page table below it. Paging structures follow Intel SDM vol. 3,
 * 4.3 ("32-bit paging"); global pages 4.10.2.4; TLB invalidation 4.10.4.
 *
 * Address map, by page-directory index:
 *     0 .. 767   user half: page tables private to each pgdir, created by
 *                page_map on demand, freed by pgdir_destroy
 *   768 .. 991   direct map of physical 0 .. 896 MiB, 4 MiB pages (global
 *                when the CPU has PGE)
 *   992 .. 1007  KSTACK_AREA, one preallocated 4 KiB page table each
 *  1008 .. 1019  VMALLOC_AREA (vmalloc.c), preallocated the same way
 *  1020 .. 1023  EARLY_MAP_AREA: 4 MiB pages paging_early_map sets before
 *                paging_init (the framebuffer console's first mapping)
 * Invariant: after paging_init no kernel-half PDE changes, so a pgdir
 * copies them once in pgdir_create and stays in step with kernel_pgdir;
 * kernel-half mappings change only inside the shared KSTACK and VMALLOC
 * page tables.
 *
 * Locking: one CPU. page_map/page_unmap on the kernel half run with
 * interrupts off; a user pgdir belongs to one process, whose owner
 * serialises changes to it.
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"

#define CR4_PGE 0x80u /* SDM vol. 3, 2.5 */
#define PDE_TABLE_USER (PTE_P | PTE_W | PTE_U)
#define PDE_TABLE_KERN (PTE_P | PTE_W)

extern pde_t boot_pgdir[];

pde_t *kernel_pgdir;
static uint32_t pte_global; /* PTE_G when CR4.PGE is on, else 0 */

static bool cpu_has_pge(void)
{
	return cpu_features_edx() & CPU_PGE;
}

bool paging_has_pge(void)
{
	return pte_global != 0;
}

static void enable_global_pages(void)
{
	unsigned i;

	if (!cpu_has_pge())
		return;
	for (i = KERNEL_PDX; i < 1024; i++)
		if (kernel_pgdir[i] & PTE_PS)
			kernel_pgdir[i] |= PTE_G;
	write_cr4(read_cr4() | CR4_PGE);
	pte_global = PTE_G;
}

/* A zeroed frame for a page table or directory, as a kernel pointer. */
static uint32_t *table_alloc(void)
{
	uint32_t pa = frame_alloc();

	if (!pa)
		return NULL;
	memset(P2V(pa), 0, PAGE_SIZE);
	return P2V(pa);
}

/* Page tables for the kernel area [base, base + size) (4 MiB aligned),
 * created once so that every pgdir shares them. */
static void prealloc_area_tables(uint32_t base, uint32_t size)
{
	uint32_t va;

	for (va = base; va - base < size; va += PAGE_SIZE * 1024) {
		uint32_t *pt = table_alloc();

		if (!pt)
			panic("paging: no frame for the kernel area tables");
		kernel_pgdir[PDX(va)] = V2P(pt) | PDE_TABLE_KERN;
	}
}

/*
 * paging_early_map - before paging_init, map the device memory [phys,
 * phys + len) (any alignment) with 4 MiB pages (CR4.PSE, on since
 * boot.S) into EARLY_MAP_AREA of the boot page directory, for good, so
 * that a framebuffer is usable from the first kernel message on. One
 * call only. Returns the kernel address of phys, or NULL when the range
 * (rounded out to 4 MiB) does not fit the area, lies above 4 GiB, or
 * paging_init already ran (its PDEs no longer change then).
 * Intel SDM vol. 3, 4.3 (PDE with PS = 1).
 */
void *paging_early_map(uint64_t phys, size_t len)
{
	const uint64_t big = PAGE_SIZE * 1024ull;
	uint64_t first = ALIGN_DOWN(phys, big), end = phys + len;
	static bool used;

	if (kernel_pgdir || used || len == 0 || end > (1ull << 32) ||
	    ALIGN_UP(end, big) - first > EARLY_MAP_AREA_SIZE)
		return NULL;
	used = true;
	for (uint64_t pa = first; pa < end; pa += big) {
		uint32_t va = EARLY_MAP_AREA_BASE + (uint32_t)(pa - first);

		boot_pgdir[PDX(va)] = (uint32_t)pa | PTE_PS | PTE_W | PTE_P;
		invlpg(va);
	}
	return (void *)(uintptr_t)(EARLY_MAP_AREA_BASE +
				   (uint32_t)(phys - first));
}

/*
 * paging_init - finish the kernel address space: drop the boot identity
 * map of the first 4 MiB, make the direct map global when the CPU has
 * PGE, and create the shared KSTACK_AREA and VMALLOC_AREA page tables.
 * Needs pmm_init and, since the loader's GDT may live in low memory,
 * our own GDT loaded.
 */
void paging_init(void)
{
	kernel_pgdir = boot_pgdir;
	kernel_pgdir[0] = 0;
	prealloc_area_tables(KSTACK_AREA_BASE, KSTACK_AREA_SIZE);
	prealloc_area_tables(VMALLOC_AREA_BASE, VMALLOC_AREA_SIZE);
	write_cr3(V2P(kernel_pgdir)); /* flush all non-global entries */
	enable_global_pages();
}

/*
 * pgdir_create - a new page directory: empty user half, kernel half
 * shared with kernel_pgdir. Returns its kernel address, or NULL when out
 * of frames.
 */
pde_t *pgdir_create(void)
{
	pde_t *pgdir = table_alloc();

	if (!pgdir)
		return NULL;
	memcpy(&pgdir[KERNEL_PDX], &kernel_pgdir[KERNEL_PDX],
	       (1024 - KERNEL_PDX) * sizeof(pde_t));
	return pgdir;
}

static bool pgdir_is_current(const pde_t *pgdir)
{
	return read_cr3() == V2P(pgdir);
}

/* Drop the frame references held by one user page table, then free it. */
static void table_destroy(uint32_t *pt)
{
	unsigned i;

	for (i = 0; i < 1024; i++)
		if ((pt[i] & PTE_P) && !(pt[i] & PTE_NOREF))
			frame_ref_put(PTE_ADDR(pt[i]));
	frame_free(V2P(pt));
}

/*
 * pgdir_destroy - free a pgdir from pgdir_create: drop the reference
 * of every mapped user page, free its page tables and the directory.
 * If it is the current one, switches to kernel_pgdir first.
 */
void pgdir_destroy(pde_t *pgdir)
{
	unsigned i;

	BUG_ON(pgdir == kernel_pgdir);
	if (pgdir_is_current(pgdir))
		pgdir_switch(kernel_pgdir);
	for (i = 0; i < KERNEL_PDX; i++)
		if (pgdir[i] & PTE_P)
			table_destroy(P2V(PTE_ADDR(pgdir[i])));
	frame_free(V2P(pgdir));
}

/* pgdir_switch - load pgdir into CR3 (flushes the non-global TLB); NULL
 * means kernel_pgdir (a process without user memory). */
void pgdir_switch(pde_t *pgdir)
{
	write_cr3(V2P(pgdir ? pgdir : kernel_pgdir));
}

/*
 * The PTE slot for va, or NULL: va in a 4 MiB page, or no page table and
 * create false (or out of frames). Only user-half tables are created.
 */
static pte_t *pte_slot(pde_t *pgdir, uint32_t va, bool create, int *err)
{
	pde_t *pde = &pgdir[PDX(va)];
	uint32_t *pt;

	*err = -EINVAL;
	if (*pde & PTE_PS)
		return NULL;
	if (!(*pde & PTE_P)) {
		if (!create || va >= KERNEL_VBASE)
			return NULL;
		*err = -ENOMEM;
		if (!(pt = table_alloc()))
			return NULL;
		*pde = V2P(pt) | PDE_TABLE_USER;
	}
	return &((pte_t *)P2V(PTE_ADDR(*pde)))[PTX(va)];
}

static void flush_page(pde_t *pgdir, uint32_t va)
{
	if (va >= KERNEL_VBASE || pgdir_is_current(pgdir))
		invlpg(va);
}

/*
 * page_map - map the page at va (page-aligned, user half or KSTACK_AREA)
 * to frame pa (page-aligned) with flags (PTE_W, PTE_U, PTE_NOREF, ...;
 * PTE_P is implied, kernel-half mappings are made global). The mapping
 * takes over the caller's reference to pa. Returns 0, -EINVAL (bad
 * address, or va in the direct map), -EEXIST (va already mapped) or
 * -ENOMEM (no frame for a page table).
 */
int page_map(pde_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags)
{
	pte_t *pte;
	int err;

	if ((va | pa) % PAGE_SIZE || flags & ~0xFFFu)
		return -EINVAL;
	if (!(pte = pte_slot(pgdir, va, true, &err)))
		return err;
	if (*pte & PTE_P)
		return -EEXIST;
	if (va >= KERNEL_VBASE)
		flags = (flags & ~PTE_U) | pte_global;
	*pte = pa | flags | PTE_P;
	flush_page(pgdir, va);
	return 0;
}

/*
 * page_unmap - remove the mapping at va and drop its frame reference
 * (unless PTE_NOREF). The page table stays. Returns 0 or -ENOENT when
 * nothing is mapped there.
 */
int page_unmap(pde_t *pgdir, uint32_t va)
{
	pte_t *pte = page_lookup(pgdir, va), old;

	if (!pte)
		return -ENOENT;
	old = *pte;
	*pte = 0;
	flush_page(pgdir, ALIGN_DOWN(va, PAGE_SIZE));
	if (!(old & PTE_NOREF))
		frame_ref_put(PTE_ADDR(old));
	return 0;
}

/*
 * page_lookup - the present PTE mapping va, or NULL (not mapped, or va
 * inside a 4 MiB direct-map page: use V2P there). The caller may change
 * the entry; it must then invlpg when pgdir is current.
 */
pte_t *page_lookup(pde_t *pgdir, uint32_t va)
{
	int err;
	pte_t *pte = pte_slot(pgdir, va, false, &err);

	return pte && (*pte & PTE_P) ? pte : NULL;
}
