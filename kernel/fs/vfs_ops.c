/*
 * kernel/fs/vfs_ops.c - the path-level operations behind mkdir, mknod,
 * unlink, rmdir, link, symlink, readlink and rename: errno rules of the
 * Linux man pages, permission checks, then the file system's inode op.
 *
 * Owns nothing between calls; each operation holds the parent
 * directory (and child) references it looked up and drops them on
 * every path out. Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fsmem.h"

enum last_kind { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* A parent directory and the last component of a path. */
struct nparent {
	struct inode *dir; /* referenced */
	char name[NAME_MAX + 1];
	size_t len;
	bool trailing;
	enum last_kind kind;
};

static int parent_get(const struct vfs_ctx *ctx, const char *path,
		      struct nparent *np)
{
	int err =
		vfs_lookup_parent(ctx, path, &np->dir, np->name, &np->trailing);

	if (err)
		return err;
	np->len = strlen(np->name);
	if (np->len == 0)
		np->kind = LAST_ROOT;
	else if (strcmp(np->name, ".") == 0)
		np->kind = LAST_DOT;
	else if (strcmp(np->name, "..") == 0)
		np->kind = LAST_DOTDOT;
	else
		np->kind = LAST_NORM;
	return 0;
}

/* The inode named by np (not crossing mounts), or -ENOENT. */
static int parent_child(struct nparent *np, struct inode **out)
{
	return np->dir->ops->lookup(np->dir, np->name, np->len, out);
}

/* -EEXIST when np names something, else 0 (or a lookup error). */
static int parent_must_be_free(struct nparent *np)
{
	struct inode *ip;
	int err;

	if (np->kind != LAST_NORM)
		return -EEXIST;
	err = parent_child(np, &ip);
	if (err == -ENOENT)
		return 0;
	if (!err) {
		iput(ip);
		err = -EEXIST;
	}
	return err;
}

static int may_create(struct inode *dir, const struct cred *cr)
{
	return vfs_permission(dir, MAY_WRITE | MAY_EXEC, cr);
}

int vfs_create(const struct vfs_ctx *ctx, struct inode *dir, const char *name,
	       uint32_t mode, struct inode **out)
{
	size_t len = strlen(name);
	int err;

	if (!dir->ops->create)
		return -EPERM;
	err = may_create(dir, ctx->cred);
	if (err)
		return err;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	return dir->ops->create(dir, name, len, S_IFREG | (mode & 07777),
				ctx->cred, out);
}

/*
 * new_name - where a new name (mkdir, mknod, symlink) goes: the parent of
 * path, which must not hold that name yet (-EEXIST) and must let the
 * caller create in it (-EACCES). A trailing slash is -ENOENT unless
 * dir_ok (mkdir takes "d/"). Returns 0 with np->dir referenced (the
 * caller puts it), or an error with nothing held.
 */
static int new_name(const struct vfs_ctx *ctx, const char *path, bool dir_ok,
		    struct nparent *np)
{
	int err = parent_get(ctx, path, np);

	if (err)
		return err;
	err = parent_must_be_free(np);
	if (!err && np->trailing && !dir_ok)
		err = -ENOENT;
	if (!err)
		err = may_create(np->dir, ctx->cred);
	if (err)
		iput(np->dir);
	return err;
}

/*
 * The shared tail of mkdir and mknod: path becomes a new node of mode
 * (type bits included), a directory through ops->mkdir, anything else
 * through ops->mknod with rdev (-EPERM when the file system has no such
 * op). 0 or an error; nothing is left held.
 */
static int make_node(const struct vfs_ctx *ctx, const char *path, uint32_t mode,
		     uint32_t rdev)
{
	bool dir = (mode & S_IFMT) == S_IFDIR;
	const struct inode_ops *ops;
	struct nparent np;
	struct inode *ip;
	int err;

	err = new_name(ctx, path, dir, &np);
	if (err)
		return err;
	ops = np.dir->ops;
	if (dir ? !ops->mkdir : !ops->mknod)
		err = -EPERM;
	else if (dir)
		err = ops->mkdir(np.dir, np.name, np.len, mode, ctx->cred, &ip);
	else
		err = ops->mknod(np.dir, np.name, np.len, mode, rdev, ctx->cred,
				 &ip);
	if (!err)
		iput(ip);
	iput(np.dir);
	return err;
}

