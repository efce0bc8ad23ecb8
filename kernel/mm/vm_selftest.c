/*
 * kernel/mm/vm_selftest.c - self-tests of user address spaces, uaccess
 * and vmalloc (ktest=vm, uaccess, vmalloc).
 *
 * Owns only test state. The tests run before any process exists; the
 * uaccess test points uaccess at its own spaces (uaccess_set_space) and
 * puts the process layer's hook back; the ring-3 test installs a
 * page-fault handler that resolves as the live one does (mm_fault_oom).
 * Each test checks that free frames, kmalloc objects and vmalloc pages
 * return to their starting counts, so a leak fails it.
 */
#include "kernel.h"
#include "errno.h"
#include "halt.h"
#include "ktest.h"
#include "mm.h"
#include "uaccess.h"
#include "vm.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define CHECK(cond) KTEST_CHECK(cond)

#define PRIV_VA 0x10000000u   /* private, 4 pages */
#define SHARED_VA 0x20000000u /* VM_SHARED, 1 page */
#define RO_VA 0x30000000u     /* read-only, 1 page */
#define NONE_VA 0x30010000u   /* PROT_NONE, 1 page */
#define EOF_VA 0x30020000u    /* VM_PAST_EOF, 1 page, for a while */
#define RW (VM_PROT_READ | VM_PROT_WRITE)

struct baseline {
	uint32_t frames, objects, vpages;
};

static void baseline_take(struct baseline *b)
{
	b->frames = pmm_free_frames();
	b->objects = kmalloc_live_objects();
	b->vpages = vmalloc_live_pages();
}

static bool baseline_same(const struct baseline *b)
{
	return b->frames == pmm_free_frames() &&
	       b->objects == kmalloc_live_objects() &&
	       b->vpages == vmalloc_live_pages();
}

static uint32_t pte_of(struct vm_space *vm, uint32_t va)
{
	pte_t *pte = page_lookup(vm_pgdir(vm), va);

	return pte ? *pte : 0;
}

/* A space with a private, a shared, a read-only and a PROT_NONE region,
 * private and shared ones filled in; NULL on failure. */
static struct vm_space *build_space(void)
{
	struct vm_space *vm = vm_create();

	if (!vm)
		return NULL;
	if (vm_map_anon(vm, PRIV_VA, 4 * PAGE_SIZE, RW, 0) ||
	    vm_map_anon(vm, SHARED_VA, PAGE_SIZE, RW, VM_SHARED) ||
	    vm_map_anon(vm, RO_VA, PAGE_SIZE, VM_PROT_READ, 0) ||
	    vm_map_anon(vm, NONE_VA, PAGE_SIZE, 0, 0) ||
	    vm_copy_in(vm, PRIV_VA, "parent", 7) ||
	    vm_copy_in(vm, SHARED_VA, "shared", 7)) {
		vm_destroy(vm);
		return NULL;
	}
	return vm;
}

/*
 * Bug: after fork, a write by the child seen by the parent (no COW), a
 * write to MAP_SHARED memory not seen (COW where it must not be), a COW
 * page copied although its last sharer left, or frames leaking when
 * both spaces go.
 */
