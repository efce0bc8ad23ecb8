/*
 * stat.h - file attributes as the stat family of system calls reports
 * them: struct kstat, the kernel's own record, which fs/stat.c turns
 * into the i386 user layouts struct stat64 (stat64(2), fstatat64) and
 * struct statx (statx(2)). Those layouts, with their sources, are in
 * uapi/stat.h.
 */
#ifndef SLEIGHT_STAT_H
#define SLEIGHT_STAT_H

#include <stdint.h>

#include "vfs.h"
#include "uapi/stat.h" /* struct stat64, struct statx, STATX_* */

/* What Sleight knows about a file, independent of any user layout. */
struct kstat {
	uint32_t dev; /* MKDEV of the file system */
	uint32_t ino;
	uint32_t mode; /* S_IF* | permissions */
	uint32_t nlink;
	uint32_t uid, gid;
	uint32_t rdev;	  /* MKDEV for device nodes */
	int64_t size;	  /* bytes */
	uint32_t blksize; /* bytes, preferred I/O size */
	uint64_t blocks;  /* 512-byte units allocated */
	struct ktimespec atime, mtime, ctime;
};

/* Device number Sleight reports for pipes (an anonymous major 0). */
#define PIPEFS_DEV MKDEV(0, 1)

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
