/*
 * kernel/fs/rootfs.c - the root file system: a tmpfs filled from the
 * initramfs boot module (a cpio "newc" archive), with devfs on /dev.
 *
 * Owns the root inode reference handed to the first process. Runs once at
 * boot, before any process exists. A malformed archive is logged and the
 * system comes up with whatever was unpacked before the fault (as
 * Linux's "Initramfs unpacking failed"); entries the file system refuses
 * are skipped, counted and logged.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "errno.h"
#include "fs.h"
#include "mm.h"
#include "rootfs.h"
#include "vfs.h"

static struct inode *root_inode;

/* The module GRUB/QEMU loaded as the initramfs: the first one. */
static const struct boot_module *find_initramfs(const struct boot_info *bi)
{
	return bi->mod_count ? &bi->mods[0] : NULL;
}

static void unpack_initramfs(const struct boot_info *bi)
{
	const struct boot_module *m = find_initramfs(bi);
	struct cpio_error why = {0};
	int err;

	if (!m) {
		printk("rootfs: no initramfs module; the root is empty\n");
		return;
	}
	if (m->end > KERNEL_DIRECT_MAP_SIZE) {
		printk("rootfs: initramfs at %#x..%#x is out of reach\n",
		       m->start, m->end);
		return;
	}
	err = cpio_unpack(root_inode, P2V(m->start), m->end - m->start, &why);
	if (err)
		printk("rootfs: initramfs unpacking failed at byte %zu: %s "
		       "(%d); the %u entries before it are kept\n",
		       why.offset, why.reason, err, why.entries);
	else
		pr_info("rootfs: unpacked %u KiB initramfs, %u entries\n",
			(m->end - m->start) / 1024, why.entries);
	if (why.skipped)
		printk("rootfs: %u initramfs entries skipped (the cpio "
		       "lines above say why)\n",
		       why.skipped);
	/* its bytes now live in the tmpfs: the module's frames are free */
	pmm_release_boot_range(m->start, m->end);
}

static void mount_devfs(void)
{
	struct vfs_ctx ctx = {.root = root_inode, .cwd = root_inode};
	struct inode *dev;
	int err;

	err = vfs_lookup(&ctx, "/dev", LOOKUP_DIRECTORY, &dev);
	if (err == -ENOENT) {
		err = vfs_mkdir(&ctx, "/dev", 0755);
		if (!err)
			err = vfs_lookup(&ctx, "/dev", LOOKUP_DIRECTORY, &dev);
	}
	if (!err) {
		err = vfs_mount(dev, devfs_sb());
		iput(dev);
	}
	if (err)
		printk("rootfs: cannot mount devfs on /dev: %d\n", err);
}

/*
 * rootfs_init - build the root file system from the boot modules. Returns
 * the root directory inode with a reference for the caller (the first
 * process's root and cwd). Panics only if no tmpfs can be made at all.
 */
struct inode *rootfs_init(const struct boot_info *bi)
{
	struct superblock *sb = tmpfs_create(S_IFDIR | 0755);
	uint64_t seed;

	if (!sb)
		panic("rootfs: cannot create the root tmpfs");
	root_inode = sb->root;
	/* as Linux's tmpfs: at most half of memory, so that a full /tmp
	 * leaves room to run programs (rm among them) */
	tmpfs_set_page_limit(pmm_total_frames() / 2);
	/* and at most one inode per two pages (Linux's nr_inodes) */
	tmpfs_set_inode_limit(pmm_total_frames() / 2);
	unpack_initramfs(bi);
	get_random_bytes(&seed, sizeof(seed));
	if (devfs_init((uint32_t)seed))
		printk("rootfs: devfs_init failed\n");
	else
		mount_devfs();
	return iget(root_inode);
}