static int vm_test(void)
{
	volatile char *priv = (volatile char *)PRIV_VA;
	volatile char *shared = (volatile char *)SHARED_VA;
	struct vm_space *parent, *child;
	struct baseline b;
	uint32_t pa;
	char seen[8];

	baseline_take(&b);
	CHECK((parent = build_space()) != NULL);
	pa = PTE_ADDR(pte_of(parent, PRIV_VA));
	CHECK(pte_of(parent, PRIV_VA) & PTE_W);
	CHECK((child = vm_clone(parent)) != NULL);
	CHECK(PTE_ADDR(pte_of(child, PRIV_VA)) == pa);
	CHECK(frame_refcount(pa) == 2);
	CHECK(!(pte_of(parent, PRIV_VA) & PTE_W));
	CHECK(!(pte_of(child, PRIV_VA) & PTE_W));
	CHECK(pte_of(child, SHARED_VA) & PTE_W);
	CHECK(pte_of(child, PRIV_VA + PAGE_SIZE) == 0);

	/* the child writes: fault first, as the CPU would make it */
	pgdir_switch(vm_pgdir(child));
	CHECK(vm_user_fault(child, PRIV_VA + 1, true, true) == 0);
	priv[0] = 'C';
	shared[0] = 'X';
	CHECK(vm_user_fault(child, PRIV_VA + PAGE_SIZE, false, false) == 0);
	CHECK(priv[PAGE_SIZE] == 0 && priv[2 * PAGE_SIZE - 1] == 0);

	pgdir_switch(vm_pgdir(parent));
	memcpy(seen, (const char *)priv, 7);
	printk("vm: parent reads '%s' after the child's write, shared "
	       "page '%c'\n",
	       seen, shared[0]);
	CHECK(strcmp(seen, "parent") == 0);
	CHECK(shared[0] == 'X');
	CHECK(frame_refcount(pa) == 1);
	/* last sharer: made writable in place, no copy */
	CHECK(vm_user_fault(parent, PRIV_VA, true, true) == 0);
	CHECK(PTE_ADDR(pte_of(parent, PRIV_VA)) == pa);
	CHECK(pte_of(parent, PRIV_VA) & PTE_W);
	priv[1] = 'A';

	/* refused accesses */
	CHECK(vm_user_fault(parent, 0, false, false) == -EFAULT);
	CHECK(vm_user_fault(parent, PRIV_VA + 4 * PAGE_SIZE, false, false) ==
	      -EFAULT);
	CHECK(vm_user_fault(parent, RO_VA, true, false) == -EACCES);
	CHECK(vm_user_fault(parent, RO_VA, false, false) == 0);
	CHECK(vm_user_fault(parent, NONE_VA, false, false) == -EACCES);
	CHECK(vm_user_fault(parent, KERNEL_VBASE, false, false) == -EFAULT);

	/* a file mapping's page past the end of the file: protection
	 * first (SEGV_ACCERR), then SIGBUS */
	CHECK(vm_map_anon(parent, EOF_VA, PAGE_SIZE, VM_PROT_READ,
			  VM_PAST_EOF) == 0);
	CHECK(vm_user_fault(parent, EOF_VA + 1, true, false) == -EACCES);
	CHECK(vm_user_fault(parent, EOF_VA + 1, false, false) == -EIO);
	CHECK(vm_unmap(parent, EOF_VA, PAGE_SIZE) == 0);

	/* mprotect: read-only, then PROT_NONE takes user access away */
	CHECK(vm_protect(parent, PRIV_VA, PAGE_SIZE, VM_PROT_READ) == 0);
	CHECK(!(pte_of(parent, PRIV_VA) & PTE_W));
	CHECK(vm_user_fault(parent, PRIV_VA, true, true) == -EACCES);
	CHECK(vm_protect(parent, PRIV_VA, PAGE_SIZE, 0) == 0);
	CHECK(!(pte_of(parent, PRIV_VA) & PTE_U));
	CHECK(vm_protect(parent, PRIV_VA, PAGE_SIZE, RW) == 0);
	CHECK((pte_of(parent, PRIV_VA) & (PTE_U | PTE_W)) == (PTE_U | PTE_W));
	CHECK(vm_protect(parent, 0x50000000, PAGE_SIZE, RW) == -ENOMEM);

	/* brk grows into fresh zero pages and shrinks by unmapping */
	vm_set_brk_base(parent, 0x08000123);
	CHECK(vm_brk(parent, 0) == 0x08001000);
	CHECK(vm_brk(parent, 0x08003010) == 0x08003010);
	CHECK(vm_user_fault(parent, 0x08003000, true, false) == 0);
	CHECK(vm_brk(parent, 0x08001000) == 0x08001000);
	CHECK(vm_user_fault(parent, 0x08003000, false, false) == -EFAULT);
	CHECK(vm_brk(parent, 0x07000000) == 0x08001000);
	CHECK(vm_brk(parent, PRIV_VA + 1) == 0x08001000); /* taken */

	/* munmap of the middle page of the private region */
	CHECK(vm_unmap(parent, PRIV_VA + PAGE_SIZE, PAGE_SIZE) == 0);
	CHECK(vm_user_fault(parent, PRIV_VA + PAGE_SIZE, false, false) ==
	      -EFAULT);
	CHECK(vm_user_fault(parent, PRIV_VA + 2 * PAGE_SIZE, false, false) ==
	      0);
	CHECK(vm_find_free(parent, PRIV_VA + PAGE_SIZE, PAGE_SIZE) ==
	      PRIV_VA + PAGE_SIZE);
	CHECK(vm_find_free(parent, PRIV_VA, PAGE_SIZE) ==
	      VM_MMAP_TOP - PAGE_SIZE);

	pgdir_switch(kernel_pgdir);
	vm_destroy(child);
	vm_destroy(parent);
	CHECK(baseline_same(&b));
	printk("vm: free frames back to %u, kmalloc objects %u\n", b.frames,
	       b.objects);
	return 0;
}
KTEST(vm, vm_test);

/* Take free frames until only leave are left; they are chained through
 * their first word. Returns the chain. */
