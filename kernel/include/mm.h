/*
 * mm.h - memory management: physical frames, page directories, kmalloc,
 * guarded kernel stacks, page faults and the mm half of running out of
 * memory. User address spaces are vm.h, user copies uaccess.h.
 *
 * Address map (virtual):
 *   0x00000000 .. 0xBFFFFFFF  user half, private to each page directory
 *   0xC0000000 .. 0xF7FFFFFF  direct map of physical 0 .. 896 MiB (4 MiB
 *                             pages), so P2V/V2P are plain arithmetic
 *   0xF8000000 .. 0xFBFFFFFF  KSTACK_AREA: kernel stacks with guard pages
 *                             (4 KiB pages, tables shared by every pgdir)
 *   0xFC000000 .. 0xFEFFFFFF  VMALLOC_AREA: vmalloc buffers (vm.h), same
 *                             shared tables
 *   0xFF000000 .. 0xFFFFFFFF  EARLY_MAP_AREA: device memory mapped with
 *                             4 MiB pages before paging_init (a
 *                             framebuffer), for good
 * The kernel-half directory entries never change after paging_init, so
 * every page directory can copy them once at creation.
 *
 * Frames handed out by the allocator are always below the direct-map
 * limit: P2V of a frame is always a valid kernel pointer.
 */
#ifndef SLEIGHT_MM_H
#define SLEIGHT_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootinfo.h"
#include "param.h"

/* ---- physical <-> kernel virtual (direct map) ------------------------ */

#define P2V(pa) ((void *)((uintptr_t)(pa) + KERNEL_VBASE))
#define V2P(va) ((uint32_t)((uintptr_t)(va)-KERNEL_VBASE))

static inline void *phys_to_virt(uint32_t pa)
{
	return P2V(pa);
}

static inline uint32_t virt_to_phys(const void *va)
{
	return V2P(va);
}

/* ---- memory map -> free ranges (kernel/mm/memmap.c, pure) ------------ */

/* A physical byte range [start, end). */
struct phys_range {
	uint32_t start;
	uint32_t end;
};

/*
 * memmap_free_ranges - the page-aligned free RAM described by a loader
 * memory map.
 *   map, n:        loader entries (bytes; any order, may overlap, may be
 *                  unaligned, zero-length or above 4 GiB)
 *   reserved, nres: byte ranges that are never free (kernel image, boot
 *                  modules, ...); may be unaligned, may be empty
 *   limit:         bytes; nothing at or above it is returned (page-aligned)
 *   out, max:      receives sorted, disjoint, non-adjacent page-aligned
 *                  ranges; *count is set to how many
 * RAM typed non-available in any entry is not free even where another
 * entry calls it available (reserved wins). Partial pages are dropped.
 * Returns 0, -EINVAL (NULL arrays, unaligned limit, a reserved range with
 * start > end) or -E2BIG (more than max ranges needed).
 */
int memmap_free_ranges(const struct mmap_entry *map, unsigned n,
		       const struct phys_range *reserved, unsigned nres,
		       uint32_t limit, struct phys_range *out, unsigned max,
		       unsigned *count);

/*
 * memmap_installed_bytes - bytes of RAM the map calls available, counting
 * overlapping entries once, at any address (also above 4 GiB).
 */
uint64_t memmap_installed_bytes(const struct mmap_entry *map, unsigned n);

/* Sum of the lengths of n ranges, in bytes. */
uint64_t memmap_ranges_bytes(const struct phys_range *r, unsigned n);

/* ---- frame pool (kernel/mm/pmm.c; the pool functions are pure) ------- */

#define FRAME_REF_MAX 0xFFFEu  /* highest reference count */
#define FRAME_RESERVED 0xFFFFu /* ref[] marker: never allocated */

/*
 * The state of a page-frame allocator over frames [base_pfn, base_pfn +
 * nframes). The caller provides the arrays: ref[nframes] and
 * bitmap[(nframes + 31) / 32]. A frame is free iff its bitmap bit is set,
 * iff ref == 0; reserved frames have ref == FRAME_RESERVED.
 */
struct frame_pool {
	uint32_t base_pfn; /* first tracked frame number */
	uint32_t nframes;  /* tracked frames */
	uint16_t *ref;	   /* per frame: refs or FRAME_RESERVED */
	uint32_t *bitmap;  /* 1 bit per frame: 1 = free */
	uint32_t free;	   /* frames with ref == 0 */
	uint32_t total;	   /* frames ever free (not reserved) */
	uint32_t hint;	   /* bitmap word to search from */
};

