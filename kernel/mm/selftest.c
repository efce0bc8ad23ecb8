/*
 * kernel/mm/selftest.c - self-tests of the memory manager (ktest=NAME):
 * pmm, kmalloc, paging, stack_overflow, stack_guard, kfree_double.
 *
 * Owns nothing between runs. Each test checks that the free-frame and
 * heap counters come back to where they started, so a leak fails it.
 */
#include "kernel.h"
#include "errno.h"
#include "ktest.h"
#include "mm.h"

#define PMM_TEST_FRAMES 2048 /* 8 MiB: fits in a 16 MiB machine */
#define TEST_USER_VA 0x40000000u

#define CHECK(cond) KTEST_CHECK(cond)

static uint32_t test_frames[PMM_TEST_FRAMES];

/* Bug: frames handed out twice, or not given back, or not RAM. */
static int pmm_test(void)
{
	uint32_t base = pmm_free_frames(), n, i;

	CHECK(base > 0 && base <= pmm_total_frames());
	for (n = 0; n < PMM_TEST_FRAMES; n++) {
		if (!(test_frames[n] = frame_alloc()))
			break;
		CHECK(test_frames[n] % PAGE_SIZE == 0);
		CHECK(frame_refcount(test_frames[n]) == 1);
		/* writable, and distinct: each keeps its own stamp */
		*(volatile uint32_t *)P2V(test_frames[n]) = ~test_frames[n];
	}
	printk("pmm: allocated %u frames of %u free\n", n, base);
	CHECK(n == PMM_TEST_FRAMES || n == base);
	CHECK(pmm_free_frames() == base - n);
	for (i = 0; i < n; i++)
		CHECK(*(volatile uint32_t *)P2V(test_frames[i]) ==
		      ~test_frames[i]);
	frame_ref_get(test_frames[0]);
	frame_free(test_frames[0]);
	CHECK(frame_refcount(test_frames[0]) == 1);
	for (i = 0; i < n; i++)
		frame_free(test_frames[i]);
	CHECK(pmm_free_frames() == base);
	printk("pmm: free frames back to %u\n", base);
	return 0;
}
KTEST(pmm, pmm_test);

/* Bug: kmalloc counters or frames not returning to baseline. */
static int kmalloc_test(void)
{
	static void *p[300];
	uint32_t frames = pmm_free_frames();
	uint32_t objs = kmalloc_live_objects(), bytes = kmalloc_live_bytes();
	unsigned i;

	CHECK(kmalloc(0) == NULL && kmalloc(KMALLOC_MAX + 1) == NULL);
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		size_t size = 1 + (i * 37) % KMALLOC_MAX;

		CHECK((p[i] = kzalloc(size)) != NULL);
		CHECK(((uint8_t *)p[i])[size - 1] == 0);
		memset(p[i], (int)i, size);
	}
	CHECK(kmalloc_live_objects() == objs + ARRAY_SIZE(p));
	CHECK(kmalloc_live_bytes() > bytes);
	for (i = 0; i < ARRAY_SIZE(p); i += 2)
		kfree(p[i]);
	for (i = 1; i < ARRAY_SIZE(p); i += 2)
		kfree(p[i]);
	kfree(NULL);
	CHECK(kmalloc_live_objects() == objs);
	CHECK(kmalloc_live_bytes() == bytes);
	CHECK(pmm_free_frames() == frames);
	printk("kmalloc: counters back to %u objects, %u bytes\n", objs, bytes);
	return 0;
}
KTEST(kmalloc, kmalloc_test);

/* Bug: a user-half mapping not visible after the CR3 switch, or a pgdir
 * that leaks its frames or page tables. */
