/*
 * kernel/mm/uaccess.c - copying to and from user memory (uaccess.h).
 *
 * Owns the space hook: which address space "user memory" is (current's,
 * kernel/proc/proc.c installs it at boot; mm sits below proc and does not
 * know processes). Every access walks that space's page tables one page
 * at a time: a page that a real user access would fault in (demand-zero, or a
 * copy-on-write break for a write) is faulted in through vm_user_fault,
 * and the bytes are then copied through the direct map (P2V of the
 * frame). So the kernel never takes a page fault on a user address, and
 * an access succeeds exactly when the same access from ring 3 would,
 * but for memory running out: the caller may hold pointers into shared
 * state (a pipe's ring), so the copy must not sleep; it starts the OOM
 * killer without waiting and fails with -EFAULT (oom.c).
 *
 * Locking: one CPU, no kernel preemption: between the walk and the copy
 * of a page nothing can unmap it. Source: Linux include/linux/uaccess.h
 * semantics; Intel SDM vol. 3, 4.3 (PTE bits).
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "uaccess.h"
#include "vm.h"

static struct vm_space *(*uaccess_space)(void);

/* uaccess_set_space - see uaccess.h. */
uaccess_space_fn uaccess_set_space(uaccess_space_fn space)
{
	uaccess_space_fn old = uaccess_space;

	uaccess_space = space;
	return old;
}

/* True when [addr, addr + n) lies below the kernel half without
 * wrapping. */
static bool range_ok(uintptr_t addr, size_t n)
{
	return addr < KERNEL_VBASE && n <= KERNEL_VBASE - addr;
}

/*
 * The kernel address of user byte va in the user space (current's), made
 * ready for a read (or a write) as a ring-3 access would: NULL when that
 * access would fault with SIGSEGV (or memory ran out).
 */
static uint8_t *user_byte(uint32_t va, bool write)
{
	struct vm_space *vm = uaccess_space ? uaccess_space() : NULL;
	uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
	pte_t *pte;

	if (!vm)
		return NULL;
	pte = page_lookup(vm_pgdir(vm), va);
	if (!pte || (*pte & need) != need) {
		int err = vm_user_fault(vm, va, write, pte != NULL);

		if (err == -ENOMEM)
			mm_out_of_memory("user copy", false);
		if (err)
			return NULL;
		pte = page_lookup(vm_pgdir(vm), va);
		if (!pte || (*pte & need) != need)
			return NULL;
	}
	return (uint8_t *)P2V(PTE_ADDR(*pte)) + va % PAGE_SIZE;
}

/*
 * Walk [addr, addr + n) page by page; for each piece call op(kernel
 * pointer to the user bytes, offset into the range, length). Stops at
 * the first page that is refused; returns the bytes walked before it
 * (n when all were), 0 for a range outside user space.
 */
static size_t user_walk_len(uintptr_t addr, size_t n, bool write,
			    void (*op)(uint8_t *u, size_t off, size_t len,
				       void *ctx),
			    void *ctx)
{
	size_t done = 0;

	if (n == 0 || !range_ok(addr, n))
		return 0;
	while (done < n) {
		uint32_t va = addr + done;
		size_t len = MIN(n - done, PAGE_SIZE - va % PAGE_SIZE);
		uint8_t *u = user_byte(va, write);

		if (!u)
			break;
		if (op)
			op(u, done, len, ctx);
		done += len;
	}
	return done;
}

/* The same, all or nothing: 0, or -EFAULT as soon as a page is refused. */
static int user_walk(uintptr_t addr, size_t n, bool write,
		     void (*op)(uint8_t *u, size_t off, size_t len, void *ctx),
		     void *ctx)
{
	if (n == 0)
		return 0;
	return user_walk_len(addr, n, write, op, ctx) == n ? 0 : -EFAULT;
}

static void op_from(uint8_t *u, size_t off, size_t len, void *dst)
{
	memcpy((uint8_t *)dst + off, u, len);
}

static void op_to(uint8_t *u, size_t off, size_t len, void *src)
{
	memcpy(u, (const uint8_t *)src + off, len);
}

static void op_clear(uint8_t *u, size_t off, size_t len, void *ctx)
{
	memset(u, 0, len);
}

static const uint8_t *find_nul(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!p[i])
			return p + i;
	return NULL;
}

bool user_access_ok(const void __user *uptr, size_t n, bool write)
{
	return user_walk((uintptr_t)uptr, n, write, NULL, NULL) == 0;
}

size_t user_access_len(const void __user *uptr, size_t n, bool write)
{
	return user_walk_len((uintptr_t)uptr, n, write, NULL, NULL);
}

int copy_from_user(void *dst, const void __user *usrc, size_t n)
{
	return user_walk((uintptr_t)usrc, n, false, op_from, dst);
}

int copy_to_user(void __user *udst, const void *src, size_t n)
{
	return user_walk((uintptr_t)udst, n, true, op_to, (void *)src);
}

int clear_user(void __user *udst, size_t n)
{
	return user_walk((uintptr_t)udst, n, true, op_clear, NULL);
}

long strncpy_from_user(char *dst, const char __user *usrc, size_t max)
{
	uintptr_t addr = (uintptr_t)usrc;
	size_t done = 0;

	while (done < max) {
		uint32_t va = addr + done;
		size_t len = MIN(max - done, PAGE_SIZE - va % PAGE_SIZE);
		const uint8_t *u, *nul;

		if (!range_ok(va, 1))
			return -EFAULT;
		len = MIN(len, KERNEL_VBASE - va);
		u = user_byte(va, false);
		if (!u)
			return -EFAULT;
		nul = find_nul(u, len);
		if (nul) {
			memcpy(dst + done, u, nul - u + 1);
			return (long)(done + (nul - u));
		}
		memcpy(dst + done, u, len);
		done += len;
	}
	return -ENAMETOOLONG;
}

int get_user_u32(uint32_t *val, const void __user *uptr)
{
	return copy_from_user(val, uptr, sizeof(*val));
}

int put_user_u32(void __user *uptr, uint32_t val)
{
	return copy_to_user(uptr, &val, sizeof(val));
}
