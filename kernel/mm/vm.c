/*
 * kernel/mm/vm.c - user address spaces (vm.h): a page directory, the
 * region list (vma.c), the program break; fork's copy-on-write clone and
 * the ring-3 page-fault handler.
 *
 * Owns struct vm_space and every user-half page table and PTE of its
 * pgdir. Invariants between calls:
 *  - a present user PTE lies inside a region and holds one reference to
 *    its frame (paging.c);
 *  - PTE_U is set iff the region's prot is not PROT_NONE;
 *  - PTE_W is set only if the region is writable and either shared
 *    (VM_SHARED) or the frame's reference count is 1; a private page
 *    with a count above 1 is copy-on-write and read-only in every space
 *    that maps it;
 *  - vmas covers [brk_base, ALIGN_UP(brk)) once brk grew;
 *  - users counts the tasks whose vm points here (CLONE_VM, a vfork
 *    child phase); the last vm_put destroys the space.
 * Pages of a region are created on first touch (demand-zero).
 *
 * Locking: one CPU and no kernel preemption; an address space is changed
 * only by the process that runs on it (or, before it runs, by whoever
 * builds it: exec, fork). The frame reference counts are the pmm's.
 * Sources: mmap(2), munmap(2), mprotect(2), brk(2), fork(2); Intel SDM
 * vol. 3, 4.7 (page-fault error code) and 4.10.4 (TLB invalidation).
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "vm.h"
#include "vma.h"
#include "arch/x86/io.h"

#define PT_SPAN (PAGE_SIZE * 1024) /* bytes a page table maps */

struct vm_space {
	pde_t *pgdir;
	struct vma_set vmas; /* array of VM_VMAS_MAX, one kmalloc page */
	uint32_t brk_base;   /* page-aligned start of the heap */
	uint32_t brk;	     /* current break, bytes (any alignment) */
	int users;	     /* tasks using it (CLONE_VM, vfork) */
};

/* ---- helpers ---- */

static bool user_range_ok(uint32_t addr, uint32_t len)
{
	return addr % PAGE_SIZE == 0 && len % PAGE_SIZE == 0 && len &&
	       addr >= VM_USER_MIN && addr < KERNEL_VBASE &&
	       len <= KERNEL_VBASE - addr;
}

static bool vm_is_current(const struct vm_space *vm)
{
	return read_cr3() == V2P(vm->pgdir);
}

static void flush_one(struct vm_space *vm, uint32_t va)
{
	if (vm_is_current(vm))
		invlpg(va);
}

/*
 * The next present PTE at or above *va and below end, with *va set to
 * its address; NULL when none. Skips missing page tables 4 MiB at a time,
 * so a walk costs O(page tables + present pages), not O(range).
 */
static pte_t *next_present(pde_t *pgdir, uint32_t *va, uint32_t end)
{
	while (*va < end) {
		pde_t pde = pgdir[PDX(*va)];

		if (!(pde & PTE_P)) {
			*va = ALIGN_DOWN(*va, PT_SPAN) + PT_SPAN;
			if (*va == 0)
				break; /* wrapped past 4 GiB */
			continue;
		}
		pte_t *pte = &((pte_t *)P2V(PTE_ADDR(pde)))[PTX(*va)];

		if (*pte & PTE_P)
			return pte;
		*va += PAGE_SIZE;
	}
	return NULL;
}

/* The PTE permission bits a page of region r should have. */
static uint32_t pte_perm(const struct vma *r, uint32_t pa)
{
	uint32_t perm = 0;

	if (!(r->prot & VM_PROT_MASK))
		return 0; /* PROT_NONE: no user access */
	perm = PTE_U;
	if ((r->prot & VM_PROT_WRITE) &&
	    ((r->flags & VM_SHARED) || frame_refcount(pa) == 1))
		perm |= PTE_W;
	return perm;
}

/* Drop every page in [start, end) (regions are left alone). */
static void unmap_pages(struct vm_space *vm, uint32_t start, uint32_t end)
{
	uint32_t va = start;

	while (next_present(vm->pgdir, &va, end)) {
		page_unmap(vm->pgdir, va);
		va += PAGE_SIZE;
	}
}

/* ---- creation, destruction, fork ---- */

