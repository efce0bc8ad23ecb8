/*
 * kernel/fs/tmpfs.c - tmpfs: a file system that lives in kernel memory.
 * Sleight's root and /dev are tmpfs instances.
 *
 * Owns: each directory's entry list (struct tmpfs_dir), the inodes it
 * creates, the superblock. File bytes are in tmpfs_data.c.
 * Invariants:
 *  - each entry accounts for one link of its inode; a directory also
 *    links to itself ("."), and each subdirectory's ".." adds one link
 *    to its parent (Linux/Unix nlink counting);
 *  - entries of a directory are kept in increasing cookie order and a
 *    cookie is never reused, so getdents offsets stay valid while
 *    entries come and go;
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

#define BOGO_DIRENT_SIZE	20	/* bytes of st_size per entry, as
					   Linux tmpfs reports */

static const struct inode_ops tmpfs_ops;

static struct tmpfs_dir *dir_of(struct inode *ip)
{
	return ip->priv;
}

static struct tmpfs_dirent *dir_find(struct inode *dir, const char *name,
				     size_t len, struct tmpfs_dirent **prev)
{
	struct tmpfs_dirent *e, *p = NULL;

	for (e = dir_of(dir)->head; e; p = e, e = e->next) {
		if (e->len == len && memcmp(e->name, name, len) == 0) {
			if (prev)
				*prev = p;
			return e;
		}
	}
	return NULL;
}

static struct tmpfs_dirent *dirent_new(const char *name, size_t len,
				       struct inode *ip)
{
	struct tmpfs_dirent *e = kmalloc(sizeof(*e) + len);

	if (!e)
		return NULL;
	e->next = NULL;
	e->ip = ip;
	e->len = len;
	memcpy(e->name, name, len);
	return e;
}

/* Append e to dir and count a link to e->ip. */
static void dir_add(struct inode *dir, struct tmpfs_dirent *e)
{
	struct tmpfs_dir *d = dir_of(dir);

	e->cookie = d->next_cookie++;
	if (d->tail)
		d->tail->next = e;
	else
		d->head = e;
	d->tail = e;
	d->count++;
	dir->size = d->count * BOGO_DIRENT_SIZE;
	e->ip->nlink++;
	if (S_ISDIR(e->ip->mode)) {
		dir->nlink++;
		dir_of(e->ip)->parent = dir;
	}
	inode_touch(dir, false, true, true);
}

/*
 * Unhook e (prev is its predecessor) from dir and free it; the inode
 * loses the entry's link, and a directory also its "." link and its
 * ".." link on dir. The inode may be freed here.
 */
static void dir_remove(struct inode *dir, struct tmpfs_dirent *e,
		       struct tmpfs_dirent *prev)
{
	struct tmpfs_dir *d = dir_of(dir);
	struct inode *ip = e->ip;

	if (prev)
		prev->next = e->next;
	else
		d->head = e->next;
	if (d->tail == e)
		d->tail = prev;
	d->count--;
	dir->size = d->count * BOGO_DIRENT_SIZE;
	kfree(e);
	inode_touch(dir, false, true, true);
	if (S_ISDIR(ip->mode)) {
		dir->nlink--;
		dir_of(ip)->parent = NULL;
		ip->nlink--;
	}
	inode_drop_link(ip);
}

/* A new inode of the given mode with its type's private data. */
static struct inode *tmpfs_inode(struct superblock *sb, uint32_t mode,
				 const struct cred *cr)
{
	struct inode *ip = inode_new(sb, mode, &tmpfs_ops, cr);
	void *priv = NULL;

	if (!ip)
		return NULL;
	if (S_ISDIR(mode)) {
		struct tmpfs_dir *d = kzalloc(sizeof(*d));

		if (d)
			d->next_cookie = 2;
		priv = d;
	} else if (S_ISREG(mode)) {
		priv = kzalloc(sizeof(struct tmpfs_file));
	} else {
		return ip;
	}
	if (!priv) {
		ip->refcount = 0;
		inode_free(ip);
		return NULL;
	}
	ip->priv = priv;
	return ip;
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
	e = dir_find(dir, name, len, NULL);
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
		      uint32_t mode, const char *target,
		      const struct cred *cr, struct inode **out)
{
	struct tmpfs_dirent *e;
	struct inode *ip;
	int err;

	if (dir->nlink == 0)
		return -ENOENT;
	if (dir_find(dir, name, len, NULL))
		return -EEXIST;
	ip = tmpfs_inode(dir->sb, mode, cr);
	if (!ip)
		return -ENOMEM;
	err = target ? tmpfs_symlink_set(ip, target) : 0;
	if (err)
		goto out_free_inode;
	e = dirent_new(name, len, ip);
	if (!e) {
		err = -ENOMEM;
		goto out_free_inode;
	}
	if (S_ISDIR(mode))
		ip->nlink = 1;		/* "." */
	dir_add(dir, e);
	*out = ip;
	return 0;

out_free_inode:
	iput(ip);			/* nlink 0: evicted */
	return err;
}

