/*
 * kernel/mm/pmm.c - the physical page-frame allocator.
 *
 * Owns the kernel's frame pool: a free bitmap (1 bit a frame) and a
 * reference count (uint16_t a frame) for every frame between the lowest
 * and the highest free frame below the direct-map limit. The arrays live
 * in frames taken from the first free range large enough to hold them.
 *
 * Invariants: a frame's bitmap bit is set iff its ref is 0; frames the
 * memory map does not call free have ref == FRAME_RESERVED forever; frame
 * 0 is never free, so 0 can mean "no frame"; pool.free counts set bits.
 *
 * The last `reserve` free frames (param.h OOM_RESERVE_*) go only to
 * callers the reserve hook admits (kernel/proc/oom.c: no process, init,
 * root, a process dying of SIGKILL); to the others frame_alloc says "no
 * frame" early, and kernel/mm/oom.c decides what that means.
 *
 * Locking: one CPU; every kernel entry point runs with interrupts off
 * (irq_save), so frames may be allocated and freed from interrupt
 * handlers. The frame_pool_* functions take no lock and are pure: the
 * host unit tests run them on their own arrays.
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"

#define BIT(pfn) (1u << ((pfn) % 32))

static __always_inline uint32_t pool_index(const struct frame_pool *p,
					   uint32_t pa, int *err)
{
	uint32_t pfn = pa >> PAGE_SHIFT;

	*err = 0;
	if (pa % PAGE_SIZE || pfn < p->base_pfn ||
	    pfn - p->base_pfn >= p->nframes)
		*err = -EINVAL;
	else if (p->ref[pfn - p->base_pfn] == FRAME_RESERVED)
		*err = -EPERM;
	return pfn - p->base_pfn;
}

void frame_pool_init(struct frame_pool *p, uint32_t base_pfn, uint32_t nframes,
		     uint16_t *ref, uint32_t *bitmap)
{
	uint32_t i;

	p->base_pfn = base_pfn;
	p->nframes = nframes;
	p->ref = ref;
	p->bitmap = bitmap;
	p->free = 0;
	p->total = 0;
	p->hint = 0;
	for (i = 0; i < nframes; i++)
		ref[i] = FRAME_RESERVED;
	for (i = 0; i < (nframes + 31) / 32; i++)
		bitmap[i] = 0;
}

uint32_t frame_pool_add_range(struct frame_pool *p, uint32_t start,
			      uint32_t end)
{
	uint32_t pfn = ALIGN_UP((uint64_t)start, PAGE_SIZE) >> PAGE_SHIFT;
	uint32_t last = end >> PAGE_SHIFT; /* exclusive */
	uint32_t added = 0, i;

	pfn = MAX(MAX(pfn, p->base_pfn), 1u); /* frame 0 is never free */
	last = MIN(last, p->base_pfn + p->nframes);
	for (; pfn < last; pfn++) {
		i = pfn - p->base_pfn;
		if (p->ref[i] != FRAME_RESERVED)
			continue;
		p->ref[i] = 0;
		p->bitmap[i / 32] |= BIT(i);
		added++;
	}
	p->free += added;
	p->total += added;
	return added;
}

uint32_t frame_pool_alloc(struct frame_pool *p)
{
	uint32_t words = (p->nframes + 31) / 32, n, w, i;

	if (!p->free)
		return 0;
	for (n = 0; n < words; n++) {
		w = (p->hint + n) % words;
		if (!p->bitmap[w])
			continue;
		i = w * 32 + (uint32_t)__builtin_ctz(p->bitmap[w]);
		p->bitmap[w] &= ~BIT(i);
		p->ref[i] = 1;
		p->free--;
		p->hint = w;
		return (p->base_pfn + i) << PAGE_SHIFT;
	}
	return 0; /* unreachable while free counts the set bits */
}

uint32_t frame_pool_alloc_above(struct frame_pool *p, uint32_t keep)
{
	return p->free > keep ? frame_pool_alloc(p) : 0;
}

/* The index of the allocated frame at pa, for get and put: 0, or -EINVAL
 * (not a frame of p), -EPERM (reserved), -ENOENT (free) in *err. */
static __always_inline uint32_t held_index(const struct frame_pool *p,
					   uint32_t pa, int *err)
{
	uint32_t i = pool_index(p, pa, err);

	if (!*err && p->ref[i] == 0)
		*err = -ENOENT;
	return i;
}

/*
 * The bodies of frame_pool_get and frame_pool_put. They, pool_index and
 * held_index are forced inline: the kernel's frame_ref_get, frame_ref_put
 * and frame_free run them once per page of every fork and address-space
 * teardown. Left to GCC, they became calls there once held_index was
 * split out, which made fork+exec from a 256 MiB parent about 15% slower
 * under QEMU (docs/benchmarks.md).
 */
