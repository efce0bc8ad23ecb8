/*
 * kernel/fs/tmpfs_int.h - tmpfs internals shared by tmpfs.c (inodes,
 * directory operations), tmpfs_dir.c (directory indexes) and tmpfs_data.c
 * (file and symlink bytes). Not for other subsystems: they use fs.h.
 */
#ifndef SLEIGHT_FS_TMPFS_INT_H
#define SLEIGHT_FS_TMPFS_INT_H

#include <stdint.h>

#include "vfs.h"
#include "avl.h"

/* Symlink targets shorter than this live in kmalloc memory. */
#define TMPFS_SHORT_LINK 512

/*
 * One name in a directory. The entry accounts for one of ip->nlink. It
 * sits in its directory's hash table, in the tree of its bucket (ordered
 * by hash, length, bytes), and in the tree by cookie for getdents.
 */
struct tmpfs_dirent {
	struct avl_node by_name;   /* in its bucket of tmpfs_dir */
	struct avl_node by_cookie; /* in tmpfs_dir.order */
	struct inode *ip;	   /* not referenced: counted in ip->nlink */
	int64_t cookie;		   /* getdents offset; never reused */
	uint32_t hash;		   /* of the name (tmpfs_dir.c) */
	uint16_t len;
	char name[];
};

struct tmpfs_dir {
	struct avl_node *names;	   /* the one bucket while bits == 0 */
	void *table;		   /* bucket roots (tmpfs_dir.c), or NULL */
	unsigned bits;		   /* 1 << bits buckets */
	struct avl_node *order;	   /* entries by cookie: getdents order */
	struct tmpfs_dirent *last; /* the largest cookie, or NULL */
	int64_t next_cookie;	   /* 0 and 1 are "." and ".." */
	struct inode *parent;	   /* not referenced; NULL once removed */
	int count;		   /* entries */
};

/* ---- tmpfs_dir.c: the two indexes of a directory ---- */

/* Tree nodes visited by lookups and inserts: tests count steps. */
extern unsigned long tmpfs_dir_steps;

/* A new, unlinked entry for name[0..len) naming ip; NULL: -ENOMEM. */
struct tmpfs_dirent *tmpfs_dirent_new(const char *name, size_t len,
				      struct inode *ip);
/* Free d's bucket table (the directory is being freed). */
void tmpfs_dir_release(struct tmpfs_dir *d);
/* The entry named name[0..len) in d, or NULL. O(1) on average. */
struct tmpfs_dirent *tmpfs_dir_find(struct tmpfs_dir *d, const char *name,
				    size_t len);
/* Give e the next cookie and add it to both indexes of d (no name
 * check: the caller has looked e's name up). O(log n). */
void tmpfs_dir_insert(struct tmpfs_dir *d, struct tmpfs_dirent *e);
/* Take e out of both indexes of d; the caller frees it. O(log n). */
void tmpfs_dir_erase(struct tmpfs_dir *d, struct tmpfs_dirent *e);
/* The entry of d with the smallest cookie >= cookie, or NULL. */
struct tmpfs_dirent *tmpfs_dir_seek(struct tmpfs_dir *d, int64_t cookie);
/* The entry after e in cookie order, or NULL. */
struct tmpfs_dirent *tmpfs_dir_next(struct tmpfs_dirent *e);

struct tmpfs_file {
	void *page0; /* data page 0: a one-page file needs no
			tables (tmpfs_data.c) */
	void **top;  /* page of pointers to index pages */
};

long tmpfs_file_read(struct inode *ip, void *buf, size_t n, int64_t off);
void *tmpfs_get_page(struct inode *ip, uint32_t pg);
long tmpfs_file_write(struct inode *ip, const void *buf, size_t n, int64_t off);
int tmpfs_file_truncate(struct inode *ip, int64_t size);
void tmpfs_file_free(struct inode *ip);
int tmpfs_symlink_set(struct inode *ip, const char *target);
int tmpfs_readlink(struct inode *ip, char *buf, size_t size);
void tmpfs_symlink_free(struct inode *ip);

#endif
