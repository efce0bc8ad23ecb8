/*
 * compiler.h - annotations the compiler does not check but readers do.
 *
 * __user marks a pointer (or an integer holding an address) that came from
 * user space: it names memory in the current process's address space,
 * which may be unmapped, read-only or aimed at the kernel. Such a pointer
 * is never dereferenced; only the uaccess functions (mm/uaccess.c:
 * copy_from_user, copy_to_user, clear_user, strncpy_from_user,
 * get_user_u32, put_user_u32) reach the memory behind it. The attribute is
 * empty for the compiler; under sparse (__CHECKER__) it is
 * address_space(1), as in Linux's include/linux/compiler_types.h, and
 * `sparse` reports any mix of user and kernel pointers. __force marks the
 * one cast that knowingly crosses: a user buffer carried through a
 * generic void * copy callback (fs/pipe.c).
 */
#ifndef SLEIGHT_COMPILER_H
#define SLEIGHT_COMPILER_H

#ifdef __CHECKER__
#define __user __attribute__((noderef, address_space(1)))
#define __force __attribute__((force))
#else
#define __user
#define __force
#endif

#endif
