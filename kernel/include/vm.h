/*
 * vm.h - user address spaces: a page directory plus the list of mapped
 * regions (VMAs), the program break and the mmap area; and vmalloc, the
 * kernel's allocator for multi-page buffers.
 *
 * User map (virtual), Linux i386-like:
 *   0x00000000 .. 0x00000FFF   never mapped (NULL dereferences fault)
 *   program image (ELF PT_LOAD segments), then the brk heap growing up
 *   mmap area, allocated downward from VM_MMAP_TOP
 *   guard gap, then the stack: VM_STACK_SIZE bytes below VM_STACK_TOP
 *   VM_STACK_TOP .. 0xBFFFFFFF unused
 * Pages are allocated on first touch (demand-zero) and shared
 * copy-on-write after vm_clone; frames are reference-counted by the pmm.
 */
#ifndef SLEIGHT_VM_H
#define SLEIGHT_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm.h"

#define VM_USER_MIN 0x00001000u	 /* lowest user address */
#define VM_STACK_TOP 0xBFFF0000u /* one past the stack's last byte */
#define VM_STACK_SIZE (8u << 20) /* bytes of stack (RLIMIT_STACK) */
#define VM_MMAP_TOP (VM_STACK_TOP - VM_STACK_SIZE - (16u << 20))

/* VMA protection and flags (prot as mmap(2) PROT_*). */
#define VM_PROT_READ 0x1u
#define VM_PROT_WRITE 0x2u
#define VM_PROT_EXEC 0x4u
#define VM_PROT_MASK (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC)
#define VM_SHARED 0x10u /* MAP_SHARED anonymous: not COW on fork */

struct vm_space;
struct file;

/* vm_create - an empty address space. NULL when out of memory. */
struct vm_space *vm_create(void);

/* vm_clone - a copy-on-write copy of src (fork(2)): every private page is
 * shared read-only with its frame's reference count raised; shared
 * mappings stay shared. NULL when out of memory (nothing leaks). */
struct vm_space *vm_clone(struct vm_space *src);

/* vm_destroy - unmap everything and free the page directory. The caller
 * must not be running on vm (switch to another pgdir first). */
void vm_destroy(struct vm_space *vm);

/* vm_get - one more task uses vm (CLONE_VM, a vfork child phase). */
void vm_get(struct vm_space *vm);
/* vm_users - how many tasks use vm (Linux mm_users); 0 for NULL. */
int vm_users(const struct vm_space *vm);
/* vm_put - one task less; the last one destroys vm (as vm_destroy, so
 * it must not be loaded then). NULL is a no-op. */
void vm_put(struct vm_space *vm);

/* vm_pgdir - the page directory to load in CR3 for vm. */
pde_t *vm_pgdir(struct vm_space *vm);

/* What an address space takes, in pages (Linux /proc/PID/status VmSize,
 * VmRSS, VmPTE). A frame shared copy-on-write counts in every space
 * that maps it, as Linux's RSS does. */
struct vm_usage {
	uint32_t vm_pages;  /* mapped regions, touched or not */
	uint32_t rss_pages; /* present pages */
	uint32_t pt_pages;  /* user page tables */
};

/* vm_usage - fill *u for vm (all zero for NULL). */
void vm_usage(struct vm_space *vm, struct vm_usage *u);

/*
 * vm_map_anon - map [addr, addr + len) (page-aligned, user half) as a
 * zero-filled region with prot and flags. Replaces what was there
 * (MAP_FIXED semantics). 0, -EINVAL (bad range), -ENOMEM.
 */
int vm_map_anon(struct vm_space *vm, uint32_t addr, uint32_t len, uint32_t prot,
		uint32_t flags);

/*
 * vm_copy_in - write n bytes from kernel memory src to user address addr
 * of vm (which need not be the current address space), allocating pages
 * as needed and ignoring page protections (for the loader). The range
 * must lie inside mapped regions. 0, -EFAULT, -ENOMEM.
 */
int vm_copy_in(struct vm_space *vm, uint32_t addr, const void *src, uint32_t n);

/* vm_map_frame - map frame pa at page va, shared copy-on-write (see
 * vm.c). 0, -EFAULT, -EEXIST, -ENOMEM. */
int vm_map_frame(struct vm_space *vm, uint32_t va, uint32_t pa);

/* vm_set_brk_base - where the program break starts (page-aligned end of
 * the image); brk(2) grows from there. */
void vm_set_brk_base(struct vm_space *vm, uint32_t base);

/*
 * vm_unmap - munmap(2) of [addr, addr + len) (page-aligned, user half):
 * drop the pages and the regions there; unmapped parts are fine. 0,
 * -EINVAL (bad range), -ENOMEM (the region list is full and a region
 * would be split in two).
 */
int vm_unmap(struct vm_space *vm, uint32_t addr, uint32_t len);

/*
 * vm_protect - mprotect(2): set prot (VM_PROT_*) on [addr, addr + len)
 * (page-aligned). Pages shared copy-on-write stay read-only until their
 * next write fault. 0, -EINVAL, -ENOMEM (part of the range is not
 * mapped, or the region list is full).
 */
int vm_protect(struct vm_space *vm, uint32_t addr, uint32_t len, uint32_t prot);

/*
 * vm_discard - madvise(MADV_DONTNEED): drop the pages of [addr, addr +
 * len) but keep the regions, so the next touch of a private page reads
 * zeros. 0 or -EINVAL.
 */
int vm_discard(struct vm_space *vm, uint32_t addr, uint32_t len);

/* vm_addr_shared - true when va lies in a VM_SHARED region of vm (its
 * frames are the same in every space that maps them: futex keys). */
bool vm_addr_shared(struct vm_space *vm, uint32_t va);

/* True when [addr, addr + len) lies in the user half and no region
 * meets it. */
bool vm_range_free(struct vm_space *vm, uint32_t addr, uint32_t len);

/* True when [addr, addr + len) lies in the user half and regions cover
 * every byte of it. */
bool vm_range_mapped(struct vm_space *vm, uint32_t addr, uint32_t len);

/*
 * vm_find_free - where mmap(2) without MAP_FIXED puts len bytes
 * (page-aligned): hint (page-aligned) when that range is free, else the
 * highest free range below VM_MMAP_TOP, else the highest one anywhere in
 * the user half. 0 when there is none.
 */
uint32_t vm_find_free(struct vm_space *vm, uint32_t hint, uint32_t len);

/*
 * vm_brk - brk(2): move the program break to want (bytes, any
 * alignment), mapping or unmapping whole pages above the page-aligned
 * break base. Returns the new break, or the old one when want is below
 * the base, the pages above are taken, or memory runs out (Linux never
 * returns an errno from brk).
 */
uint32_t vm_brk(struct vm_space *vm, uint32_t want);

/*
 * vm_user_fault - a page fault at va in ring 3 (write: a write access;
 * present: the page was present). Allocates demand-zero pages and breaks
 * copy-on-write sharing. 0 when fixed, -EFAULT when the access is bad
 * (the caller sends SIGSEGV), -ENOMEM.
 */
int vm_user_fault(struct vm_space *vm, uint32_t va, bool write, bool present);

/* vmalloc - n bytes (rounded up to pages) of kernel memory mapped in a
 * reserved kernel area (shared by every pgdir); for buffers bigger than
 * kmalloc's limit. NULL when out of memory. vfree takes the same n. */
void *vmalloc(size_t n);
void vfree(void *p, size_t n);
/* Pages vmalloc has handed out and vfree not taken back (leak checks). */
uint32_t vmalloc_live_pages(void);

#endif