struct vm_space *vm_create(void)
{
	struct vm_space *vm = kzalloc(sizeof(*vm));
	struct vma *array = kmalloc(VM_VMAS_MAX * sizeof(struct vma));

	if (!vm || !array)
		goto out_free;
	vm->pgdir = pgdir_create();
	if (!vm->pgdir)
		goto out_free;
	vma_set_init(&vm->vmas, array, VM_VMAS_MAX);
	vm->users = 1;
	return vm;

out_free:
	kfree(array);
	kfree(vm);
	return NULL;
}

void vm_destroy(struct vm_space *vm)
{
	if (!vm)
		return;
	pgdir_destroy(vm->pgdir); /* drops every page's reference */
	kfree(vm->vmas.v);
	kfree(vm);
}

/* vm_get - see vm.h. */
void vm_get(struct vm_space *vm)
{
	vm->users++;
}

/* vm_users - see vm.h. */
int vm_users(const struct vm_space *vm)
{
	return vm ? vm->users : 0;
}

/* vm_put - see vm.h. */
void vm_put(struct vm_space *vm)
{
	if (vm && --vm->users == 0)
		vm_destroy(vm);
}

pde_t *vm_pgdir(struct vm_space *vm)
{
	return vm->pgdir;
}

/*
 * vm_usage - see vm.h. Walks the regions and the present page tables:
 * O(regions + page tables + present pages), run only by the OOM killer
 * and /dev/ps-like reports, never on a hot path.
 */
void vm_usage(struct vm_space *vm, struct vm_usage *u)
{
	uint32_t va = VM_USER_MIN, i;

	memset(u, 0, sizeof(*u));
	if (!vm)
		return;
	for (i = 0; i < vm->vmas.n; i++)
		u->vm_pages +=
			(vm->vmas.v[i].end - vm->vmas.v[i].start) / PAGE_SIZE;
	for (i = 0; i < KERNEL_PDX; i++)
		if (vm->pgdir[i] & PTE_P)
			u->pt_pages++;
	while (next_present(vm->pgdir, &va, KERNEL_VBASE)) {
		u->rss_pages++;
		va += PAGE_SIZE;
	}
}

/* Share the present pages of region r with dst: private writable pages
 * become read-only (copy-on-write) in src too. 0 or -ENOMEM. */
static int clone_region(struct vm_space *dst, struct vm_space *src,
			const struct vma *r)
{
	uint32_t va = r->start;
	pte_t *pte;

	while ((pte = next_present(src->pgdir, &va, r->end))) {
		uint32_t pa = PTE_ADDR(*pte);

		if (!(r->flags & VM_SHARED))
			*pte &= ~PTE_W;
		frame_ref_get(pa);
		if (page_map(dst->pgdir, va, pa, *pte & (PTE_U | PTE_W))) {
			frame_ref_put(pa);
			return -ENOMEM;
		}
		va += PAGE_SIZE;
	}
	return 0;
}

/*
 * vm_clone - see vm.h. Cost: O(page tables + present pages) of src. On
 * failure the half-built copy is destroyed, which drops every reference
 * it took; pages of src left read-only by then are made writable again
 * by their next write fault (their count is back to 1).
 */
struct vm_space *vm_clone(struct vm_space *src)
{
	struct vm_space *dst = vm_create();
	unsigned i;
	int err = 0;

	if (!dst)
		return NULL;
	memcpy(dst->vmas.v, src->vmas.v, src->vmas.n * sizeof(struct vma));
	dst->vmas.n = src->vmas.n;
	dst->brk_base = src->brk_base;
	dst->brk = src->brk;
	for (i = 0; !err && i < src->vmas.n; i++)
		err = clone_region(dst, src, &src->vmas.v[i]);
	if (vm_is_current(src))
		pgdir_switch(src->pgdir); /* W bits were cleared */
	if (err) {
		vm_destroy(dst);
		return NULL;
	}
	return dst;
}

/* ---- mapping ---- */