static int paging_test(void)
{
	uint32_t base = pmm_free_frames(), pa;
	volatile uint32_t *user = (volatile uint32_t *)TEST_USER_VA;
	pde_t *pgdir = pgdir_create();
	pte_t *pte;
	uint32_t seen[2];

	CHECK(pgdir != NULL);
	CHECK((pa = frame_alloc()) != 0);
	CHECK(page_map(pgdir, TEST_USER_VA, pa, PTE_W | PTE_U) == 0);
	CHECK(page_map(pgdir, TEST_USER_VA, pa, PTE_W) == -EEXIST);
	CHECK(page_map(pgdir, KERNEL_VBASE, pa, PTE_W) == -EINVAL);
	CHECK((pte = page_lookup(pgdir, TEST_USER_VA + 5)) != NULL);
	CHECK(PTE_ADDR(*pte) == pa && (*pte & (PTE_P | PTE_U | PTE_W)));
	CHECK(page_lookup(kernel_pgdir, TEST_USER_VA) == NULL);
	((volatile uint32_t *)P2V(pa))[0] = 0x5117E1A7;
	pgdir_switch(pgdir);
	seen[0] = user[0];
	user[1] = 0xC0FFEE;
	pgdir_switch(kernel_pgdir);
	seen[1] = ((volatile uint32_t *)P2V(pa))[1];
	printk("paging: read %#x through the mapping, %#x back\n", seen[0],
	       seen[1]);
	CHECK(seen[0] == 0x5117E1A7 && seen[1] == 0xC0FFEE);
	CHECK(page_unmap(pgdir, TEST_USER_VA) == 0);
	CHECK(page_lookup(pgdir, TEST_USER_VA) == NULL);
	CHECK(page_unmap(pgdir, TEST_USER_VA) == -ENOENT);
	/* a mapping left in place is released by pgdir_destroy */
	CHECK((pa = frame_alloc()) != 0);
	CHECK(page_map(pgdir, 0x08048000, pa, PTE_U) == 0);
	pgdir_destroy(pgdir);
	CHECK(pmm_free_frames() == base);
	printk("paging: free frames back to %u (global pages %s)\n", base,
	       paging_has_pge() ? "on" : "off");
	return 0;
}
KTEST(paging, paging_test);

/* Recurse through a volatile pointer so the compiler cannot make it a
 * loop; each level takes about 300 bytes of stack. */
static int (*volatile deeper)(int);

static int recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	return deeper(depth + 1) + pad[0];
}

static void overflow(void)
{
	deeper = recurse;
	deeper(0);
}

/* Run fn with esp at top; returns when fn does (it must not here). */
static void run_on_stack(uintptr_t top, void (*fn)(void))
{
	__asm__ volatile("movl %%esp, %%esi\n\t"
			 "movl %0, %%esp\n\t"
			 "call *%1\n\t"
			 "movl %%esi, %%esp"
			 :
			 : "r"(top), "r"(fn)
			 : "esi", "eax", "ecx", "edx", "memory");
}

/* Bug: a kernel stack overflow silently corrupting memory below it. The
 * expected result is a panic saying "kernel stack overflow". */
static int stack_overflow_test(void)
{
	uintptr_t top = kstack_alloc();

	CHECK(top != 0);
	CHECK(kstack_is_guard(top - KSTACK_SIZE - 1));
	CHECK(!kstack_is_guard(top - KSTACK_SIZE));
	printk("stack_overflow: recursing on the stack below %#lx\n",
	       (unsigned long)top);
	run_on_stack(top, overflow);
	printk("FAIL: the recursion returned\n");
	return 1;
}
KTEST(stack_overflow, stack_overflow_test);

/* Bug: a stray read of a guard page (stack still fine, so a plain page
 * fault) reported as an anonymous kernel fault. Expected: a panic naming
 * the stack overflow. */
static int stack_guard_test(void)
{
	uintptr_t top = kstack_alloc();

	CHECK(top != 0);
	printk("stack_guard: reading the guard page below %#lx\n",
	       (unsigned long)top);
	(void)*(volatile uint32_t *)(top - KSTACK_SIZE - 4);
	printk("FAIL: the guard page is readable\n");
	return 1;
}
KTEST(stack_guard, stack_guard_test);

/* Bug: kfree of an object twice corrupting the heap silently. Expected:
 * a "double free" panic on the second kfree. (keep holds the slab; had
 * it gone back to the frame pool, the panic would say "not a live
 * kmalloc object" instead.) */
static int kfree_double_test(void)
{
	void *keep = kmalloc(48), *p = kmalloc(48);

	CHECK(keep != NULL && p != NULL);
	kfree(p);
	kfree(p);
	printk("FAIL: the second kfree returned\n");
	return 1;
}
KTEST(kfree_double, kfree_double_test);
