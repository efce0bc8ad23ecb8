/*
 * kernel/fs/namei.c - path resolution (path_resolution(7)).
 *
 * Owns nothing between calls. A walk holds exactly one inode reference,
 * on the directory it stands in (w->cur), plus two PATH_MAX buffers:
 * the rest of the path to resolve and a scratch buffer for splicing in
 * a symlink's target. A symlink is followed by replacing the component
 * with its target in the remaining path, so nesting costs no stack;
 * every follow counts against SYMLOOP_MAX (Linux MAXSYMLINKS, 40).
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fsmem.h"

struct walk {
	const struct vfs_ctx *ctx;
	struct inode *cur; /* referenced: where the walk stands */
	int links;	   /* symlinks followed so far */
	char *path;	   /* PATH_MAX: what is left to resolve */
	char *tmp;	   /* PATH_MAX: splice buffer */
};

static int walk_init(struct walk *w, const struct vfs_ctx *ctx,
		     const char *path)
{
	size_t len = strnlen(path, PATH_MAX);

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	w->ctx = ctx;
	w->links = 0;
	w->path = fs_page_alloc();
	w->tmp = fs_page_alloc();
	if (!w->path || !w->tmp) {
		fs_page_free(w->path);
		fs_page_free(w->tmp);
		return -ENOMEM;
	}
	memcpy(w->path, path, len + 1);
	w->cur = iget(ctx->cwd);
	return 0;
}

static void walk_done(struct walk *w)
{
	iput(w->cur);
	fs_page_free(w->path);
	fs_page_free(w->tmp);
}

/* Replace a mountpoint with the root mounted on it (consumes ip). */
static struct inode *cross_mounts(struct inode *ip)
{
	while (ip->mounted) {
		struct inode *root = iget(ip->mounted->root);

		iput(ip);
		ip = root;
	}
	return ip;
}

static void walk_set(struct walk *w, struct inode *ip)
{
	iput(w->cur);
	w->cur = ip;
}

/*
 * "..": stays at the process root; at a mount root, continues from the
 * mountpoint (repeatedly for stacked mounts) and asks that file system.
 */
static int walk_dotdot(struct walk *w)
{
	struct inode *ip = w->cur, *parent;
	int err;

	for (;;) {
		if (ip == w->ctx->root)
			return 0;
		if (!ip->mnt_root)
			break;
		ip = ip->mnt_root->mountpoint;
	}
	err = ip->ops->lookup(ip, "..", 2, &parent);
	if (err)
		return err;
	walk_set(w, cross_mounts(parent));
	return 0;
}

/*
 * Splice the target of symlink ln in front of rest (what follows the
 * component; need_slash keeps a trailing slash). An absolute target
 * restarts at the process root. *p is set to the new remaining path.
 */