int vm_map_anon(struct vm_space *vm, uint32_t addr, uint32_t len, uint32_t prot,
		uint32_t flags)
{
	int err;

	if (!user_range_ok(addr, len) || prot & ~VM_PROT_MASK ||
	    flags & ~VM_SHARED)
		return -EINVAL;
	/* a remove and an insert need at most two free slots: check first,
	 * so that nothing is unmapped when the insert could not be made */
	if (vm->vmas.n + 2 > vm->vmas.max)
		return -ENOMEM;
	unmap_pages(vm, addr, addr + len);
	err = vma_remove(&vm->vmas, addr, addr + len);
	if (!err)
		err = vma_insert(&vm->vmas, addr, addr + len, prot, flags);
	BUG_ON(err);
	return 0;
}

int vm_unmap(struct vm_space *vm, uint32_t addr, uint32_t len)
{
	int err;

	if (!user_range_ok(addr, len))
		return -EINVAL;
	err = vma_remove(&vm->vmas, addr, addr + len);
	if (!err)
		unmap_pages(vm, addr, addr + len);
	return err;
}

int vm_discard(struct vm_space *vm, uint32_t addr, uint32_t len)
{
	if (!user_range_ok(addr, len))
		return -EINVAL;
	unmap_pages(vm, addr, addr + len);
	return 0;
}

int vm_protect(struct vm_space *vm, uint32_t addr, uint32_t len, uint32_t prot)
{
	uint32_t va = addr, end = addr + len;
	pte_t *pte;
	int err;

	if (!user_range_ok(addr, len) || prot & ~VM_PROT_MASK)
		return -EINVAL;
	err = vma_protect(&vm->vmas, addr, end, prot);
	if (err)
		return err;
	while ((pte = next_present(vm->pgdir, &va, end))) {
		const struct vma *r = vma_find(&vm->vmas, va);
		uint32_t pa = PTE_ADDR(*pte);

		*pte = (*pte & ~(PTE_U | PTE_W)) | pte_perm(r, pa);
		flush_one(vm, va);
		va += PAGE_SIZE;
	}
	return 0;
}

bool vm_range_free(struct vm_space *vm, uint32_t addr, uint32_t len)
{
	return user_range_ok(addr, len) &&
	       vma_range_free(&vm->vmas, addr, addr + len);
}

bool vm_range_mapped(struct vm_space *vm, uint32_t addr, uint32_t len)
{
	return user_range_ok(addr, len) &&
	       vma_range_mapped(&vm->vmas, addr, addr + len);
}

uint32_t vm_find_free(struct vm_space *vm, uint32_t hint, uint32_t len)
{
	uint32_t a;

	if (hint && vm_range_free(vm, hint, len))
		return hint;
	a = vma_find_gap(&vm->vmas, len, VM_USER_MIN, VM_MMAP_TOP);
	if (!a)
		a = vma_find_gap(&vm->vmas, len, VM_USER_MIN, KERNEL_VBASE);
	return a;
}

void vm_set_brk_base(struct vm_space *vm, uint32_t base)
{
	vm->brk_base = ALIGN_UP(base, PAGE_SIZE);
	vm->brk = vm->brk_base;
}

uint32_t vm_brk(struct vm_space *vm, uint32_t want)
{
	uint32_t old_end = ALIGN_UP(vm->brk, PAGE_SIZE), new_end;

	if (want < vm->brk_base || want > KERNEL_VBASE - PAGE_SIZE)
		return vm->brk;
	new_end = ALIGN_UP(want, PAGE_SIZE);
	if (new_end > old_end) {
		if (!vm_range_free(vm, old_end, new_end - old_end) ||
		    vm_map_anon(vm, old_end, new_end - old_end,
				VM_PROT_READ | VM_PROT_WRITE, 0))
			return vm->brk;
	} else if (new_end < old_end) {
		if (vm_unmap(vm, new_end, old_end - new_end))
			return vm->brk;
	}
	vm->brk = want;
	return want;
}

/* vm_addr_shared - see vm.h. */
bool vm_addr_shared(struct vm_space *vm, uint32_t va)
{
	const struct vma *r = vma_find(&vm->vmas, va);

	return r && (r->flags & VM_SHARED);
}

/* ---- page faults ---- */

