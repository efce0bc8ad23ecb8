/*
 * kernel/fs/selftest.c - the `vfs` kernel self-test: a tmpfs root with
 * devfs mounted on /dev, files, directories, symlinks, hard links, a
 * small cpio archive, then a full teardown that must hand back every
 * frame, kmalloc object, inode and open file.
 *
 * Owns nothing outside the test run. Runs once, in kmain's context.
 */
#include "kernel.h"
#include "errno.h"
#include "ktest.h"
#include "mm.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"

#define CHECK(cond) KTEST_CHECK(cond)

static struct vfs_ctx ctx;

static int write_file(const char *path, const char *data)
{
	struct file *f;
	long n;
	int err = file_open(&ctx, path, O_WRONLY | O_CREAT | O_TRUNC, 0644, &f);

	if (err)
		return err;
	n = file_write(f, data, strlen(data));
	file_put(f);
	return n == (long)strlen(data) ? 0 : -EIO;
}

static long read_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	long n;
	int err = file_open(&ctx, path, O_RDONLY, 0, &f);

	if (err)
		return err;
	n = file_read(f, buf, size - 1);
	file_put(f);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* A newc archive with one directory, one file and the trailer. */
static size_t build_archive(char *buf, size_t size)
{
	static const struct {
		uint32_t mode;
		const char *name, *data;
	} ent[] = {
		{S_IFDIR | 0755, "init.d", ""},
		{S_IFREG | 0755, "init.d/rc", "echo up\n"},
		{0, "TRAILER!!!", ""},
	};
	size_t len = 0;

	for (size_t i = 0; i < ARRAY_SIZE(ent); i++) {
		size_t nlen = strlen(ent[i].name) + 1;
		size_t dlen = strlen(ent[i].data);

		len += snprintf(buf + len, size - len,
				"070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X"
				"%08X%08X%08zX%08X",
				(unsigned)i + 1, ent[i].mode, 0, 0, 1, 0, dlen,
				0, 0, 0, 0, nlen, 0);
		memcpy(buf + len, ent[i].name, nlen);
		len = ALIGN_UP(len + nlen, 4);
		memcpy(buf + len, ent[i].data, dlen);
		len = ALIGN_UP(len + dlen, 4);
	}
	return len;
}

static int exercise_tree(void)
{
	struct inode *ip;
	struct file *f;
	char buf[64];

	CHECK(vfs_mkdir(&ctx, "/etc", 0755) == 0);
	CHECK(vfs_mkdir(&ctx, "/etc/sub", 0755) == 0);
	CHECK(write_file("/etc/motd", "hello from tmpfs\n") == 0);
	CHECK(vfs_symlink(&ctx, "etc", "/link") == 0);
	CHECK(vfs_link(&ctx, "/etc/motd", "/etc/sub/motd2") == 0);
	CHECK(read_file("/link/sub/motd2", buf, sizeof(buf)) == 17);
	CHECK(strcmp(buf, "hello from tmpfs\n") == 0);
	CHECK(vfs_lookup(&ctx, "/link/sub/../motd", LOOKUP_FOLLOW, &ip) == 0);
	CHECK(ip->nlink == 2);
	iput(ip);
	CHECK(vfs_lookup(&ctx, "/etc/motd/", 0, &ip) == -ENOTDIR);
	CHECK(vfs_rename(&ctx, "/etc/sub", "/moved") == 0);
	/* Unlinked while open: still readable. */
	CHECK(file_open(&ctx, "/moved/motd2", O_RDONLY, 0, &f) == 0);
	CHECK(vfs_unlink(&ctx, "/moved/motd2") == 0);
	CHECK(vfs_unlink(&ctx, "/etc/motd") == 0);
	CHECK(file_read(f, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0);
	file_put(f);
	CHECK(vfs_rmdir(&ctx, "/etc") == 0);
	return 0;
}

static int exercise_dev_and_cpio(void)
{
	struct file *f;
	char *arc, buf[64];
	size_t len;

	CHECK(file_open(&ctx, "/dev/zero", O_RDONLY, 0, &f) == 0);
	memset(buf, 1, 8);
	CHECK(file_read(f, buf, 8) == 8 && buf[0] == 0 && buf[7] == 0);
	file_put(f);
	CHECK(file_open(&ctx, "/dev/full", O_WRONLY, 0, &f) == 0);
	CHECK(file_write(f, "x", 1) == -ENOSPC);
	file_put(f);
	arc = kmalloc(PAGE_SIZE);
	CHECK(arc);
	len = build_archive(arc, PAGE_SIZE);
	CHECK(cpio_unpack(ctx.root, arc, len, NULL) == 0);
	CHECK(cpio_unpack(ctx.root, arc, len - 4, NULL) == -EINVAL);
	kfree(arc);
	CHECK(read_file("/init.d/rc", buf, sizeof(buf)) == 8);
	return 0;
}

static int vfs_selftest(void)
{
	uint32_t frames0 = pmm_free_frames();
	uint32_t objs0 = kmalloc_live_objects();
	long inodes0 = vfs_live_inodes, files0 = file_live_count;
	struct superblock *root;
	struct inode *dev;
	int fail;

	root = tmpfs_create(0755);
	if (!root || devfs_init(12345))
		return 1;
	ctx.root = ctx.cwd = root->root;
	ctx.cred = NULL;
	fail = vfs_mkdir(&ctx, "/dev", 0755) ||
	       vfs_lookup(&ctx, "/dev", 0, &dev);
	if (!fail) {
		fail = vfs_mount(dev, devfs_sb());
		iput(dev);
	}
	fail = fail || exercise_tree() || exercise_dev_and_cpio();
	if (vfs_umount(devfs_sb()->root))
		fail = 1;
	devfs_teardown();
	tmpfs_destroy(root);
	printk("vfs: frames free %u -> %u, kmalloc objects %u -> %u, "
	       "inodes %ld -> %ld, files %ld -> %ld\n",
	       frames0, pmm_free_frames(), objs0, kmalloc_live_objects(),
	       inodes0, vfs_live_inodes, files0, file_live_count);
	if (pmm_free_frames() != frames0 || kmalloc_live_objects() != objs0 ||
	    vfs_live_inodes != inodes0 || file_live_count != files0)
		return 2;
	return fail;
}
KTEST(vfs, vfs_selftest);