static uint32_t hog_frames(uint32_t leave)
{
	uint32_t head = 0, pa;

	while (pmm_free_frames() > leave && (pa = frame_alloc())) {
		*(uint32_t *)P2V(pa) = head;
		head = pa;
	}
	return head;
}

static void unhog_frames(uint32_t head)
{
	while (head) {
		uint32_t next = *(uint32_t *)P2V(head);

		frame_free(head);
		head = next;
	}
}

/*
 * Bug: fork running out of frames half-way through the copy leaking the
 * frames, page tables and references the half-built copy already took,
 * or leaving a parent page's count raised.
 */
static int vm_clone_oom_test(void)
{
	struct vm_space *parent, *child = NULL;
	struct baseline b;
	uint32_t leave, hog, free0, objs, pa;

	baseline_take(&b);
	CHECK((parent = build_space()) != NULL);
	CHECK(vm_copy_in(parent, RO_VA, "r", 1) == 0);
	pa = PTE_ADDR(pte_of(parent, PRIV_VA));
	for (leave = 0; leave < 16 && !child; leave++) {
		hog = hog_frames(leave);
		free0 = pmm_free_frames();
		objs = kmalloc_live_objects();
		child = vm_clone(parent);
		if (!child) {
			CHECK(pmm_free_frames() == free0);
			CHECK(kmalloc_live_objects() == objs);
			CHECK(frame_refcount(pa) == 1);
		}
		unhog_frames(hog);
	}
	printk("vm_clone_oom: clone failed cleanly with up to %u free "
	       "frames, then succeeded\n",
	       leave - 2);
	CHECK(child != NULL && leave >= 3);
	CHECK(frame_refcount(pa) == 2);
	vm_destroy(child);
	vm_destroy(parent);
	CHECK(baseline_same(&b));
	return 0;
}
KTEST(vm_clone_oom, vm_clone_oom_test);

/* The space the uaccess test's user pointers refer to. */
static struct vm_space *test_vm;

static struct vm_space *test_space(void)
{
	return test_vm;
}

static int uaccess_checks(struct vm_space *vm)
{
	char buf[32], s[16];
	uint32_t w = 0;

	CHECK(copy_to_user(NULL, "x", 1) == -EFAULT);
	CHECK(copy_from_user(buf, (void __user *)KERNEL_VBASE, 4) == -EFAULT);
	CHECK(copy_from_user(buf, (void __user *)0xFFFFFFF0u, 32) == -EFAULT);
	CHECK(copy_to_user((void __user *)0x50000000, "x", 1) == -EFAULT);
	CHECK(copy_to_user((void __user *)(KERNEL_VBASE - 4), "abcdefgh", 8) ==
	      -EFAULT);
	CHECK(copy_to_user((void __user *)(KERNEL_VBASE - 4), "abcd", 4) == 0);
	CHECK(copy_to_user((void __user *)RO_VA, "x", 1) == -EFAULT);
	CHECK(copy_from_user(buf, (void __user *)RO_VA, 4) == 0);
	CHECK(copy_from_user(buf, (void __user *)NONE_VA, 1) == -EFAULT);
	CHECK(copy_to_user(NULL, "x", 0) == 0);
	/* across a page boundary, and the second page demand-zero */
	CHECK(copy_to_user((void __user *)(PRIV_VA + PAGE_SIZE - 3),
			   "0123456789", 10) == 0);
	memset(buf, 0, sizeof(buf));
	CHECK(copy_from_user(buf, (void __user *)(PRIV_VA + PAGE_SIZE - 3),
			     12) == 0);
	CHECK(memcmp(buf, "0123456789\0\0", 12) == 0);
	CHECK(user_access_ok((void __user *)PRIV_VA, 4 * PAGE_SIZE, true));
	CHECK(!user_access_ok((void __user *)PRIV_VA, 4 * PAGE_SIZE + 1,
			      false));
	/* strings */
	CHECK(strncpy_from_user(s, (void __user *)(PRIV_VA + PAGE_SIZE - 3),
				16) == 10);
	CHECK(strcmp(s, "0123456789") == 0);
	CHECK(strncpy_from_user(s, (void __user *)(PRIV_VA + PAGE_SIZE - 3),
				5) == -ENAMETOOLONG);
	CHECK(clear_user((void __user *)(KERNEL_VBASE - 4), 4) == 0);
	CHECK(strncpy_from_user(s, (void __user *)(KERNEL_VBASE - 4), 16) == 0);
	CHECK(copy_to_user((void __user *)(KERNEL_VBASE - 4), "abcd", 4) == 0);
	CHECK(strncpy_from_user(s, (void __user *)(KERNEL_VBASE - 4), 16) ==
	      -EFAULT);
	CHECK(put_user_u32((void __user *)(PRIV_VA + 8), 0xCAFEF00D) == 0);
	CHECK(get_user_u32(&w, (void __user *)(PRIV_VA + 8)) == 0 &&
	      w == 0xCAFEF00D);
	CHECK(get_user_u32(&w, (void __user *)(PRIV_VA + 4 * PAGE_SIZE - 2)) ==
	      -EFAULT);
	return 0;
}

