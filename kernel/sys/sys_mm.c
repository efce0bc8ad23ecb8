/*
 * kernel/sys/sys_mm.c - the memory system calls: brk(2), mmap2(2),
 * old_mmap, munmap(2), mprotect(2), madvise(2), mremap(2).
 *
 * Owns nothing: the calls check their untrusted arguments the way Linux
 * does and then call the vm layer (kernel/mm/vm.c) on current->vm.
 * File mappings are MAP_PRIVATE copies made at mmap time: the file's
 * bytes are read into fresh pages (file_pread), so later changes to the
 * file are not seen, as Linux leaves unspecified for private mappings.
 * MAP_SHARED of a file is accepted read-only on the same terms; a
 * writable shared file mapping (which would need write-back) is -ENODEV.
 * The pages wholly past the end of the file (at mmap time) are a region
 * of their own, VM_PAST_EOF: touching one is SIGBUS, as on Linux.
 *
 * Locking: process context; the vm layer needs no lock (one CPU, no
 * kernel preemption). Sources: mmap(2), munmap(2), mprotect(2), brk(2),
 * madvise(2), mremap(2); Linux mm/mmap.c for the order of the checks.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "mm.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "vfs.h"
#include "vm.h"
#include "uapi/mman.h"

/* The flags this file understands; others are accepted and ignored
 * (MAP_NORESERVE, MAP_POPULATE, MAP_STACK, MAP_DENYWRITE, ...), as Linux
 * does for MAP_SHARED and MAP_PRIVATE. */
#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE)

/* mmap(2)'s arguments after the offset is made bytes. */
struct mmap_req {
	uint32_t addr, len, prot, flags;
	int fd;
	uint64_t off; /* bytes, page-aligned */
};

/* brk(2): the new break, or the old one; never an errno. */
long sys_brk(uint32_t addr)
{
	if (!current->vm)
		return 0;
	return (long)vm_brk(current->vm, addr);
}

/*
 * Copy the file's bytes [off, off + len) into the fresh region at addr
 * (pages past the end of the file stay zero). 0 or -errno (read error,
 * -ENOMEM).
 */
static int map_file_private_copy(struct vm_space *vm, struct file *f,
				 uint32_t addr, uint32_t len, uint64_t off)
{
	void *page = kmalloc(PAGE_SIZE);
	uint32_t done;
	int err = 0;

	if (!page)
		return -ENOMEM;
	for (done = 0; !err && done < len; done += PAGE_SIZE) {
		long got = file_pread(f, page, PAGE_SIZE, off + done);

		if (got <= 0) {
			err = (int)got; /* 0: end of file */
			break;
		}
		err = vm_copy_in(vm, addr + done, page, (uint32_t)got);
		if (got < (long)PAGE_SIZE)
			break;
	}
	kfree(page);
	return err;
}

/* The checks Linux makes on a file before mapping it. On 0, *fp holds a
 * reference the caller drops. */
static int mmap_file_get(const struct mmap_req *r, struct file **fp)
{
	struct file *f;
	int err = 0;

	if (!current->files || fd_get(current->files, r->fd, &f))
		return -EBADF;
	if (!file_readable(f))
		err = -EACCES;
	else if ((r->flags & MAP_TYPE) != MAP_PRIVATE &&
		 (r->prot & PROT_WRITE) && !file_writable(f))
		err = -EACCES;
	else if (!f->inode || !S_ISREG(f->inode->mode))
		err = -ENODEV;
	else if ((r->flags & MAP_TYPE) != MAP_PRIVATE && (r->prot & PROT_WRITE))
		err = -ENODEV; /* no write-back of shared pages */
	if (err) {
		file_put(f);
		return err;
	}
	*fp = f;
	return 0;
}

/* Where the mapping goes: addr for MAP_FIXED, else the hint or a free
 * range (vm_find_free). On failure returns 0 and sets *err. */
static uint32_t mmap_place(struct vm_space *vm, const struct mmap_req *r,
			   int *err)
{
	uint32_t a;

	*err = 0;
	if (r->flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (r->addr % PAGE_SIZE)
			*err = -EINVAL;
		else if (r->addr < VM_USER_MIN)
			*err = -EPERM; /* Linux: mmap_min_addr */
		else if (r->addr >= KERNEL_VBASE ||
			 r->len > KERNEL_VBASE - r->addr)
			*err = -ENOMEM;
		else if (!(r->flags & MAP_FIXED) &&
			 !vm_range_free(vm, r->addr, r->len))
			*err = -EEXIST;
		return *err ? 0 : r->addr;
	}
	a = vm_find_free(vm, ALIGN_UP(r->addr, PAGE_SIZE), r->len);
	if (!a)
		*err = -ENOMEM;
	return a;
}

/* The bytes of mapping r that lie over file f, rounded up to pages
 * (mmap(2): the rest of a partial page reads zeros). */
static uint32_t file_part_len(const struct file *f, const struct mmap_req *r)
{
	int64_t size = f->inode->size;

	if (size <= (int64_t)r->off)
		return 0;
	if ((uint64_t)size - r->off >= r->len)
		return r->len;
	return ALIGN_UP((uint32_t)(size - r->off), PAGE_SIZE);
}

/* Make the regions of mapping r at addr: the part over the file (all of
 * an anonymous mapping), then the part past its end. 0 or -errno, and
 * then nothing of it is mapped. */
static int map_regions(struct vm_space *vm, uint32_t addr,
		       const struct mmap_req *r, const struct file *f,
		       uint32_t vmflags)
{
	uint32_t head = f ? file_part_len(f, r) : r->len;
	int err = 0;

	if (head)
		err = vm_map_anon(vm, addr, head, r->prot, vmflags);
	if (!err && head < r->len)
		err = vm_map_anon(vm, addr + head, r->len - head, r->prot,
				  vmflags | VM_PAST_EOF);
	if (err && head)
		vm_unmap(vm, addr, head);
	return err;
}