static int tmpfs_op_create(struct inode *dir, const char *name,
			   size_t len, uint32_t mode, const struct cred *cr,
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

static int tmpfs_link(struct inode *dir, const char *name, size_t len,
		      struct inode *target)
{
	struct tmpfs_dirent *e;

	if (dir->nlink == 0 || target->nlink == 0)
		return -ENOENT;
	if (S_ISDIR(target->mode))
		return -EPERM;		/* link(2): no hard links to dirs */
	if (dir_find(dir, name, len, NULL))
		return -EEXIST;
	e = dirent_new(name, len, target);
	if (!e)
		return -ENOMEM;
	dir_add(dir, e);
	inode_touch(target, false, false, true);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *e, *prev;

	e = dir_find(dir, name, len, &prev);
	if (!e)
		return -ENOENT;
	dir_remove(dir, e, prev);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, const char *name, size_t len)
{
	struct tmpfs_dirent *e, *prev;

	e = dir_find(dir, name, len, &prev);
	if (!e)
		return -ENOENT;
	if (!S_ISDIR(e->ip->mode))
		return -ENOTDIR;
	if (dir_of(e->ip)->count)
		return -ENOTEMPTY;
	dir_remove(dir, e, prev);
	return 0;
}

/*
 * rename(2) inside one tmpfs. The new entry is allocated before anything
 * changes, so -ENOMEM leaves both directories as they were.
 */
static int tmpfs_rename(struct inode *odir, const char *oname, size_t olen,
			struct inode *ndir, const char *nname, size_t nlen)
{
	struct tmpfs_dirent *oe, *oprev, *ne, *nprev, *moved;
	struct inode *ip;

	oe = dir_find(odir, oname, olen, &oprev);
	if (!oe)
		return -ENOENT;
	if (ndir->nlink == 0)
		return -ENOENT;
	ip = oe->ip;
	ne = dir_find(ndir, nname, nlen, &nprev);
	if (ne && S_ISDIR(ne->ip->mode) && dir_of(ne->ip)->count)
		return -ENOTEMPTY;
	moved = dirent_new(nname, nlen, ip);
	if (!moved)
		return -ENOMEM;
	/* Point of no return. Hold ip across its zero-link moment. */
	iget(ip);
	if (ne)
		dir_remove(ndir, ne, nprev);
	oe = dir_find(odir, oname, olen, &oprev);	/* prev may be stale */
	dir_remove(odir, oe, oprev);
	dir_add(ndir, moved);
	if (S_ISDIR(ip->mode))
		ip->nlink++;		/* dir_remove dropped "." too */
	inode_touch(ip, false, false, true);
	iput(ip);
	return 0;
}

static int tmpfs_getdents(struct inode *dir, int64_t *pos,
			  vfs_filldir_t fill, void *ctx)
{
	struct tmpfs_dir *d = dir_of(dir);
	struct vfs_dirent de;
	struct tmpfs_dirent *e;

	if (*pos == 0) {
		de = (struct vfs_dirent){ ".", 1, dir->ino, DT_DIR, 1 };
		if (fill(ctx, &de))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		struct inode *up = d->parent ? d->parent : dir;

		de = (struct vfs_dirent){ "..", 2, up->ino, DT_DIR, 2 };
		if (fill(ctx, &de))
			return 0;
		*pos = 2;
	}
	for (e = d->head; e; e = e->next) {
		if (e->cookie < *pos)
			continue;
		de = (struct vfs_dirent){ e->name, e->len, e->ip->ino,
					  IFTODT(e->ip->mode), e->cookie + 1 };
		if (fill(ctx, &de))
			return 0;
		*pos = e->cookie + 1;
	}
	inode_touch(dir, true, false, false);
	return 0;
}

static void tmpfs_evict(struct inode *ip)
{
	if (S_ISDIR(ip->mode))
		kfree(ip->priv);
	else if (S_ISREG(ip->mode))
		tmpfs_file_free(ip);
	else if (S_ISLNK(ip->mode))
		tmpfs_symlink_free(ip);
	inode_free(ip);
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
	root = tmpfs_inode(sb, S_IFDIR | (mode & 07777), NULL);
	if (!root) {
		kfree(sb);
		return NULL;
	}
	root->nlink = 2;		/* "." and its own ".." */
	dir_of(root)->parent = root;
	sb->root = root;		/* the superblock's reference */
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
		struct tmpfs_dirent *e = d->head;

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
		dir_remove(cur, e, NULL);
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
