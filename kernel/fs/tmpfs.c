/*
 * kernel/fs/tmpfs.c - tmpfs: a file system that lives in kernel memory.
 * Sleight's root and /dev are tmpfs instances.
 *
 * Owns: the inodes it creates and the inode budget they count against,
 * each directory (struct tmpfs_dir; its indexes are in tmpfs_dir.c), the
 * superblock. File bytes are in tmpfs_data.c.
 * Invariants:
 *  - each entry accounts for one link of its inode; a directory also
 *    links to itself ("."), and each subdirectory's ".." adds one link
 *    to its parent (Linux/Unix nlink counting);
 *  - inodes_used is the number of live tmpfs inodes plus, for each
 *    non-directory, its links beyond the first: at most inode_limit;
 *  - a removed directory has parent == NULL and refuses lookups and new
 *    entries (-ENOENT), as Linux does for a deleted cwd.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "fsmem.h"
#include "tmpfs_int.h"

#define BOGO_DIRENT_SIZE                                                       \
	20 /* bytes of st_size per entry, as                                   \
	      Linux tmpfs reports */

static const struct inode_ops tmpfs_ops;

static struct tmpfs_dir *dir_of(struct inode *ip)
{
	return ip->priv;
}

/*
 * The inode budget, as Linux's tmpfs nr_inodes (shmem_reserve_inode):
 * each inode takes one, and so does each hard link beyond an inode's
 * first name (Linux shmem_link: every name pins kernel memory, which is
 * what the budget bounds). 0: no limit.
 */
static uint32_t inodes_used, inode_limit;

/* tmpfs_set_inode_limit - the budget, in inodes, for all tmpfs. */
void tmpfs_set_inode_limit(uint32_t inodes)
{
	inode_limit = inodes;
}

/* tmpfs_inodes_used - inodes and extra hard links tmpfs holds now. */
uint32_t tmpfs_inodes_used(void)
{
	return inodes_used;
}

static int inode_reserve(void)
{
	if (inode_limit && inodes_used >= inode_limit)
		return -ENOSPC;
	inodes_used++;
	return 0;
}

static void inode_unreserve(void)
{
	BUG_ON(inodes_used == 0);
	inodes_used--;
}

static struct tmpfs_dirent *dir_find(struct inode *dir, const char *name,
				     size_t len)
{
	return tmpfs_dir_find(dir_of(dir), name, len);
}

/* Add e to dir and count a link to e->ip. */
static void dir_add(struct inode *dir, struct tmpfs_dirent *e)
{
	struct tmpfs_dir *d = dir_of(dir);

	tmpfs_dir_insert(d, e);
	dir->size = d->count * BOGO_DIRENT_SIZE;
	e->ip->nlink++;
	if (S_ISDIR(e->ip->mode)) {
		dir->nlink++;
		dir_of(e->ip)->parent = dir;
	}
	inode_touch(dir, false, true, true);
}

/*
 * Take e out of dir and free it; the inode loses the entry's link (and
 * the budget that link took, if it was an extra one), and a directory
 * also its "." link and its ".." link on dir. The inode may be freed
 * here.
 */
static void dir_remove(struct inode *dir, struct tmpfs_dirent *e)
{
	struct tmpfs_dir *d = dir_of(dir);
	struct inode *ip = e->ip;

	tmpfs_dir_erase(d, e);
	dir->size = d->count * BOGO_DIRENT_SIZE;
	kfree(e);
	inode_touch(dir, false, true, true);
	if (S_ISDIR(ip->mode)) {
		dir->nlink--;
		dir_of(ip)->parent = NULL;
		ip->nlink--;
	} else if (ip->nlink > 1) {
		inode_unreserve();
	}
	inode_drop_link(ip);
}

/* A new inode of the given mode with its type's private data, in *out.
 * -ENOSPC when the inode budget is spent, -ENOMEM. */
static int tmpfs_inode(struct superblock *sb, uint32_t mode,
		       const struct cred *cr, struct inode **out)
{
	struct inode *ip;
	void *priv = NULL;
	int err = inode_reserve();

	if (err)
		return err;
	ip = inode_new(sb, mode, &tmpfs_ops, cr);
	if (!ip)
		goto out_unreserve;
	if (S_ISDIR(mode)) {
		struct tmpfs_dir *d = kzalloc(sizeof(*d));

		if (d)
			d->next_cookie = 2;
		priv = d;
	} else if (S_ISREG(mode)) {
		priv = kzalloc(sizeof(struct tmpfs_file));
	} else {
		*out = ip;
		return 0;
	}
	if (!priv)
		goto out_free_inode;
	ip->priv = priv;
	*out = ip;
	return 0;

out_free_inode:
	ip->refcount = 0;
	inode_free(ip);
out_unreserve:
	inode_unreserve();
	return -ENOMEM;
}