/* Map a zeroed frame at va (in region r). 0 or -ENOMEM. */
static int fault_zero(struct vm_space *vm, const struct vma *r, uint32_t va)
{
	uint32_t pa = frame_alloc();

	if (!pa)
		return -ENOMEM;
	memset(P2V(pa), 0, PAGE_SIZE);
	if (page_map(vm->pgdir, va, pa, pte_perm(r, pa)) == 0)
		return 0;
	frame_free(pa);
	return -ENOMEM;
}

/* Give the page at pte (va, region r) a frame of its own: copy it unless
 * this space holds the only reference. 0 or -ENOMEM. */
static int fault_cow(struct vm_space *vm, const struct vma *r, uint32_t va,
		     pte_t *pte)
{
	uint32_t old = PTE_ADDR(*pte), pa;

	if (!(r->flags & VM_SHARED) && frame_refcount(old) > 1) {
		pa = frame_alloc();
		if (!pa)
			return -ENOMEM;
		memcpy(P2V(pa), P2V(old), PAGE_SIZE);
		*pte = pa | (*pte & 0xFFFu & ~(PTE_A | PTE_D));
		frame_ref_put(old);
	}
	*pte = (*pte & ~(PTE_U | PTE_W)) | pte_perm(r, PTE_ADDR(*pte));
	flush_one(vm, va);
	return 0;
}

int vm_user_fault(struct vm_space *vm, uint32_t va, bool write, bool present)
{
	const struct vma *r;
	pte_t *pte;

	if (!vm || va >= KERNEL_VBASE)
		return -EFAULT;
	r = vma_find(&vm->vmas, va);
	if (!r || !(r->prot & VM_PROT_MASK))
		return -EFAULT;
	if (write && !(r->prot & VM_PROT_WRITE))
		return -EFAULT;
	va = ALIGN_DOWN(va, PAGE_SIZE);
	pte = page_lookup(vm->pgdir, va);
	if (!pte)
		return fault_zero(vm, r, va);
	if (write && !(*pte & PTE_W))
		return fault_cow(vm, r, va, pte);
	/* present and allowed: a stale TLB entry; refresh it */
	*pte |= PTE_U;
	flush_one(vm, va);
	return 0;
}

/*
 * vm_map_frame - map frame pa at page va of vm (inside a region), taking
 * a reference of its own; the caller keeps its reference. The page is
 * read-only while anyone else holds the frame, so a write in a writable
 * private region copies it first (copy-on-write). Exec maps the pages of
 * a program file this way instead of copying them.
 * 0, -EFAULT (va unaligned or in no region), -EEXIST, -ENOMEM.
 */
int vm_map_frame(struct vm_space *vm, uint32_t va, uint32_t pa)
{
	const struct vma *r = vma_find(&vm->vmas, va);
	int err;

	if (!r || va % PAGE_SIZE)
		return -EFAULT;
	frame_ref_get(pa);
	err = page_map(vm->pgdir, va, pa, pte_perm(r, pa));
	if (err)
		frame_ref_put(pa);
	return err;
}

/*
 * vm_copy_in - see vm.h. Writes through the direct map, so the page
 * protections do not matter; a page shared copy-on-write gets its own
 * frame first, as a write fault would give it.
 */
int vm_copy_in(struct vm_space *vm, uint32_t addr, const void *src, uint32_t n)
{
	const uint8_t *from = src;

	if (n && (addr >= KERNEL_VBASE || n > KERNEL_VBASE - addr))
		return -EFAULT;
	while (n) {
		uint32_t off = addr % PAGE_SIZE;
		uint32_t chunk = MIN(n, PAGE_SIZE - off);
		const struct vma *r = vma_find(&vm->vmas, addr);
		pte_t *pte;
		int err = 0;

		if (!r)
			return -EFAULT;
		pte = page_lookup(vm->pgdir, addr);
		if (!pte)
			err = fault_zero(vm, r, addr - off);
		else if (frame_refcount(PTE_ADDR(*pte)) > 1 &&
			 !(r->flags & VM_SHARED))
			err = fault_cow(vm, r, addr - off, pte);
		if (err)
			return err;
		pte = page_lookup(vm->pgdir, addr);
		memcpy((uint8_t *)P2V(PTE_ADDR(*pte)) + off, from, chunk);
		from += chunk;
		addr += chunk;
		n -= chunk;
	}
	return 0;
}
