/*
 * kernel/sys/sys_mm_selftest.c - self-test of the memory system calls
 * through their entry points (ktest=mm_syscalls).
 *
 * Owns only test state. Runs before any process exists: it borrows
 * `current` with a stand-in struct proc that has an address space but no
 * descriptors, so file mappings are not exercised here, and puts NULL
 * back. Checks that frames and kmalloc objects return to their counts.
 */
#include "kernel.h"
#include "errno.h"
#include "ktest.h"
#include "mm.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "vm.h"
#include "uapi/mman.h"

#define CHECK(cond) KTEST_CHECK(cond)

#define PROT_RW (PROT_READ | PROT_WRITE)
#define MAP_PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define BRK_BASE 0x08050000u

static struct proc fake_proc;

static void __user *U(uint32_t a)
{
	return (void __user *)(uintptr_t)a;
}

static long mmap_anon(uint32_t addr, uint32_t len, uint32_t flags)
{
	return sys_mmap2(addr, len, PROT_RW, MAP_PRIV_ANON | flags,
			 (uint32_t)-1, 0);
}

static int brk_checks(void)
{
	CHECK(sys_brk(0) == BRK_BASE);
	CHECK(sys_brk(BRK_BASE + 0x10010) == BRK_BASE + 0x10010);
	CHECK(copy_to_user(U(BRK_BASE + 0x1000F), "z", 1) == 0);
	CHECK(copy_to_user(U(BRK_BASE + 0x11000), "z", 1) == -EFAULT);
	CHECK(sys_brk(BRK_BASE + 0x1000) == BRK_BASE + 0x1000);
	CHECK(copy_to_user(U(BRK_BASE + 0x1000), "z", 1) == -EFAULT);
	CHECK(sys_brk(BRK_BASE - 1) == BRK_BASE + 0x1000);
	return 0;
}

static int mmap_checks(void)
{
	uint32_t a, b, args[6], w = 1;
	char buf[4];

	a = (uint32_t)mmap_anon(0, 3 * PAGE_SIZE, 0);
	CHECK(a == VM_MMAP_TOP - 3 * PAGE_SIZE);
	b = (uint32_t)mmap_anon(0, 1, 0);
	CHECK(b == a - PAGE_SIZE);
	CHECK(mmap_anon(0, 0, 0) == -EINVAL);
	CHECK(sys_mmap2(0, PAGE_SIZE, 1, 0x02, 3, 0) == -EBADF);
	CHECK(sys_mmap2(0, 4096, PROT_RW, 0x20, (uint32_t)-1, 0) == -EINVAL);
	CHECK(sys_mmap2(0, 4096, 8, MAP_PRIV_ANON, (uint32_t)-1, 0) == -EINVAL);
	CHECK(mmap_anon(a + 1, PAGE_SIZE, MAP_FIXED) == -EINVAL);
	CHECK(mmap_anon(0, PAGE_SIZE, MAP_FIXED) == -EPERM);
	CHECK(mmap_anon(b, PAGE_SIZE, MAP_FIXED_NOREPLACE) == -EEXIST);
	CHECK(mmap_anon(0xBFFFF000, 2 * PAGE_SIZE, MAP_FIXED) == -ENOMEM);
	/* MAP_FIXED replaces: the page reads zero again */
	CHECK(copy_to_user(U(b), "old", 4) == 0);
	CHECK(mmap_anon(b, PAGE_SIZE, MAP_FIXED) == (long)b);
	CHECK(copy_from_user(buf, U(b), 4) == 0 && buf[0] == 0);
	/* old_mmap: the six arguments in user memory */
	args[0] = 0x60000000;
	args[1] = PAGE_SIZE;
	args[2] = PROT_RW;
	args[3] = MAP_PRIV_ANON;
	args[4] = (uint32_t)-1;
	args[5] = 0;
	CHECK(copy_to_user(U(b), args, sizeof(args)) == 0);
	CHECK(sys_old_mmap(U(b)) == 0x60000000);
	CHECK(sys_old_mmap(U(0x50000000)) == -EFAULT);
	/* mprotect and munmap */
	CHECK(sys_mprotect(a, PAGE_SIZE, 1) == 0);
	CHECK(copy_to_user(U(a), "x", 1) == -EFAULT);
	CHECK(copy_from_user(buf, U(a), 1) == 0);
	CHECK(copy_to_user(U(a + PAGE_SIZE), "x", 1) == 0);
	CHECK(sys_mprotect(a + 1, PAGE_SIZE, 1) == -EINVAL);
	CHECK(sys_mprotect(a, PAGE_SIZE, 0x10) == -EINVAL);
	CHECK(sys_mprotect(0x50000000, PAGE_SIZE, 1) == -ENOMEM);
	CHECK(sys_munmap(a + PAGE_SIZE, 1) == 0);
	CHECK(copy_to_user(U(a + PAGE_SIZE), "x", 1) == -EFAULT);
	CHECK(sys_munmap(a + 1, PAGE_SIZE) == -EINVAL);
	CHECK(sys_munmap(a, 0) == -EINVAL);
	/* MADV_DONTNEED: a private page reads zero afterwards */
	CHECK(put_user_u32(U(a + 2 * PAGE_SIZE), 0x1234) == 0);
	CHECK(sys_madvise(a + 2 * PAGE_SIZE, PAGE_SIZE, 4) == 0);
	CHECK(get_user_u32(&w, U(a + 2 * PAGE_SIZE)) == 0 && w == 0);
	/* mremap: shrink in place, growing refused */
	CHECK(sys_mremap(a, PAGE_SIZE, 2 * PAGE_SIZE, 1, 0) == -ENOMEM);
	CHECK(sys_mremap(0x60000000, PAGE_SIZE, 1, 1, 0) == 0x60000000);
	return 0;
}

/*
 * Bug: brk returning an errno or moving over other mappings, mmap
 * placing over existing regions or accepting bad flags, MAP_FIXED not
 * replacing, mprotect/munmap errors differing from Linux's.
 */
static int mm_syscalls_test(void)
{
	uint32_t frames = pmm_free_frames(), objs = kmalloc_live_objects();
	struct vm_space *vm = vm_create();
	int err;

	CHECK(vm != NULL && current == NULL);
	vm_set_brk_base(vm, BRK_BASE);
	fake_proc.vm = vm;
	current = &fake_proc;
	err = brk_checks();
	if (!err)
		err = mmap_checks();
	current = NULL;
	vm_destroy(vm);
	CHECK(err == 0);
	CHECK(pmm_free_frames() == frames && kmalloc_live_objects() == objs);
	printk("mm_syscalls: brk, mmap, mprotect, munmap, madvise, mremap "
	       "as Linux; free frames back to %u\n",
	       frames);
	return 0;
}
KTEST(mm_syscalls, mm_syscalls_test);
