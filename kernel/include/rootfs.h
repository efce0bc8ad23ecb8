/*
 * rootfs.h - the root file system built at boot (kernel/fs/rootfs.c).
 */
#ifndef SLEIGHT_ROOTFS_H
#define SLEIGHT_ROOTFS_H

struct boot_info;
struct inode;

/* A tmpfs root filled from the initramfs module, devfs on /dev. Returns
 * the root directory with a reference for the caller. */
struct inode *rootfs_init(const struct boot_info *bi);

#endif