static int walk_follow(struct walk *w, struct inode *ln, char **p,
		       bool need_slash)
{
	size_t rest = strlen(*p);
	char *swap;
	int tlen;

	if (++w->links > SYMLOOP_MAX)
		return -ELOOP;
	if (!ln->ops->readlink)
		return -EINVAL;
	tlen = ln->ops->readlink(ln, w->tmp, PATH_MAX - 1);
	if (tlen < 0)
		return tlen;
	if (tlen == 0)
		return -ENOENT;
	if ((size_t)tlen + 1 + rest + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	if (need_slash || rest)
		w->tmp[tlen++] = '/';
	memcpy(w->tmp + tlen, *p, rest + 1);
	swap = w->path;
	w->path = w->tmp;
	w->tmp = swap;
	*p = w->path;
	return 0;
}

static bool is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * In parent mode with LOOKUP_FOLLOW: if the last component name[0..len)
 * is a symlink, splice its target in (the walk restarts: 1), else leave
 * it to the caller (0). A missing name is not an error here.
 */
static int follow_last(struct walk *w, const char *name, size_t len, char **p,
		       bool slash)
{
	struct inode *child;
	int err;

	if (is_dot(name, len) || is_dotdot(name, len))
		return 0;
	err = w->cur->ops->lookup(w->cur, name, len, &child);
	if (err)
		return err == -ENOENT ? 0 : err;
	if (!S_ISLNK(child->mode)) {
		iput(child);
		return 0;
	}
	err = walk_follow(w, child, p, slash);
	iput(child);
	return err ? err : 1;
}

/*
 * The walk proper. With last != NULL it stops before the last component
 * and copies it there (parent mode; with LOOKUP_FOLLOW a symlink there
 * is followed first). *slash reports a trailing slash.
 */
static int walk_path(struct walk *w, int flags, char *last, bool *slash)
{
	char *p = w->path;
	int err;

restart:
	if (*p == '/')
		walk_set(w, iget(w->ctx->root));
	while (*p == '/')
		p++;
	*slash = true;
	if (last)
		last[0] = '\0';
	if (!*p)
		return 0;
	for (;;) {
		const char *name = p;
		struct inode *child;
		size_t len;
		bool is_last;

		while (*p && *p != '/')
			p++;
		len = p - name;
		*slash = *p == '/';
		while (*p == '/')
			p++;
		is_last = !*p;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!S_ISDIR(w->cur->mode))
			return -ENOTDIR;
		err = vfs_permission(w->cur, MAY_EXEC, w->ctx->cred);
		if (err)
			return err;
		if (last && is_last && (flags & LOOKUP_FOLLOW)) {
			err = follow_last(w, name, len, &p, *slash);
			if (err < 0)
				return err;
			if (err)
				goto restart;
		}
		if (last && is_last) {
			memcpy(last, name, len);
			last[len] = '\0';
			return 0;
		}
		if (is_dot(name, len)) {
			err = 0;
		} else if (is_dotdot(name, len)) {
			err = walk_dotdot(w);
		} else {
			err = w->cur->ops->lookup(w->cur, name, len, &child);
			if (err)
				return err;
			child = cross_mounts(child);
			if (S_ISLNK(child->mode) &&
			    (!is_last || *slash || (flags & LOOKUP_FOLLOW))) {
				err = walk_follow(w, child, &p, *slash);
				iput(child);
				if (err)
					return err;
				goto restart;
			}
			walk_set(w, child);
		}
		if (err)
			return err;
		if (is_last)
			return 0;
	}
}

int vfs_lookup(const struct vfs_ctx *ctx, const char *path, int flags,
	       struct inode **out)
{
	struct walk w;
	bool slash;
	int err;

	err = walk_init(&w, ctx, path);
	if (err)
		return err;
	err = walk_path(&w, flags, NULL, &slash);
	if (!err && (slash || (flags & LOOKUP_DIRECTORY)) &&
	    !S_ISDIR(w.cur->mode))
		err = -ENOTDIR;
	if (!err)
		*out = iget(w.cur);
	walk_done(&w);
	return err;
}

static int lookup_parent(const struct vfs_ctx *ctx, const char *path, int flags,
			 struct inode **dir, char *name, bool *trailing)
{
	struct walk w;
	int err;

	err = walk_init(&w, ctx, path);
	if (err)
		return err;
	err = walk_path(&w, flags, name, trailing);
	if (!err && !S_ISDIR(w.cur->mode))
		err = -ENOTDIR;
	if (!err)
		*dir = iget(w.cur);
	walk_done(&w);
	return err;
}

int vfs_lookup_parent(const struct vfs_ctx *ctx, const char *path,
		      struct inode **dir, char *name, bool *trailing)
{
	return lookup_parent(ctx, path, 0, dir, name, trailing);
}

int vfs_lookup_create(const struct vfs_ctx *ctx, const char *path,
		      struct inode **dir, char *name, bool *trailing)
{
	return lookup_parent(ctx, path, LOOKUP_FOLLOW, dir, name, trailing);
}