static int tmpfs_lookup(struct inode *dir, const char *name, size_t len,
			struct inode **out)
{
	struct tmpfs_dir *d = dir_of(dir);
	struct tmpfs_dirent *e;

	if (dir->nlink == 0)
		return -ENOENT;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = iget(d->parent);
		return 0;
	}
	e = dir_find(dir, name, len);
	if (!e)
		return -ENOENT;
	*out = iget(e->ip);
	return 0;
}

/*
 * Make a new inode named name in dir. For symlinks, target is the link
 * text. Returns the caller's reference in *out.
 */
static int tmpfs_make(struct inode *dir, const char *name, size_t len,
		      uint32_t mode, const char *target, const struct cred *cr,
		      struct inode **out)
{
	struct tmpfs_dirent *e;
	struct inode *ip;
	int err;

	if (dir->nlink == 0)
		return -ENOENT;
	if (dir_find(dir, name, len))
		return -EEXIST;
	err = tmpfs_inode(dir->sb, mode, cr, &ip);
	if (err)
		return err;
	err = target ? tmpfs_symlink_set(ip, target) : 0;
	if (err)
		goto out_free_inode;
	e = tmpfs_dirent_new(name, len, ip);
	if (!e) {
		err = -ENOMEM;
		goto out_free_inode;
	}
	if (S_ISDIR(mode))
		ip->nlink = 1; /* "." */
	dir_add(dir, e);
	*out = ip;
	return 0;

out_free_inode:
	iput(ip); /* nlink 0: evicted */
	return err;
}

static int tmpfs_op_create(struct inode *dir, const char *name, size_t len,
			   uint32_t mode, const struct cred *cr,
			   struct inode **out)
{
	return tmpfs_make(dir, name, len, mode, NULL, cr, out);
}

static int tmpfs_mkdir(struct inode *dir, const char *name, size_t len,
		       uint32_t mode, const struct cred *cr, struct inode **out)
{
	return tmpfs_make(dir, name, len, mode, NULL, cr, out);
}

static int tmpfs_mknod(struct inode *dir, const char *name, size_t len,
		       uint32_t mode, uint32_t rdev, const struct cred *cr,
		       struct inode **out)
{
	int err = tmpfs_make(dir, name, len, mode, NULL, cr, out);

	if (!err)
		(*out)->rdev = rdev;
	return err;
}

static int tmpfs_symlink(struct inode *dir, const char *name, size_t len,
			 const char *target, const struct cred *cr,
			 struct inode **out)
{
	return tmpfs_make(dir, name, len, S_IFLNK | 0777, target, cr, out);
}

/* A second name takes from the inode budget too (Linux shmem_link). */
static int tmpfs_link(struct inode *dir, const char *name, size_t len,
		      struct inode *target)
{
	struct tmpfs_dirent *e;
	int err;

	if (dir->nlink == 0 || target->nlink == 0)
		return -ENOENT;
	if (S_ISDIR(target->mode))
		return -EPERM; /* link(2): no hard links to dirs */
	if (dir_find(dir, name, len))
		return -EEXIST;
	err = inode_reserve();
	if (err)
		return err;
	e = tmpfs_dirent_new(name, len, target);
	if (!e) {
		inode_unreserve();
		return -ENOMEM;
	}
	dir_add(dir, e);
	inode_touch(target, false, false, true);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *e = dir_find(dir, name, len);

	if (!e)
		return -ENOENT;
	dir_remove(dir, e);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *e = dir_find(dir, name, len);

	if (!e)
		return -ENOENT;
	if (!S_ISDIR(e->ip->mode))
		return -ENOTDIR;
	if (dir_of(e->ip)->count)
		return -ENOTEMPTY;
	dir_remove(dir, e);
	return 0;
}

/*
 * rename(2) inside one tmpfs. The new entry is allocated before anything
 * changes, so -ENOMEM leaves both directories as they were.
 */
static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
			struct inode *ndir, const char *nname, size_t nlen)
{
	struct tmpfs_dirent *oe, *ne, *moved;
	struct inode *ip;

