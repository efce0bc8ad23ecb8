/*
 * stat.h - file attributes as the stat family of system calls reports
 * them: an internal struct kstat, and the two i386 user layouts Sleight
 * fills from it, struct stat64 (stat64(2), fstatat64) and struct statx
 * (statx(2)).
 *
 * Layouts: Linux arch/x86/include/uapi/asm/stat.h (struct stat64, 96
 * bytes, 64-bit members only 4-byte aligned as on i386, hence packed),
 * musl arch/i386/bits/stat.h (same bytes), and
 * include/uapi/linux/stat.h (struct statx, 256 bytes, naturally
 * aligned, so the same on i386 and on a 64-bit host).
 */
#ifndef SLEIGHT_STAT_H
#define SLEIGHT_STAT_H

#include <stdint.h>

#include "vfs.h"

/* What Sleight knows about a file, independent of any user layout. */
struct kstat {
	uint32_t dev;			/* MKDEV of the file system */
	uint32_t ino;
	uint32_t mode;			/* S_IF* | permissions */
	uint32_t nlink;
	uint32_t uid, gid;
	uint32_t rdev;			/* MKDEV for device nodes */
	int64_t size;			/* bytes */
	uint32_t blksize;		/* bytes, preferred I/O size */
	uint64_t blocks;		/* 512-byte units allocated */
	struct ktimespec atime, mtime, ctime;
};

struct stat64 {
	uint64_t st_dev;		/* 0 */
	uint8_t __pad0[4];		/* 8 */
	uint32_t __st_ino;		/* 12: ino truncated */
	uint32_t st_mode;		/* 16 */
	uint32_t st_nlink;		/* 20 */
	uint32_t st_uid;		/* 24 */
	uint32_t st_gid;		/* 28 */
	uint64_t st_rdev;		/* 32 */
	uint8_t __pad3[4];		/* 40 */
	int64_t st_size;		/* 44 */
	uint32_t st_blksize;		/* 52 */
	uint64_t st_blocks;		/* 56 */
	uint32_t st_atime;		/* 64 */
	uint32_t st_atime_nsec;		/* 68 */
	uint32_t st_mtime;		/* 72 */
	uint32_t st_mtime_nsec;		/* 76 */
	uint32_t st_ctime;		/* 80 */
	uint32_t st_ctime_nsec;		/* 84 */
	uint64_t st_ino;		/* 88 */
} __attribute__((packed));

_Static_assert(sizeof(struct stat64) == 96, "i386 struct stat64 is 96 bytes");

struct statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct statx {
	uint32_t stx_mask;		/* 0 */
	uint32_t stx_blksize;		/* 4 */
	uint64_t stx_attributes;	/* 8 */
	uint32_t stx_nlink;		/* 16 */
	uint32_t stx_uid;		/* 20 */
	uint32_t stx_gid;		/* 24 */
	uint16_t stx_mode;		/* 28 */
	uint16_t __spare0[1];		/* 30 */
	uint64_t stx_ino;		/* 32 */
	uint64_t stx_size;		/* 40 */
	uint64_t stx_blocks;		/* 48 */
	uint64_t stx_attributes_mask;	/* 56 */
	struct statx_timestamp stx_atime;	/* 64 */
	struct statx_timestamp stx_btime;	/* 80 */
	struct statx_timestamp stx_ctime;	/* 96 */
	struct statx_timestamp stx_mtime;	/* 112 */
	uint32_t stx_rdev_major;	/* 128 */
	uint32_t stx_rdev_minor;	/* 132 */
	uint32_t stx_dev_major;		/* 136 */
	uint32_t stx_dev_minor;		/* 140 */
	uint64_t __spare2[14];		/* 144 .. 256 */
};

_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");

/* statx(2) mask bits. */
#define STATX_TYPE		0x0001u
#define STATX_MODE		0x0002u
#define STATX_NLINK		0x0004u
#define STATX_UID		0x0008u
#define STATX_GID		0x0010u
#define STATX_ATIME		0x0020u
#define STATX_MTIME		0x0040u
#define STATX_CTIME		0x0080u
#define STATX_INO		0x0100u
#define STATX_SIZE		0x0200u
#define STATX_BLOCKS		0x0400u
#define STATX_BASIC_STATS	0x07ffu
#define STATX__RESERVED		0x80000000u

/* Device number Sleight reports for pipes (an anonymous major 0). */
#define PIPEFS_DEV		MKDEV(0, 1)

/*
 * stat_sb_dev - the st_dev of a superblock: an anonymous device number
 * MKDEV(0, n), n >= 2, the same for the life of sb. (kernel/fs/stat.c)
 */
uint32_t stat_sb_dev(const struct superblock *sb);
/* stat_from_inode - fill ks from ip (blocks: size rounded up to pages). */
void stat_from_inode(const struct inode *ip, struct kstat *ks);
/* stat_to_stat64 / stat_to_statx - the user layouts (zeroed first). */
void stat_to_stat64(const struct kstat *ks, struct stat64 *st);
void stat_to_statx(const struct kstat *ks, struct statx *sx);

#endif