/* Set up a pool with every frame reserved. */
void frame_pool_init(struct frame_pool *p, uint32_t base_pfn, uint32_t nframes,
		     uint16_t *ref, uint32_t *bitmap);
/* Make the whole frames inside [start, end) (bytes) free. Returns how many
 * frames became free. */
uint32_t frame_pool_add_range(struct frame_pool *p, uint32_t start,
			      uint32_t end);
/* Allocate one frame with reference count 1; its physical address, or 0
 * when none is free. */
uint32_t frame_pool_alloc(struct frame_pool *p);
/* As frame_pool_alloc, but 0 unless more than keep frames are free (the
 * last keep frames are a reserve). */
uint32_t frame_pool_alloc_above(struct frame_pool *p, uint32_t keep);
/* Add one reference to an allocated frame. 0, -EINVAL (not a frame of the
 * pool), -EPERM (reserved), -ENOENT (free), -ERANGE (at FRAME_REF_MAX). */
int frame_pool_get(struct frame_pool *p, uint32_t pa);
/* Drop one reference; the frame becomes free at zero. 0, or -EINVAL,
 * -EPERM, -ENOENT (already free: a double free) as for frame_pool_get. */
int frame_pool_put(struct frame_pool *p, uint32_t pa);
/* The reference count of pa (FRAME_RESERVED for reserved and untracked
 * frames). */
uint16_t frame_pool_refcount(const struct frame_pool *p, uint32_t pa);

/* The kernel's allocator. Interrupt-safe. Frames are not zeroed.
 * frame_alloc also says 0 when only the reserve is left and the reserve
 * hook refuses the caller (pmm.c). */
void pmm_init(const struct boot_info *bi);
uint32_t frame_alloc(void); /* physical address, 0 on none */
void pmm_set_reserve_hook(bool (*ok)(void));
uint32_t pmm_reserve_frames(void); /* frames kept back (param.h) */
uint32_t pmm_release_boot_range(uint32_t start, uint32_t end);
void frame_free(uint32_t pa);	 /* = frame_ref_put */
void frame_ref_get(uint32_t pa); /* panics on misuse */
void frame_ref_put(uint32_t pa); /* frees at zero; panics on misuse */
uint16_t frame_refcount(uint32_t pa);
uint32_t pmm_free_frames(void);	 /* frames free now */
uint32_t pmm_total_frames(void); /* frames the allocator manages */
void pmm_print_summary(const struct boot_info *bi); /* "memory: ..." */

/* ---- page directories (kernel/mm/paging.c) --------------------------- */

typedef uint32_t pde_t;
typedef uint32_t pte_t;

/* Intel SDM vol. 3, 4.3, tables 4-5 and 4-6. */
#define PTE_P 0x001u /* present */
#define PTE_W 0x002u /* writable */
#define PTE_U 0x004u /* user */
#define PTE_PWT 0x008u
#define PTE_PCD 0x010u /* cache disable */
#define PTE_A 0x020u
#define PTE_D 0x040u
#define PTE_PS 0x080u /* in a PDE: 4 MiB page */
#define PTE_G 0x100u  /* global (CR4.PGE) */
/* Software bit: the frame is not managed by the pmm (device memory);
 * unmapping it drops no reference. */
#define PTE_NOREF 0x200u
#define PTE_ADDR(e) ((e) & ~0xFFFu)

#define PDX(va) ((uint32_t)(va) >> 22)
#define PTX(va) (((uint32_t)(va) >> 12) & 0x3FF)
#define KERNEL_PDX PDX(KERNEL_VBASE) /* first kernel-half PDE */

extern pde_t *kernel_pgdir;

void paging_init(void);
bool paging_has_pge(void);
void *paging_early_map(uint64_t phys, size_t len);

/*
 * A mapping owns one frame reference: page_map takes over the caller's
 * reference (it does not add one), page_unmap and pgdir_destroy drop it,
 * unless the PTE has PTE_NOREF.
 */
pde_t *pgdir_create(void); /* NULL when out of frames */
void pgdir_destroy(pde_t *pgdir);
void pgdir_switch(pde_t *pgdir);
int page_map(pde_t *pgdir, uint32_t va, uint32_t pa, uint32_t flags);
int page_unmap(pde_t *pgdir, uint32_t va);
pte_t *page_lookup(pde_t *pgdir, uint32_t va);

/* ---- kmalloc (kernel/mm/kmalloc.c; the kheap functions are pure) ----- */

