/*
 * kernel/fs/tmpfs_int.h - tmpfs internals shared by tmpfs.c (directories,
 * inodes) and tmpfs_data.c (file and symlink bytes). Not for other
 * subsystems: they use fs.h.
 */
#ifndef SLEIGHT_FS_TMPFS_INT_H
#define SLEIGHT_FS_TMPFS_INT_H

#include <stdint.h>

#include "vfs.h"

/* Symlink targets shorter than this live in kmalloc memory. */
#define TMPFS_SHORT_LINK	512

/* One name in a directory. The entry accounts for one of ip->nlink. */
struct tmpfs_dirent {
	struct tmpfs_dirent *next;
	struct inode *ip;	/* not referenced: counted in ip->nlink */
	int64_t cookie;		/* getdents offset; never reused */
	uint16_t len;
	char name[];
};

struct tmpfs_dir {
	struct tmpfs_dirent *head, *tail;	/* in cookie order */
	int64_t next_cookie;	/* 0 and 1 are "." and ".." */
	struct inode *parent;	/* not referenced; NULL once removed */
	int count;		/* entries */
};

struct tmpfs_file {
	void **top;		/* page of pointers to index pages */
};

long tmpfs_file_read(struct inode *ip, void *buf, size_t n, int64_t off);
void *tmpfs_get_page(struct inode *ip, uint32_t pg);
long tmpfs_file_write(struct inode *ip, const void *buf, size_t n,
		      int64_t off);
int tmpfs_file_truncate(struct inode *ip, int64_t size);
void tmpfs_file_free(struct inode *ip);
int tmpfs_symlink_set(struct inode *ip, const char *target);
int tmpfs_readlink(struct inode *ip, char *buf, size_t size);
void tmpfs_symlink_free(struct inode *ip);

#endif
