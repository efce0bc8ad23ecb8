/*
 * uapi/stat.h - file type and mode bits (linux/stat.h), the i386 struct
 * stat64 that stat64(2) and friends fill (asm/stat.h: 96 bytes, packed,
 * the inode number twice), and struct statx with its mask bits
 * (linux/stat.h: 256 bytes).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: inode(7), stat(2), statx(2).
 */
#ifndef SLEIGHT_UAPI_STAT_H
#define SLEIGHT_UAPI_STAT_H

#include <stdint.h>

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000
#define S_ISUID 0004000
#define S_ISGID 0002000
#define S_ISVTX 0001000

#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)

/* d_type values of getdents64 (glibc and musl <dirent.h>; Linux keeps
 * them in include/linux/fs_types.h, outside uapi): the type bits >> 12. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10
#define IFTODT(mode) (((mode)&S_IFMT) >> 12)

struct stat64 {
	uint64_t st_dev;	/* 0 */
	uint8_t __pad0[4];	/* 8 */
	uint32_t __st_ino;	/* 12: ino truncated */
	uint32_t st_mode;	/* 16 */
	uint32_t st_nlink;	/* 20 */
	uint32_t st_uid;	/* 24 */
	uint32_t st_gid;	/* 28 */
	uint64_t st_rdev;	/* 32 */
	uint8_t __pad3[4];	/* 40 */
	int64_t st_size;	/* 44 */
	uint32_t st_blksize;	/* 52 */
	uint64_t st_blocks;	/* 56 */
	uint32_t st_atime;	/* 64 */
	uint32_t st_atime_nsec; /* 68 */
	uint32_t st_mtime;	/* 72 */
	uint32_t st_mtime_nsec; /* 76 */
	uint32_t st_ctime;	/* 80 */
	uint32_t st_ctime_nsec; /* 84 */
	uint64_t st_ino;	/* 88 */
} __attribute__((packed));

_Static_assert(sizeof(struct stat64) == 96, "i386 struct stat64 is 96 bytes");

struct statx_timestamp {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct statx {
	uint32_t stx_mask;		  /* 0 */
	uint32_t stx_blksize;		  /* 4 */
	uint64_t stx_attributes;	  /* 8 */
	uint32_t stx_nlink;		  /* 16 */
	uint32_t stx_uid;		  /* 20 */
	uint32_t stx_gid;		  /* 24 */
	uint16_t stx_mode;		  /* 28 */
	uint16_t __spare0[1];		  /* 30 */
	uint64_t stx_ino;		  /* 32 */
	uint64_t stx_size;		  /* 40 */
	uint64_t stx_blocks;		  /* 48 */
	uint64_t stx_attributes_mask;	  /* 56 */
	struct statx_timestamp stx_atime; /* 64 */
	struct statx_timestamp stx_btime; /* 80 */
	struct statx_timestamp stx_ctime; /* 96 */
	struct statx_timestamp stx_mtime; /* 112 */
	uint32_t stx_rdev_major;	  /* 128 */
	uint32_t stx_rdev_minor;	  /* 132 */
	uint32_t stx_dev_major;		  /* 136 */
	uint32_t stx_dev_minor;		  /* 140 */
	uint64_t __spare2[14];		  /* 144 .. 256 */
};

_Static_assert(sizeof(struct statx) == 256, "struct statx is 256 bytes");

/* statx(2) mask bits. */
#define STATX_TYPE 0x0001u
#define STATX_MODE 0x0002u
#define STATX_NLINK 0x0004u
#define STATX_UID 0x0008u
#define STATX_GID 0x0010u
#define STATX_ATIME 0x0020u
#define STATX_MTIME 0x0040u
#define STATX_CTIME 0x0080u
#define STATX_INO 0x0100u
#define STATX_SIZE 0x0200u
#define STATX_BLOCKS 0x0400u
#define STATX_BASIC_STATS 0x07ffu
#define STATX__RESERVED 0x80000000u

/* utimensat(2) tv_nsec values: now, and leave unchanged (glibc and musl
 * <sys/stat.h>; Linux keeps them in include/linux/stat.h, outside uapi). */
#define UTIME_NOW ((1 << 30) - 1)
#define UTIME_OMIT ((1 << 30) - 2)

#endif