static __always_inline int pool_get(struct frame_pool *p, uint32_t pa)
{
	int err;
	uint32_t i = held_index(p, pa, &err);

	if (err)
		return err;
	if (p->ref[i] == FRAME_REF_MAX)
		return -ERANGE;
	p->ref[i]++;
	return 0;
}

static __always_inline int pool_put(struct frame_pool *p, uint32_t pa)
{
	int err;
	uint32_t i = held_index(p, pa, &err);

	if (err)
		return err;
	if (--p->ref[i] == 0) {
		p->bitmap[i / 32] |= BIT(i);
		p->free++;
	}
	return 0;
}

int frame_pool_get(struct frame_pool *p, uint32_t pa)
{
	return pool_get(p, pa);
}

int frame_pool_put(struct frame_pool *p, uint32_t pa)
{
	return pool_put(p, pa);
}

uint16_t frame_pool_refcount(const struct frame_pool *p, uint32_t pa)
{
	int err;
	uint32_t i = pool_index(p, pa, &err);

	return err ? FRAME_RESERVED : p->ref[i];
}

#ifndef HOST_TEST
/* ---- the kernel's pool ---------------------------------------------- */

#include "arch/x86/io.h"

extern char __kernel_start[], __kernel_end[];

static struct frame_pool pool;
static struct phys_range ranges[MM_FREE_RANGES_MAX];
static unsigned nranges;
static uint32_t reserve;	 /* frames kept for reserve_ok callers */
static bool (*reserve_ok)(void); /* may current take them? */

/* Byte ranges that are never free: first MiB (BIOS data, EBDA, VGA and
 * option ROMs), kernel image, boot modules, the loader's boot info. */
static unsigned boot_reserved(const struct boot_info *bi, struct phys_range *r)
{
	unsigned n = 0, i;

	r[n++] = (struct phys_range){0, 0x100000};
	r[n++] = (struct phys_range){V2P(__kernel_start), V2P(__kernel_end)};
	for (i = 0; i < bi->mod_count; i++)
		r[n++] =
			(struct phys_range){bi->mods[i].start, bi->mods[i].end};
	if (bi->info_end > bi->info_start)
		r[n++] = (struct phys_range){bi->info_start, bi->info_end};
	return n;
}

/* Take bytes (page multiple) for the pool's arrays from the first free
 * range that holds them; returns their physical address. */
static uint32_t steal_metadata(uint32_t bytes)
{
	unsigned i;

	for (i = 0; i < nranges; i++) {
		if (ranges[i].end - ranges[i].start >= bytes) {
			uint32_t pa = ranges[i].start;

			ranges[i].start += bytes;
			return pa;
		}
	}
	panic("pmm: no room for %u bytes of frame metadata", bytes);
}

/*
 * pmm_init - build the frame pool from the boot memory map. Every frame
 * below KERNEL_DIRECT_MAP_SIZE that the map calls available, minus the
 * boot_reserved ranges and the pool's own arrays, becomes free. Panics if
 * no memory is usable. Call once, before anything allocates.
 */
void pmm_init(const struct boot_info *bi)
{
	struct phys_range res[4 + BOOT_MODULES_MAX];
	unsigned nres = boot_reserved(bi, res), i;
	uint32_t base_pfn, nframes, ref_bytes, meta, pa;
	int err;

	err = memmap_free_ranges(bi->mmap, bi->mmap_count, res, nres,
				 KERNEL_DIRECT_MAP_SIZE, ranges,
				 ARRAY_SIZE(ranges), &nranges);
	if (err)
		panic("pmm: cannot read the memory map: error %d", err);
	if (!nranges)
		panic("pmm: the memory map has no usable RAM");
	base_pfn = ranges[0].start >> PAGE_SHIFT;
	nframes = (ranges[nranges - 1].end >> PAGE_SHIFT) - base_pfn;
	ref_bytes = ALIGN_UP(nframes * 2, 4);
	meta = ALIGN_UP(ref_bytes + (nframes + 31) / 32 * 4, PAGE_SIZE);
	pa = steal_metadata(meta);
	frame_pool_init(&pool, base_pfn, nframes, P2V(pa),
			(uint32_t *)((char *)P2V(pa) + ref_bytes));
	for (i = 0; i < nranges; i++)
		frame_pool_add_range(&pool, ranges[i].start, ranges[i].end);
	reserve =
		MAX(pool.total >> OOM_RESERVE_SHIFT, (uint32_t)OOM_RESERVE_MIN);
	reserve = MIN(reserve, (uint32_t)OOM_RESERVE_MAX);
}