int vfs_mkdir(const struct vfs_ctx *ctx, const char *path, uint32_t mode)
{
	return make_node(ctx, path, S_IFDIR | (mode & 07777), 0);
}

int vfs_mknod(const struct vfs_ctx *ctx, const char *path, uint32_t mode,
	      uint32_t rdev)
{
	uint32_t type = mode & S_IFMT;

	if (type == 0)
		type = S_IFREG;
	/* Only the node types mknod(2) makes; the rest of S_IFMT names no
	 * type at all. */
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	return make_node(ctx, path, type | (mode & 07777), rdev);
}

/* A child that is a mountpoint or the process root cannot go away. */
static bool busy(const struct vfs_ctx *ctx, struct inode *ip)
{
	return ip->mounted || ip->mnt_root || ip == ctx->root;
}

/*
 * The end of unlink and rmdir: unless err is already set, the caller must
 * be allowed to change the directory and ip must not be busy; then op
 * removes the name (-EPERM without one). Puts ip (NULL is fine) and
 * np->dir. Returns 0 or the first error.
 */
static int remove_name(const struct vfs_ctx *ctx, struct nparent *np,
		       struct inode *ip, int err,
		       int (*op)(struct inode *, const char *, size_t))
{
	if (!err)
		err = may_create(np->dir, ctx->cred);
	if (!err && busy(ctx, ip))
		err = -EBUSY;
	if (!err)
		err = op ? op(np->dir, np->name, np->len) : -EPERM;
	iput(ip);
	iput(np->dir);
	return err;
}

int vfs_unlink(const struct vfs_ctx *ctx, const char *path)
{
	struct nparent np;
	struct inode *ip = NULL;
	int err;

	err = parent_get(ctx, path, &np);
	if (err)
		return err;
	err = np.kind == LAST_NORM ? parent_child(&np, &ip) : -EISDIR;
	if (!err && S_ISDIR(ip->mode))
		err = -EISDIR;
	else if (!err && np.trailing)
		err = -ENOTDIR;
	return remove_name(ctx, &np, ip, err, np.dir->ops->unlink);
}

int vfs_rmdir(const struct vfs_ctx *ctx, const char *path)
{
	static const int special[] = {
		[LAST_ROOT] = -EBUSY,
		[LAST_DOT] = -EINVAL,
		[LAST_DOTDOT] = -ENOTEMPTY,
	};
	struct nparent np;
	struct inode *ip = NULL;
	int err;

	err = parent_get(ctx, path, &np);
	if (err)
		return err;
	err = np.kind == LAST_NORM ? parent_child(&np, &ip) : special[np.kind];
	if (!err && !S_ISDIR(ip->mode))
		err = -ENOTDIR;
	return remove_name(ctx, &np, ip, err, np.dir->ops->rmdir);
}

int vfs_link(const struct vfs_ctx *ctx, const char *oldpath,
	     const char *newpath)
{
	struct nparent np;
	struct inode *ip;
	int err;

	err = vfs_lookup(ctx, oldpath, 0, &ip);
	if (err)
		return err;
	err = S_ISDIR(ip->mode) ? -EPERM : parent_get(ctx, newpath, &np);
	if (err)
		goto out_put_inode;
	err = parent_must_be_free(&np);
	if (!err && np.trailing)
		err = -ENOENT;
	if (!err && np.dir->sb != ip->sb)
		err = -EXDEV;
	if (!err)
		err = may_create(np.dir, ctx->cred);
	if (!err)
		err = np.dir->ops->link
			      ? np.dir->ops->link(np.dir, np.name, np.len, ip)
			      : -EPERM;
	iput(np.dir);
out_put_inode:
	iput(ip);
	return err;
}

int vfs_symlink(const struct vfs_ctx *ctx, const char *target,
		const char *linkpath)
{
	size_t tlen = strnlen(target, PATH_MAX);
	struct nparent np;
	struct inode *ip;
	int err;

	if (tlen == 0)
		return -ENOENT;
	if (tlen == PATH_MAX)
		return -ENAMETOOLONG;
	err = new_name(ctx, linkpath, false, &np);
	if (err)
		return err;
	if (!np.dir->ops->symlink)
		err = -EPERM;
	if (!err)
		err = np.dir->ops->symlink(np.dir, np.name, np.len, target,
					   ctx->cred, &ip);
	if (!err)
		iput(ip);
	iput(np.dir);
	return err;
}