	oe = dir_find(odir, oname, olen);
	if (!oe)
		return -ENOENT;
	if (ndir->nlink == 0)
		return -ENOENT;
	ip = oe->ip;
	ne = dir_find(ndir, nname, nlen);
	if (ne && S_ISDIR(ne->ip->mode) && dir_of(ne->ip)->count)
		return -ENOTEMPTY;
	moved = tmpfs_dirent_new(nname, nlen, ip);
	if (!moved)
		return -ENOMEM;
	/* Point of no return. Hold ip across its zero-link moment. */
	iget(ip);
	if (ne)
		dir_remove(ndir, ne);
	dir_remove(odir, oe);
	dir_add(ndir, moved);
	if (S_ISDIR(ip->mode))
		ip->nlink++; /* dir_remove dropped "." too */
	else if (ip->nlink > 1)
		inodes_used++; /* dir_remove gave the link's back */
	inode_touch(ip, false, false, true);
	iput(ip);
	return 0;
}

static int tmpfs_getdents(struct inode *dir, int64_t *pos, vfs_filldir_t fill,
			  void *ctx)
{
	struct tmpfs_dir *d = dir_of(dir);
	struct vfs_dirent de;
	struct tmpfs_dirent *e;

	if (*pos == 0) {
		de = (struct vfs_dirent){".", 1, dir->ino, DT_DIR, 1};
		if (fill(ctx, &de))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		struct inode *up = d->parent ? d->parent : dir;

		de = (struct vfs_dirent){"..", 2, up->ino, DT_DIR, 2};
		if (fill(ctx, &de))
			return 0;
		*pos = 2;
	}
	for (e = tmpfs_dir_seek(d, *pos); e; e = tmpfs_dir_next(e)) {
		de = (struct vfs_dirent){e->name, e->len, e->ip->ino,
					 IFTODT(e->ip->mode), e->cookie + 1};
		if (fill(ctx, &de))
			return 0;
		*pos = e->cookie + 1;
	}
	inode_touch(dir, true, false, false);
	return 0;
}

static void tmpfs_evict(struct inode *ip)
{
	if (S_ISDIR(ip->mode)) {
		tmpfs_dir_release(ip->priv);
		kfree(ip->priv);
	} else if (S_ISREG(ip->mode))
		tmpfs_file_free(ip);
	else if (S_ISLNK(ip->mode))
		tmpfs_symlink_free(ip);
	inode_free(ip);
	inode_unreserve();
}

static const struct inode_ops tmpfs_ops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_op_create,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.readlink = tmpfs_readlink,
	.truncate = tmpfs_file_truncate,
	.read = tmpfs_file_read,
	.get_page = tmpfs_get_page,
	.write = tmpfs_file_write,
	.getdents = tmpfs_getdents,
	.evict = tmpfs_evict,
};

struct superblock *tmpfs_create(uint32_t mode)
{
	struct superblock *sb = kzalloc(sizeof(*sb));
	struct inode *root;

	if (!sb)
		return NULL;
	sb->fstype = "tmpfs";
	sb->next_ino = 1;
	if (tmpfs_inode(sb, S_IFDIR | (mode & 07777), NULL, &root)) {
		kfree(sb);
		return NULL;
	}
	root->nlink = 2; /* "." and its own ".." */
	dir_of(root)->parent = root;
	sb->root = root; /* the superblock's reference */
	return sb;
}

/*
 * Empty the tree under root without recursion: descend into the first
 * non-empty subdirectory, remove leaves, climb back when a directory is
 * empty.
 */
static void tmpfs_purge(struct inode *root)
{
	struct inode *cur = root;

	for (;;) {
		struct tmpfs_dir *d = dir_of(cur);
		struct tmpfs_dirent *e = tmpfs_dir_seek(d, 0);

		if (!e) {
			if (cur == root)
				return;
			cur = d->parent;
			continue;
		}
		if (S_ISDIR(e->ip->mode) && dir_of(e->ip)->count) {
			cur = e->ip;
			continue;
		}
		dir_remove(cur, e);
	}
}

int tmpfs_destroy(struct superblock *sb)
{
	struct inode *root = sb->root;

	if (root->mnt_root)
		return -EBUSY;
	tmpfs_purge(root);
	root->nlink = 0;
	dir_of(root)->parent = NULL;
	iput(root);
	kfree(sb);
	return 0;
}
