/*
 * compiler.h - annotations the compiler does not check but readers do.
 *
 * __user marks a pointer (or an integer holding an address) that came from
 * user space: it names memory in the current process's address space,
 * which may be unmapped, read-only or aimed at the kernel. Such a pointer
 * is never dereferenced; only the uaccess functions (mm/uaccess.c:
 * copy_from_user, copy_to_user, clear_user, strncpy_from_user,
 * get_user_u32, put_user_u32) reach the memory behind it. The attribute is
 * empty here; under sparse it would be address_space(1), as in Linux's
 * include/linux/compiler_types.h.
 */
#ifndef SLEIGHT_COMPILER_H
#define SLEIGHT_COMPILER_H

#ifdef __CHECKER__
#define __user __attribute__((noderef, address_space(1)))
#else
#define __user
#endif

#endif