int vfs_readlink(const struct vfs_ctx *ctx, const char *path, char *buf,
		 size_t size)
{
	struct inode *ip;
	int err;

	if (size == 0)
		return -EINVAL;
	err = vfs_lookup(ctx, path, 0, &ip);
	if (err)
		return err;
	if (!S_ISLNK(ip->mode) || !ip->ops->readlink)
		err = -EINVAL;
	else
		err = ip->ops->readlink(ip, buf, size);
	if (err >= 0)
		inode_touch(ip, true, false, false);
	iput(ip);
	return err;
}

/*
 * Is dir inside the tree of anc (or anc itself)? Walks ".." up to the
 * root of their common file system.
 */
static int is_ancestor(struct inode *anc, struct inode *dir, bool *inside)
{
	struct inode *ip = iget(dir), *up;
	int err = 0;

	*inside = false;
	while (ip != anc) {
		err = ip->ops->lookup(ip, "..", 2, &up);
		if (err)
			break;
		if (up == ip) {
			iput(up);
			break;
		}
		iput(ip);
		ip = up;
	}
	if (!err && ip == anc)
		*inside = true;
	iput(ip);
	return err;
}

/* The type rules of rename(2) between the source and an existing target. */
static int rename_check_target(struct inode *src, struct inode *dst)
{
	if (S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
		return -ENOTDIR;
	if (!S_ISDIR(src->mode) && S_ISDIR(dst->mode))
		return -EISDIR;
	return 0;
}

static int rename_checks(const struct vfs_ctx *ctx, struct nparent *o,
			 struct nparent *n, struct inode *src,
			 struct inode *dst)
{
	bool inside;
	int err;

	if ((o->trailing || n->trailing) && !S_ISDIR(src->mode))
		return -ENOTDIR;
	if (dst) {
		err = rename_check_target(src, dst);
		if (err)
			return err;
	}
	if (S_ISDIR(src->mode)) {
		err = is_ancestor(src, n->dir, &inside);
		if (err)
			return err;
		if (inside)
			return -EINVAL;
	}
	if (busy(ctx, src) || (dst && busy(ctx, dst)))
		return -EBUSY;
	err = may_create(o->dir, ctx->cred);
	if (!err)
		err = may_create(n->dir, ctx->cred);
	if (!err && S_ISDIR(src->mode) && o->dir != n->dir)
		err = vfs_permission(src, MAY_WRITE, ctx->cred);
	return err;
}

/* Both parents are held; look up the two children and rename. */
static int rename_parents(const struct vfs_ctx *ctx, struct nparent *o,
			  struct nparent *n)
{
	struct inode *src, *dst = NULL;
	int err;

	if (o->kind != LAST_NORM || n->kind != LAST_NORM)
		return -EBUSY;
	if (o->dir->sb != n->dir->sb)
		return -EXDEV;
	err = parent_child(o, &src);
	if (err)
		return err;
	err = parent_child(n, &dst);
	if (err == -ENOENT) {
		dst = NULL;
		err = 0;
	}
	if (err)
		goto out_put_src;
	if (src == dst)
		goto out_put_dst; /* same file: nothing to do */
	err = rename_checks(ctx, o, n, src, dst);
	if (!err)
		err = o->dir->ops->rename
			      ? o->dir->ops->rename(o->dir, o->name, o->len,
						    n->dir, n->name, n->len)
			      : -EPERM;
out_put_dst:
	iput(dst);
out_put_src:
	iput(src);
	return err;
}

int vfs_rename(const struct vfs_ctx *ctx, const char *oldpath,
	       const char *newpath)
{
	struct nparent *o, *n;
	int err = -ENOMEM;

	/* Two NAME_MAX buffers are too much for a kernel stack. */
	o = kmalloc(sizeof(*o));
	n = kmalloc(sizeof(*n));
	if (!o || !n)
		goto out_free;
	err = parent_get(ctx, oldpath, o);
	if (err)
		goto out_free;
	err = parent_get(ctx, newpath, n);
	if (err)
		goto out_put_old;
	err = rename_parents(ctx, o, n);
	iput(n->dir);
out_put_old:
	iput(o->dir);
out_free:
	kfree(o);
	kfree(n);
	return err;
}