/*
 * Bug: a bad user pointer (NULL, kernel, unmapped, read-only, straddling
 * the kernel boundary, wrapping) giving a kernel fault or success
 * instead of -EFAULT; a copy across pages losing bytes; a copy into a
 * forked child's page writing through to the parent.
 */
static int uaccess_test(void)
{
	struct vm_space *vm, *child;
	uaccess_space_fn old;
	struct baseline b;
	char seen[8];
	int err;

	baseline_take(&b);
	CHECK(copy_to_user((void __user *)PRIV_VA, "x", 1) == -EFAULT);
	CHECK((vm = build_space()) != NULL);
	CHECK(vm_map_anon(vm, KERNEL_VBASE - PAGE_SIZE, PAGE_SIZE, RW, 0) == 0);
	old = uaccess_set_space(test_space);
	test_vm = NULL;
	err = copy_to_user((void __user *)PRIV_VA, "x", 1) != -EFAULT;
	test_vm = vm;
	if (!err)
		err = uaccess_checks(vm);
	if (!err && (child = vm_clone(vm)) != NULL) {
		test_vm = child;
		err = copy_to_user((void __user *)PRIV_VA, "CHILD", 6);
		test_vm = vm;
		err |= copy_from_user(seen, (void __user *)PRIV_VA, 7);
		printk("uaccess: parent reads '%s' after copy_to_user in the "
		       "child\n",
		       seen);
		err |= strcmp(seen, "parent") != 0;
		vm_destroy(child);
	}
	uaccess_set_space(old);
	test_vm = NULL;
	vm_destroy(vm);
	CHECK(err == 0);
	CHECK(baseline_same(&b));
	printk("uaccess: EFAULT edges hold, free frames back to %u\n",
	       b.frames);
	return 0;
}
KTEST(uaccess, uaccess_test);

/*
 * Bug: vmalloc buffers overlapping, missing a guard page, invisible in
 * another pgdir, or their pages and frames not given back by vfree.
 */
static int vmalloc_test(void)
{
	const size_t big = EXEC_ARGS_BYTES_MAX + 1, small = 64 * 1024;
	struct baseline b;
	uint8_t *p, *q;
	pde_t *pgdir;
	uint32_t i;

	baseline_take(&b);
	CHECK(vmalloc(0) == NULL);
	CHECK(vmalloc(VMALLOC_AREA_SIZE) == NULL);
	CHECK((p = vmalloc(big)) != NULL && (q = vmalloc(small)) != NULL);
	CHECK((uintptr_t)p % PAGE_SIZE == 0);
	CHECK(vmalloc_live_pages() ==
	      b.vpages + big / PAGE_SIZE + 1 + small / PAGE_SIZE);
	CHECK(q >= p + ALIGN_UP(big, PAGE_SIZE) + PAGE_SIZE ||
	      q + small + PAGE_SIZE <= p);
	CHECK(page_lookup(kernel_pgdir,
			  (uintptr_t)p + ALIGN_UP(big, PAGE_SIZE)) == NULL);
	CHECK(page_lookup(kernel_pgdir, (uintptr_t)p - PAGE_SIZE) == NULL);
	CHECK(page_lookup(kernel_pgdir, (uintptr_t)q - PAGE_SIZE) == NULL);
	for (i = 0; i < big; i += PAGE_SIZE)
		p[i] = (uint8_t)(i >> 12);
	p[big - 2] = 0x77;
	memset(q, 0x5A, small);
	CHECK((pgdir = pgdir_create()) != NULL);
	pgdir_switch(pgdir);
	for (i = 0; i < big; i += PAGE_SIZE)
		if (p[i] != (uint8_t)(i >> 12))
			break;
	pgdir_switch(kernel_pgdir);
	pgdir_destroy(pgdir);
	CHECK(i >= big && p[big - 2] == 0x77 && q[small - 1] == 0x5A);
	vfree(p, big);
	vfree(q, small);
	vfree(NULL, 0);
	CHECK(baseline_same(&b));
	printk("vmalloc: %zu + %zu bytes, free frames back to %u\n", big, small,
	       b.frames);
	return 0;
}
KTEST(vmalloc, vmalloc_test);

