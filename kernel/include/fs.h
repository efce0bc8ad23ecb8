/*
 * fs.h - the file systems Sleight has: tmpfs (also the root), devfs, and
 * the initramfs unpacker (cpio "newc").
 */
#ifndef SLEIGHT_FS_H
#define SLEIGHT_FS_H

#include <stddef.h>
#include <stdint.h>

#include "vfs.h"

struct file_ops;

/* ---- kernel/fs/tmpfs.c ---- */

/*
 * tmpfs_create - a new empty tmpfs whose root directory has the given
 * permission bits (07777), owned by uid/gid 0. NULL on -ENOMEM.
 * The superblock holds one reference on sb->root.
 */
struct superblock *tmpfs_create(uint32_t mode);
/* A page budget for all tmpfs files (0: none); writes past it: ENOSPC. */
void tmpfs_set_page_limit(uint32_t pages);
uint32_t tmpfs_pages_used(void);
/* Pages a regular tmpfs file holds; 0 for other inodes (tmpfs_data.c). */
uint32_t tmpfs_inode_pages(const struct inode *ip);
/*
 * An inode budget for all tmpfs (0: none), as Linux's nr_inodes: each
 * inode and each extra hard link takes one; past it, creating a file,
 * directory, node or symlink, or a link, gives ENOSPC.
 */
void tmpfs_set_inode_limit(uint32_t inodes);
uint32_t tmpfs_inodes_used(void);
/*
 * tmpfs_destroy - remove every entry and free the superblock. Inodes
 * still referenced (open files) survive until their last iput. The file
 * system must be unmounted first. Returns 0, or -EBUSY if mounted.
 */
int tmpfs_destroy(struct superblock *sb);

/* ---- kernel/fs/devfs.c ---- */

/*
 * devfs_init - create the devfs instance with null, zero, full and
 * urandom; seed is the urandom generator's seed (e.g. TSC ^ RTC).
 * Returns 0 or -ENOMEM. The superblock is devfs_sb().
 */
int devfs_init(uint32_t seed);
struct superblock *devfs_sb(void);
/*
 * devfs_register - add the char device `name` (no slashes) with number
 * rdev, permission bits mode and driver fops to devfs and the driver
 * table. -EEXIST, -ENOSPC (DEVFS_MAX_DEVICES), -ENOMEM, -EINVAL.
 */
int devfs_register(const char *name, uint32_t rdev, uint32_t mode,
		   const struct file_ops *fops);
/* The driver of device number rdev, or NULL (open gives -ENXIO). */
const struct file_ops *chrdev_lookup(uint32_t rdev);
/* devfs_teardown - remove devfs and forget every driver (tests). */
void devfs_teardown(void);

/* ---- kernel/fs/cpio.c ---- */

/*
 * What cpio_unpack met: the first fault (reason: fixed text; offset: the
 * byte offset of the entry's header in the archive; err: its -errno),
 * reason NULL when none; entries extracted; entries skipped because the
 * file system refused them.
 */
struct cpio_error {
	const char *reason;
	size_t offset;
	int err;
	unsigned entries, skipped;
};

/*
 * cpio_unpack - extract the "newc" (070701, or 070702 with checksums)
 * archive at data[0..len) into the tree under root: directories,
 * regular files, symlinks, hard links (entries sharing dev+ino),
 * device nodes and FIFOs, with mode, uid, gid and mtime; missing parent
 * directories are created (0755). Stops at "TRAILER!!!" (cpio(5)).
 * Never reads outside data[0..len). Like Linux's initramfs unpacker:
 * a malformed archive stops it with -EINVAL; -ENOMEM or -ENOSPC from
 * the file system stops it too; an entry the file system refuses
 * otherwise (or of a type not supported) is skipped and the rest
 * unpacked, and 0 is returned. Every fault is logged with the entry's
 * byte offset, and *why (when not NULL) is filled; entries before a
 * fault stay extracted. O(n log n) in the number of entries.
 */
int cpio_unpack(struct inode *root, const void *data, size_t len,
		struct cpio_error *why);

#endif
