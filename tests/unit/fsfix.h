/*
 * Shared fixture for the kernel/fs host tests: a tmpfs root, a lookup
 * context for root or an ordinary user, and small helpers. Each test
 * starts from a fresh file system and ends by destroying it and checking
 * that every allocation and inode was freed.
 */
#ifndef SLEIGHT_TEST_FSFIX_H
#define SLEIGHT_TEST_FSFIX_H

#include <string.h>

#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "kshim.h"

static struct superblock *fx_sb;
static struct vfs_ctx fx_ctx;
static struct cred fx_user __attribute__((unused)) = { 1000, 1000 };
static long fx_live0, fx_inodes0, fx_files0;

static int fx_setup(void **state)
{
	kshim_reset();
	fx_live0 = kshim_live;
	fx_inodes0 = vfs_live_inodes;
	fx_files0 = file_live_count;
	fx_sb = tmpfs_create(0755);
	assert_non_null(fx_sb);
	fx_ctx.root = fx_sb->root;
	fx_ctx.cwd = fx_sb->root;
	fx_ctx.cred = NULL;
	return 0;
}

static int fx_teardown(void **state)
{
	kshim_reset();
	assert_int_equal(tmpfs_destroy(fx_sb), 0);
	assert_int_equal(file_live_count, fx_files0);
	assert_int_equal(vfs_live_inodes, fx_inodes0);
	assert_int_equal(kshim_live, fx_live0);
	return 0;
}

/* Create path with the given bytes (NULL: empty); 0 or -errno. */
static inline int fx_write_file(const char *path, const char *data)
{
	struct file *f;
	int err = file_open(&fx_ctx, path, O_WRONLY | O_CREAT | O_TRUNC,
			    0644, &f);

	if (err)
		return err;
	if (data) {
		long n = file_write(f, data, strlen(data));

		if (n != (long)strlen(data))
			err = n < 0 ? (int)n : -EIO;
	}
	file_put(f);
	return err;
}

/* Read the whole file at path into buf (NUL-terminated); length or -errno. */
static inline long fx_read_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	long n, total = 0;
	int err = file_open(&fx_ctx, path, O_RDONLY, 0, &f);

	if (err)
		return err;
	while ((n = file_read(f, buf + total, size - 1 - total)) > 0)
		total += n;
	file_put(f);
	if (n < 0)
		return n;
	buf[total] = '\0';
	return total;
}

/* Look path up (following) and return its inode number, or -errno. */
static inline long fx_ino(const char *path, int flags)
{
	struct inode *ip;
	int err = vfs_lookup(&fx_ctx, path, flags, &ip);
	long ino;

	if (err)
		return err;
	ino = ip->ino;
	iput(ip);
	return ino;
}

#endif