#define KMALLOC_MIN 16u	       /* bytes, smallest size class */
#define KMALLOC_MAX_SLAB 2048u /* bytes, largest size class */
#define KMALLOC_MAX PAGE_SIZE  /* bytes, largest request */
#define KMALLOC_CLASSES 8      /* 16, 32, ..., 2048 */

struct slab;

/*
 * A heap drawing whole pages from page_alloc (PAGE_SIZE bytes, page
 * aligned, NULL when none) and returning them to page_free.
 */
struct kheap {
	void *(*page_alloc)(void);
	void (*page_free)(void *page);
	/* per class: the slabs that have a free object */
	struct slab *partial[KMALLOC_CLASSES];
	uint32_t live_objects;
	uint32_t live_bytes; /* rounded up to the size class or page */
};

void *kheap_alloc(struct kheap *h, size_t size);
/* 0, -EINVAL (not an object of h), -ENOENT (already free). */
int kheap_free(struct kheap *h, void *ptr);
/* Bytes usable at ptr (its size class), 0 for a bad pointer. */
size_t kheap_usable(const struct kheap *h, const void *ptr);

void *kmalloc(size_t size); /* NULL for 0, > KMALLOC_MAX or no memory */
void *kzalloc(size_t size); /* kmalloc, zero-filled */
void kfree(void *ptr);	    /* NULL is ignored; panics on misuse */
uint32_t kmalloc_live_objects(void);
uint32_t kmalloc_live_bytes(void);

/* ---- kernel stacks (kernel/mm/kstack.c) ------------------------------ */

#define KSTACK_SIZE (KSTACK_PAGES * PAGE_SIZE) /* bytes */

uintptr_t kstack_alloc(void); /* initial esp (stack top), 0 on none */
void kstack_free(uintptr_t top);
bool kstack_is_guard(uint32_t va);

/* ---- page faults (kernel/mm/fault.c) --------------------------------- */

struct trapframe;
void mm_fault_init(void);
void mm_page_fault(struct trapframe *tf);

/*
 * Hook for user-mode page faults (copy-on-write, demand paging), with the
 * fault address va (CR2) and the #PF error code. Returns 0 when the fault
 * is resolved (the instruction is retried). A fault it cannot resolve it
 * must deal with itself (signal or kill the process); if it returns
 * non-zero, or no hook is installed, mm_page_fault panics. The one
 * handler is the process layer's (signal_init, kernel/proc/signal.c),
 * which resolves through mm_fault_oom; the ring-3 self-test borrows it.
 */
#define PF_ERR_P 0x1u /* #PF error code: the page was present */
#define PF_ERR_W 0x2u /* #PF error code: a write access */
typedef int (*user_fault_handler_t)(struct trapframe *tf, uint32_t va,
				    uint32_t err);
extern user_fault_handler_t mm_user_fault_handler;

/* ---- out of memory (kernel/mm/oom.c; policy in kernel/proc/oom.c) ---- */

struct vm_space;

/*
 * The OOM killer the process layer registers: pick the process with the
 * largest footprint, SIGKILL it and log it; with wait, sleep (bounded by
 * OOM_WAIT_MS) until it has released its memory. site names the
 * allocation that failed. Returns 0 when a victim has exited (retry the
 * allocation), -EAGAIN when one was signalled but not waited for (or
 * did not exit in time), -ENOMEM when there is nothing to kill but the
 * caller (current is then SIGKILLed unless it is init).
 */
typedef int (*oom_handler_t)(const char *site, bool wait);
void mm_set_oom_handler(oom_handler_t h);

/*
 * mm_out_of_memory - an allocation for current failed: run the OOM
 * killer. Call with wait only where sleeping is safe (no pointer into
 * shared state held: a page fault from ring 3, the start of fork, exec,
 * a pipe write before it touches the ring). Returns as oom_handler_t;
 * -ENOMEM with no handler.
 */
int mm_out_of_memory(const char *site, bool wait);

/*
 * mm_fault_oom - vm_user_fault for a fault from ring 3, where memory
 * running out is not an error of the faulting process: the OOM killer
 * runs and the fault is retried, up to OOM_RETRIES times. 0, the
 * refusals of vm_user_fault (-EFAULT, -EACCES, -EIO), or -ENOMEM (the
 * caller is the one to die).
 */
int mm_fault_oom(struct vm_space *vm, uint32_t va, bool write, bool present);

/* Counters for /dev/kstat: OOM killer runs, and victims killed. */
uint32_t mm_oom_events(void);
uint32_t mm_oom_kills(void);
void mm_oom_count_kill(void);

#endif
