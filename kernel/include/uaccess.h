/*
 * uaccess.h - the only ways kernel code touches user memory.
 *
 * Every user pointer is checked: the range must lie below KERNEL_VBASE
 * without wrapping, and every page of it must be mapped in the current
 * address space with user access (and be writable, for writes; a
 * copy-on-write page is copied first). Anything else is -EFAULT, never a
 * kernel fault. Pages are reached through the direct map, so a copy never
 * faults in the kernel. Source: Linux include/linux/uaccess.h semantics.
 */
#ifndef SLEIGHT_UACCESS_H
#define SLEIGHT_UACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler.h" /* __user */

struct vm_space;
/*
 * uaccess_set_space - install space(), which names the address space user
 * pointers refer to (current's, or NULL when there is none: every access
 * is then -EFAULT). Installed by the process layer at boot (proc_init);
 * the mm self-tests borrow it. Returns the hook it replaces.
 */
typedef struct vm_space *(*uaccess_space_fn)(void);
uaccess_space_fn uaccess_set_space(uaccess_space_fn space);

/* Can current touch [uptr, uptr + n)? Faults pages in as a real access
 * would (demand-zero, copy-on-write for write). */
bool user_access_ok(const void __user *uptr, size_t n, bool write);

/*
 * user_access_len - how many bytes from uptr on, up to n, current can
 * touch (faulting pages in as user_access_ok does): n, or the bytes
 * before the first page a ring-3 access would fault on; 0 when
 * [uptr, uptr + n) is not inside user space. A transfer that stops there
 * moves what it can, as read(2) and write(2) report partial counts.
 */
size_t user_access_len(const void __user *uptr, size_t n, bool write);

/* 0, or -EFAULT (nothing useful was copied). */
int copy_from_user(void *dst, const void __user *usrc, size_t n);
int copy_to_user(void __user *udst, const void *src, size_t n);
int clear_user(void __user *udst, size_t n);

/* Copy a NUL-terminated user string of at most max bytes including the
 * NUL. Returns its length (without the NUL), -EFAULT, or -ENAMETOOLONG
 * when no NUL is found within max bytes. */
long strncpy_from_user(char *dst, const char __user *usrc, size_t max);

/* One 32-bit word: 0 or -EFAULT. */
int get_user_u32(uint32_t *val, const void __user *uptr);
int put_user_u32(void __user *uptr, uint32_t val);

#endif
