/*
 * uapi/mman.h - mmap(2), mprotect(2), mremap(2) and madvise(2) flags:
 * the Linux i386 values (asm-generic/mman-common.h, linux/mman.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: mmap(2), mremap(2), madvise(2).
 */
#ifndef SLEIGHT_UAPI_MMAN_H
#define SLEIGHT_UAPI_MMAN_H

#define PROT_NONE 0x0u
#define PROT_READ 0x1u
#define PROT_WRITE 0x2u
#define PROT_EXEC 0x4u
#define MAP_SHARED 0x01u
#define MAP_PRIVATE 0x02u
#define MAP_SHARED_VALIDATE 0x03u
#define MAP_TYPE 0x0Fu
#define MAP_FIXED 0x10u
#define MAP_ANONYMOUS 0x20u
#define MAP_FIXED_NOREPLACE 0x100000u
#define MREMAP_MAYMOVE 1u
#define MREMAP_FIXED 2u
#define MADV_DONTNEED 4u

#endif
