/*
 * kernel/mm/kmalloc.c - kmalloc/kfree for small kernel objects.
 *
 * Owns the kernel heap: eight power-of-two size classes, 16 B .. 2 KiB.
 * Each class carves whole pages ("slabs") into equal objects; a slab's
 * first SLAB_HDR bytes hold its struct slab, so kfree finds the slab by
 * rounding the pointer down to its page. Requests of 2 KiB + 1 .. 4 KiB
 * get a whole page of their own (page-aligned, which no slab object is);
 * anything bigger, and size 0, gets NULL: callers needing more use
 * frames directly.
 *
 * Invariants: a slab is on its class's partial list iff it has a free
 * object; a slab with no object in use goes straight back to the page
 * source, so an idle heap holds no pages (leak checks can compare free
 * frame counts). A free object holds the next-free pointer, then
 * FREE_MARK, which makes double frees cheap to detect.
 *
 * Locking: the kheap_* functions take no lock and are pure (host unit
 * tests run them with a fake page source); kmalloc/kfree run them with
 * interrupts off.
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"

#define SLAB_MAGIC 0x51AB0C8Eu
#define FREE_MARK 0xF4EEF4EEu

struct slab {
	uint32_t magic;	   /* SLAB_MAGIC while the page is a slab */
	uint16_t cls;	   /* objects of KMALLOC_MIN << cls bytes */
	uint16_t inuse;	   /* objects handed out */
	uint16_t nobj;	   /* objects in this slab */
	struct slab *next; /* partial list of the class */
	struct slab *prev;
	void *freelist; /* first free object, NULL when full */
};

#define SLAB_HDR ALIGN_UP(sizeof(struct slab), 16)

struct free_obj {
	struct free_obj *next;
	uint32_t mark; /* FREE_MARK while free */
};

static size_t class_size(unsigned cls)
{
	return (size_t)KMALLOC_MIN << cls;
}

static unsigned size_class(size_t size)
{
	unsigned cls = 0;

	while (class_size(cls) < size)
		cls++;
	return cls;
}

static void partial_link(struct kheap *h, struct slab *s)
{
	s->prev = NULL;
	s->next = h->partial[s->cls];
	if (s->next)
		s->next->prev = s;
	h->partial[s->cls] = s;
}