/*
 * Ring 3 through the real page-fault path: the program below runs in
 * user mode on a forked address space, so its first store hits a
 * copy-on-write page and its load hits a demand-zero page; both faults
 * must go mm_page_fault -> mm_user_fault_handler -> mm_fault_oom ->
 * vm_user_fault and be retried. The handler here stands in for the
 * process layer's (signal.c), which resolves through the same
 * mm_fault_oom and is not installed before user space starts. It then
 * reports what it read with int $0x80.
 */
#define CODE_VA 0x00400000u
#define USER_MAGIC 0x65726155u /* "Uare" ("parent" after the store) */

static const uint8_t user_prog[] = {
	0xc6, 0x05, 0x00, 0x00, 0x00, 0x10, 0x55, /* movb $'U', PRIV_VA */
	0x8b, 0x1d, 0x00, 0x10, 0x00, 0x10,	  /* mov PRIV_VA+4096, %ebx */
	0xa1, 0x00, 0x00, 0x00, 0x10,		  /* mov PRIV_VA, %eax */
	0xcd, 0x80,				  /* int $0x80 */
	0xeb, 0xfe,				  /* jmp . */
};

static uint8_t ring3_kstack[4096] __attribute__((aligned(16)));
static struct vm_space *ring3_vm, *ring3_child;
static struct baseline ring3_base;
static int ring3_faults; /* resolved by ring3_page_fault */

/* The user page-fault handler while the test runs: resolve in ring3_vm,
 * as signal.c's handler does in current's space; anything else panics. */
static int ring3_page_fault(struct trapframe *tf, uint32_t va, uint32_t err)
{
	int r = mm_fault_oom(ring3_vm, va, err & PF_ERR_W, err & PF_ERR_P);

	if (r == 0)
		ring3_faults++;
	return r;
}

static int ring3_check(const struct trapframe *tf)
{
	char seen[8];
	pte_t *pte = page_lookup(vm_pgdir(ring3_child), PRIV_VA);

	CHECK(trap_from_user(tf) && tf->cs == SEL_UCODE);
	CHECK(pte != NULL);
	memcpy(seen, P2V(PTE_ADDR(*pte)), 7);
	printk("vm_user: ring 3 read %#x and %#x; the child still has "
	       "'%s'\n",
	       tf->eax, tf->ebx, seen);
	CHECK(tf->eax == USER_MAGIC && tf->ebx == 0);
	CHECK(strcmp(seen, "parent") == 0);
	CHECK(frame_refcount(PTE_ADDR(*pte)) == 1);
	CHECK(ring3_faults == 2);
	mm_user_fault_handler = NULL;
	pgdir_switch(kernel_pgdir);
	vm_destroy(ring3_child);
	vm_destroy(ring3_vm);
	CHECK(baseline_same(&ring3_base));
	return 0;
}

static void ring3_syscall(struct trapframe *tf)
{
	int status = ring3_check(tf);

	printk("ktest: vm_user: %s (status %d)\n", status ? "FAIL" : "PASS",
	       status);
	kernel_halt(status);
}

static int vm_user_test(void)
{
	struct trapframe *tf;

	baseline_take(&ring3_base);
	CHECK((ring3_vm = build_space()) != NULL);
	CHECK(vm_map_anon(ring3_vm, CODE_VA, PAGE_SIZE,
			  VM_PROT_READ | VM_PROT_EXEC, 0) == 0);
	CHECK(vm_copy_in(ring3_vm, CODE_VA, user_prog, sizeof(user_prog)) == 0);
	CHECK((ring3_child = vm_clone(ring3_vm)) != NULL);
	trap_register(T_SYSCALL, ring3_syscall);
	cli();
	mm_user_fault_handler = ring3_page_fault;
	pgdir_switch(vm_pgdir(ring3_vm));
	tss_set_kernel_stack(
		(uint32_t)(uintptr_t)(ring3_kstack + sizeof(ring3_kstack)));
	tf = (struct trapframe *)(ring3_kstack + sizeof(ring3_kstack)) - 1;
	memset(tf, 0, sizeof(*tf));
	tf->gs = tf->fs = tf->es = tf->ds = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->ss = SEL_UDATA;
	tf->eip = CODE_VA;
	tf->esp = PRIV_VA + 4 * PAGE_SIZE;
	tf->eflags = 0x2; /* IF off: nothing else runs meanwhile */
	__asm__ volatile("movl %0, %%esp\n\t"
			 "jmp trap_return"
			 :
			 : "r"(tf)
			 : "memory");
	__builtin_unreachable();
}
KTEST(vm_user, vm_user_test);