/*
 * pmm_set_reserve_hook - ok() says whether the running context may take
 * one of the last pmm_reserve_frames() free frames. Called with
 * interrupts off; must not allocate. Without a hook everyone may.
 */
void pmm_set_reserve_hook(bool (*ok)(void))
{
	reserve_ok = ok;
}

/* pmm_reserve_frames - the size of the reserve, in frames. */
uint32_t pmm_reserve_frames(void)
{
	return reserve;
}

/*
 * pmm_release_boot_range - give the whole frames of a boot-time reserved
 * range [start, end) (bytes, physical: a boot module the kernel has
 * consumed) to the allocator. Only reserved frames change; returns how
 * many became free.
 */
uint32_t pmm_release_boot_range(uint32_t start, uint32_t end)
{
	uint32_t flags = irq_save();
	uint32_t n = frame_pool_add_range(&pool, start, end);

	irq_restore(flags);
	return n;
}

uint32_t frame_alloc(void)
{
	uint32_t flags = irq_save();
	bool all = pool.free > reserve || !reserve_ok || reserve_ok();
	uint32_t pa = frame_pool_alloc_above(&pool, all ? 0 : reserve);

	irq_restore(flags);
	return pa;
}

static void frame_misuse(const char *op, uint32_t pa, int err)
{
	const char *why = err == -ENOENT   ? "frame is free (double free?)"
			  : err == -EPERM  ? "frame is reserved"
			  : err == -ERANGE ? "reference count overflow"
					   : "not a managed frame";

	panic("%s(%#x): %s", op, pa, why);
}

/* Drop a reference to pa with interrupts off (name is the caller's, for
 * the panic); a refused one is a broken kernel invariant. */
static __always_inline void ref_put(const char *name, uint32_t pa)
{
	uint32_t flags = irq_save();
	int err = pool_put(&pool, pa);

	irq_restore(flags);
	if (err)
		frame_misuse(name, pa, err);
}

void frame_ref_get(uint32_t pa)
{
	uint32_t flags = irq_save();
	int err = pool_get(&pool, pa);

	irq_restore(flags);
	if (err)
		frame_misuse("frame_ref_get", pa, err);
}

void frame_ref_put(uint32_t pa)
{
	ref_put("frame_ref_put", pa);
}

void frame_free(uint32_t pa)
{
	ref_put("frame_free", pa);
}

uint16_t frame_refcount(uint32_t pa)
{
	return frame_pool_refcount(&pool, pa);
}

uint32_t pmm_free_frames(void)
{
	return pool.free;
}

uint32_t pmm_total_frames(void)
{
	return pool.total;
}

/* Tenths of a MiB, rounded down or up. */
#define TENTHS_MIB(b) ((uint32_t)(((uint64_t)(b)*10) >> 20))
#define TENTHS_MIB_UP(b) ((uint32_t)(((uint64_t)(b)*10 + 0xFFFFF) >> 20))

/*
 * pmm_print_summary - one line: usable RAM (available, below the direct
 * map), free frames, the kernel image; and installed RAM when some of it
 * lies above the direct map and is not used.
 */
void pmm_print_summary(const struct boot_info *bi)
{
	struct phys_range r[MM_FREE_RANGES_MAX];
	unsigned n = 0, i;
	uint64_t installed = memmap_installed_bytes(bi->mmap, bi->mmap_count);
	uint32_t ks = V2P(__kernel_start), ke = V2P(__kernel_end);
	bool above = false;
	char inst[40] = "";

	memmap_free_ranges(bi->mmap, bi->mmap_count, NULL, 0,
			   KERNEL_DIRECT_MAP_SIZE, r, ARRAY_SIZE(r), &n);
	for (i = 0; i < bi->mmap_count; i++)
		if (bi->mmap[i].type == MMAP_AVAILABLE && bi->mmap[i].len &&
		    bi->mmap[i].base + bi->mmap[i].len > KERNEL_DIRECT_MAP_SIZE)
			above = true;
	if (above)
		snprintf(inst, sizeof(inst), "%llu MiB installed, ",
			 installed >> 20);
	pr_info("memory: %s%llu MiB usable%s, %u free frames (%u MiB), "
		"kernel %u.%u-%u.%u MiB\n",
		inst, memmap_ranges_bytes(r, n) >> 20,
		above ? " (RAM above the direct map is not used yet)" : "",
		pool.free, pool.free >> (20 - PAGE_SHIFT), TENTHS_MIB(ks) / 10,
		TENTHS_MIB(ks) % 10, TENTHS_MIB_UP(ke) / 10,
		TENTHS_MIB_UP(ke) % 10);
}
#endif /* !HOST_TEST */