static long do_mmap(struct mmap_req *r)
{
	struct vm_space *vm = current->vm;
	uint32_t type = r->flags & MAP_TYPE, vmflags = 0, addr;
	struct file *f = NULL;
	int err;

	if (!vm)
		return -ENOMEM;
	if (r->len == 0 || r->prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (type != MAP_SHARED && type != MAP_PRIVATE &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && r->flags & ~MAP_KNOWN)
		return -EOPNOTSUPP;
	if (r->len > KERNEL_VBASE - PAGE_SIZE)
		return -ENOMEM;
	r->len = ALIGN_UP(r->len, PAGE_SIZE);
	if (!(r->flags & MAP_ANONYMOUS)) {
		if (r->off + r->len < r->off)
			return -EOVERFLOW;
		err = mmap_file_get(r, &f);
		if (err)
			return err;
	} else if (type != MAP_PRIVATE) {
		vmflags = VM_SHARED;
	}
	addr = mmap_place(vm, r, &err);
	if (!err)
		err = map_regions(vm, addr, r, f, vmflags);
	if (!err && f) {
		err = map_file_private_copy(vm, f, addr, r->len, r->off);
		if (err)
			vm_unmap(vm, addr, r->len);
	}
	if (f)
		file_put(f);
	return err ? err : (long)addr;
}

/* mmap2(2): the offset is in pages (4096 bytes). */
long sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags,
	       uint32_t fd, uint32_t pgoff)
{
	struct mmap_req r = {addr,  len,     prot,
			     flags, (int)fd, (uint64_t)pgoff << PAGE_SHIFT};

	return do_mmap(&r);
}

/* old_mmap (i386 syscall 90): one pointer to the six arguments, the
 * offset in bytes (must be page-aligned). */
long sys_old_mmap(const uint32_t __user *uargs)
{
	uint32_t a[6];
	struct mmap_req r;

	if (copy_from_user(a, uargs, sizeof(a)))
		return -EFAULT;
	if (a[5] % PAGE_SIZE)
		return -EINVAL;
	r = (struct mmap_req){a[0], a[1], a[2], a[3], (int)a[4], a[5]};
	return do_mmap(&r);
}

/* Check and round a range for munmap/mprotect/madvise: addr page-aligned
 * (-EINVAL), the rounded length inside the user half (err_range). */
static int user_range(uint32_t addr, uint32_t *len, int err_range)
{
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (*len > KERNEL_VBASE)
		return err_range;
	*len = ALIGN_UP(*len, PAGE_SIZE);
	if (addr < VM_USER_MIN || addr >= KERNEL_VBASE ||
	    *len > KERNEL_VBASE - addr)
		return err_range;
	return 0;
}

long sys_munmap(uint32_t addr, uint32_t len)
{
	int err;

	if (!current->vm || len == 0)
		return -EINVAL;
	err = user_range(addr, &len, -EINVAL);
	return err ? err : vm_unmap(current->vm, addr, len);
}

long sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot)
{
	int err;

	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (addr % PAGE_SIZE)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!current->vm)
		return -ENOMEM;
	err = user_range(addr, &len, -ENOMEM);
	return err ? err : vm_protect(current->vm, addr, len, prot);
}

/*
 * The advice values Linux accepts whatever its configuration (asm-
 * generic/mman-common.h); the ones that need KSM, transparent huge
 * pages or a capability are -EINVAL here, as on a kernel without them.
 */
static bool madv_known(uint32_t advice)
{
	return advice <= 4 || (advice >= 8 && advice <= 11) ||
	       (advice >= 16 && advice <= 23);
}

/*
 * madvise(2): advice is a hint, except MADV_DONTNEED, after which
 * private pages read back as zeros. Unknown advice is -EINVAL; a range
 * with unmapped parts is -ENOMEM after the advice is applied to the
 * mapped ones, as Linux does.
 */
long sys_madvise(uint32_t addr, uint32_t len, uint32_t advice)
{
	bool mapped;
	int err;

	if (!madv_known(advice) || addr % PAGE_SIZE)
		return -EINVAL;
	if (len == 0)
		return 0;
	err = user_range(addr, &len, -ENOMEM);
	if (err || !current->vm)
		return err ? err : -ENOMEM;
	mapped = vm_range_mapped(current->vm, addr, len);
	if (advice == MADV_DONTNEED) {
		err = vm_discard(current->vm, addr, len);
		if (err)
			return err;
	}
	return mapped ? 0 : -ENOMEM;
}

/*
 * mremap(2): shrinking in place unmaps the tail; growing is -ENOMEM
 * (callers such as musl's realloc then allocate, copy and unmap).
 */
long sys_mremap(uint32_t old_addr, uint32_t old_len, uint32_t new_len,
		uint32_t flags, uint32_t new_addr)
{
	int err;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED) || new_len == 0 ||
	    old_addr % PAGE_SIZE)
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if (!current->vm)
		return -EFAULT;
	err = user_range(old_addr, &old_len, -EFAULT);
	if (!err)
		err = user_range(old_addr, &new_len, -EINVAL);
	if (err)
		return err;
	if (!vm_range_mapped(current->vm, old_addr, old_len))
		return -EFAULT; /* Linux: no mapping at old_addr */
	if (new_len > old_len || (flags & MREMAP_FIXED))
		return -ENOMEM;
	if (new_len < old_len)
		err = vm_unmap(current->vm, old_addr + new_len,
			       old_len - new_len);
	return err ? err : (long)old_addr;
}
