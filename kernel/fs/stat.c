/*
 * kernel/fs/stat.c - turning an inode into the attributes stat(2) and
 * statx(2) report, and those into the i386 user layouts of stat.h.
 *
 * Owns the table giving each superblock its anonymous device number
 * (entries are never removed; a superblock keeps its number). Pure code,
 * host-tested by tests/unit/test_stat.c. Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "stat.h"

#define SB_DEVS_MAX                                                            \
	64 /* superblocks given numbers; later ones                            \
	      share the last number */

static const struct superblock *sb_devs[SB_DEVS_MAX];

uint32_t stat_sb_dev(const struct superblock *sb)
{
	int i;

	for (i = 0; i < SB_DEVS_MAX; i++) {
		if (sb_devs[i] == sb)
			break;
		if (!sb_devs[i]) {
			sb_devs[i] = sb;
			break;
		}
	}
	if (i == SB_DEVS_MAX)
		i--;
	return MKDEV(0, i + 2); /* 0 unused, 1 is PIPEFS_DEV */
}

void stat_from_inode(const struct inode *ip, struct kstat *ks)
{
	memset(ks, 0, sizeof(*ks));
	ks->dev = stat_sb_dev(ip->sb);
	ks->ino = ip->ino;
	ks->mode = ip->mode;
	ks->nlink = ip->nlink;
	ks->uid = ip->uid;
	ks->gid = ip->gid;
	ks->rdev = ip->rdev;
	ks->size = ip->size;
	ks->blksize = PAGE_SIZE;
	if (S_ISREG(ip->mode) && ip->size > 0)
		ks->blocks = ((uint64_t)ip->size + PAGE_SIZE - 1) / PAGE_SIZE *
			     (PAGE_SIZE / 512);
	ks->atime = ip->atime;
	ks->mtime = ip->mtime;
	ks->ctime = ip->ctime;
}

void stat_to_stat64(const struct kstat *ks, struct stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = ks->dev;
	st->__st_ino = ks->ino;
	st->st_ino = ks->ino;
	st->st_mode = ks->mode;
	st->st_nlink = ks->nlink;
	st->st_uid = ks->uid;
	st->st_gid = ks->gid;
	st->st_rdev = ks->rdev;
	st->st_size = ks->size;
	st->st_blksize = ks->blksize;
	st->st_blocks = ks->blocks;
	st->st_atime = (uint32_t)ks->atime.sec;
	st->st_atime_nsec = ks->atime.nsec;
	st->st_mtime = (uint32_t)ks->mtime.sec;
	st->st_mtime_nsec = ks->mtime.nsec;
	st->st_ctime = (uint32_t)ks->ctime.sec;
	st->st_ctime_nsec = ks->ctime.nsec;
}

static struct statx_timestamp stx_time(const struct ktimespec *ts)
{
	struct statx_timestamp t = {.tv_sec = ts->sec, .tv_nsec = ts->nsec};

	return t;
}

void stat_to_statx(const struct kstat *ks, struct statx *sx)
{
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_BASIC_STATS;
	sx->stx_blksize = ks->blksize;
	sx->stx_nlink = ks->nlink;
	sx->stx_uid = ks->uid;
	sx->stx_gid = ks->gid;
	sx->stx_mode = (uint16_t)ks->mode;
	sx->stx_ino = ks->ino;
	sx->stx_size = ks->size;
	sx->stx_blocks = ks->blocks;
	sx->stx_atime = stx_time(&ks->atime);
	sx->stx_mtime = stx_time(&ks->mtime);
	sx->stx_ctime = stx_time(&ks->ctime);
	sx->stx_rdev_major = MAJOR(ks->rdev);
	sx->stx_rdev_minor = MINOR(ks->rdev);
	sx->stx_dev_major = MAJOR(ks->dev);
	sx->stx_dev_minor = MINOR(ks->dev);
}