static void partial_unlink(struct kheap *h, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		h->partial[s->cls] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

/* A new slab of class cls with every object on its free list. */
static struct slab *slab_new(struct kheap *h, unsigned cls)
{
	struct slab *s = h->page_alloc();
	size_t size = class_size(cls);
	struct free_obj *o, **link;
	unsigned i;

	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->cls = (uint16_t)cls;
	s->inuse = 0;
	s->nobj = (uint16_t)((PAGE_SIZE - SLAB_HDR) / size);
	link = (struct free_obj **)&s->freelist;
	for (i = 0; i < s->nobj; i++) {
		o = (struct free_obj *)((char *)s + SLAB_HDR + i * size);
		o->mark = FREE_MARK;
		*link = o;
		link = &o->next;
	}
	*link = NULL;
	partial_link(h, s);
	return s;
}

static void *page_object_alloc(struct kheap *h)
{
	void *page = h->page_alloc();

	if (page) {
		h->live_objects++;
		h->live_bytes += PAGE_SIZE;
	}
	return page;
}

/*
 * kheap_alloc - an object of at least size bytes, aligned to
 * min(its size class, 16) bytes; a whole page for more than
 * KMALLOC_MAX_SLAB. NULL for size 0, size > KMALLOC_MAX or no page.
 */
void *kheap_alloc(struct kheap *h, size_t size)
{
	struct free_obj *o;
	struct slab *s;
	unsigned cls;

	if (size == 0 || size > KMALLOC_MAX)
		return NULL;
	if (size > KMALLOC_MAX_SLAB)
		return page_object_alloc(h);
	cls = size_class(size);
	s = h->partial[cls];
	if (!s && !(s = slab_new(h, cls)))
		return NULL;
	o = s->freelist;
	s->freelist = o->next;
	o->next = NULL;
	o->mark = 0;
	s->inuse++;
	if (!s->freelist)
		partial_unlink(h, s);
	h->live_objects++;
	h->live_bytes += class_size(cls);
	return o;
}

/* The slab holding ptr, or NULL when ptr is not an object start. */
static struct slab *slab_of(const void *ptr)
{
	uintptr_t page = (uintptr_t)ptr & ~(uintptr_t)(PAGE_SIZE - 1);
	struct slab *s = (struct slab *)page;
	uintptr_t off = (uintptr_t)ptr - page;

	if (s->magic != SLAB_MAGIC || s->cls >= KMALLOC_CLASSES)
		return NULL;
	if (off < SLAB_HDR || (off - SLAB_HDR) % class_size(s->cls) ||
	    (off - SLAB_HDR) / class_size(s->cls) >= s->nobj)
		return NULL;
	return s;
}

/* True if o is on s's free list. Walked only when o carries FREE_MARK,
 * so live data that happens to look like the mark is not misjudged. */
static bool slab_has_free(const struct slab *s, const struct free_obj *o)
{
	const struct free_obj *f;

	if (o->mark != FREE_MARK)
		return false;
	for (f = s->freelist; f; f = f->next)
		if (f == o)
			return true;
	return false;
}

static int page_object_free(struct kheap *h, void *ptr)
{
	if (!h->live_objects || h->live_bytes < PAGE_SIZE)
		return -EINVAL;
	h->live_objects--;
	h->live_bytes -= PAGE_SIZE;
	h->page_free(ptr);
	return 0;
}

/*
 * kheap_free - give back an object from kheap_alloc. Returns 0, -EINVAL
 * when ptr is not an object start, -ENOENT when it is already free.
 * A page-sized object is handed straight to page_free, whose owner
 * detects a double free of it.
 */
int kheap_free(struct kheap *h, void *ptr)
{
	struct free_obj *o = ptr;
	struct slab *s;
	bool was_full;

	if ((uintptr_t)ptr % PAGE_SIZE == 0)
		return page_object_free(h, ptr);
	if (!(s = slab_of(ptr)))
		return -EINVAL;
	if (s->inuse == 0 || slab_has_free(s, o))
		return -ENOENT;
	was_full = !s->freelist;
	o->next = s->freelist;
	o->mark = FREE_MARK;
	s->freelist = o;
	s->inuse--;
	h->live_objects--;
	h->live_bytes -= class_size(s->cls);
	if (s->inuse == 0) {
		if (!was_full)
			partial_unlink(h, s);
		s->magic = 0;
		h->page_free(s);
	} else if (was_full) {
		partial_link(h, s);
	}
	return 0;
}

size_t kheap_usable(const struct kheap *h, const void *ptr)
{
	const struct slab *s;

	if ((uintptr_t)ptr % PAGE_SIZE == 0)
		return ptr ? PAGE_SIZE : 0;
	s = slab_of(ptr);
	return s ? class_size(s->cls) : 0;
}

#ifndef HOST_TEST
/* ---- the kernel heap ------------------------------------------------ */

#include "arch/x86/io.h"

static void *frame_page_alloc(void)
{
	uint32_t pa = frame_alloc();

	return pa ? P2V(pa) : NULL;
}

static void frame_page_free(void *page)
{
	frame_free(V2P(page));
}

static struct kheap kheap = {
	.page_alloc = frame_page_alloc,
	.page_free = frame_page_free,
};

/* kmalloc - size bytes (1 .. KMALLOC_MAX), not zeroed; NULL otherwise or
 * when out of memory. Usable from interrupt handlers. */
void *kmalloc(size_t size)
{
	uint32_t flags = irq_save();
	void *p = kheap_alloc(&kheap, size);

	irq_restore(flags);
	return p;
}

/* kzalloc - kmalloc, then zero the size bytes. */
void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

/* kfree - free a kmalloc object; NULL is ignored. Panics on a pointer
 * kmalloc did not return or one already freed. */
void kfree(void *ptr)
{
	uint32_t flags;
	int err;

	if (!ptr)
		return;
	flags = irq_save();
	err = kheap_free(&kheap, ptr);
	irq_restore(flags);
	if (err == -ENOENT)
		panic("kfree(%p): double free", ptr);
	if (err)
		panic("kfree(%p): not a live kmalloc object (bad pointer, "
		      "or a double free that emptied its slab)",
		      ptr);
}

uint32_t kmalloc_live_objects(void)
{
	return kheap.live_objects;
}

uint32_t kmalloc_live_bytes(void)
{
	return kheap.live_bytes;
}
#endif /* !HOST_TEST */
