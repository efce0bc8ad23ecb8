/*
 * kernel/sys/sys_fsutil.c - what the file system calls share: path
 * copy-in, *at() directory contexts, and naming a directory by walking
 * ".." (getcwd and the two-directory *at() calls).
 *
 * Owns nothing between calls: each helper hands its caller references
 * and buffers that the matching put/end releases. Runs in process
 * context on behalf of current. Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "exec.h"
#include "uaccess.h"
#include "mm.h"
#include "sys_fs.h"

int user_path(const char __user *upath, bool empty_ok, char **out)
{
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = strncpy_from_user(buf, upath, PATH_MAX);
	if (len == 0 && !empty_ok)
		len = -ENOENT;
	if (len < 0) {
		kfree(buf);
		return (int)len;
	}
	*out = buf;
	return 0;
}

void path_put(char *path)
{
	kfree(path);
}

bool user_range_ok(const void __user *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;

	return a <= USER_VTOP && n <= USER_VTOP - a;
}

int at_begin(struct at_ctx *a, int dirfd, const char *path)
{
	struct file *f;

	proc_vfs_ctx(current, &a->ctx, &a->cred);
	a->dirf = NULL;
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	if (fd_get(current->files, dirfd, &f))
		return -EBADF;
	if (!f->inode || !S_ISDIR(f->inode->mode)) {
		file_put(f);
		return -ENOTDIR;
	}
	a->dirf = f;
	a->ctx.cwd = f->inode;
	return 0;
}

void at_end(struct at_ctx *a)
{
	file_put(a->dirf);
	a->dirf = NULL;
}

/* The inode dirfd itself names (AT_EMPTY_PATH): any open file with an
 * inode, or the cwd for AT_FDCWD. */
static int at_self(int dirfd, struct inode **out)
{
	struct file *f;

	if (dirfd == AT_FDCWD) {
		*out = iget(current->fs->cwd);
		return 0;
	}
	if (fd_get(current->files, dirfd, &f))
		return -EBADF;
	*out = f->inode ? iget(f->inode) : NULL;
	file_put(f);
	return *out ? 0 : -EBADF;
}

int at_lookup(int dirfd, const char __user *upath, int lookup_flags,
	      int at_flags, struct inode **out)
{
	struct at_ctx a;
	char *path;
	int err;

	err = user_path(upath, at_flags & AT_EMPTY_PATH, &path);
	if (err)
		return err;
	if (path[0] == '\0') {
		err = at_self(dirfd, out);
		goto out_put_path;
	}
	err = at_begin(&a, dirfd, path);
	if (err)
		goto out_put_path;
	err = vfs_lookup(&a.ctx, path, lookup_flags, out);
	at_end(&a);
out_put_path:
	path_put(path);
	return err;
}

/* ---- naming a directory ---- */

struct name_search {
	uint32_t ino;		 /* the entry wanted */
	char name[NAME_MAX + 1]; /* its name, once found */
	size_t len;
	bool found;
};

static int name_fill(void *ctx, const struct vfs_dirent *de)
{
	struct name_search *s = ctx;

	if (de->ino != s->ino || de->namelen > NAME_MAX ||
	    (de->name[0] == '.' &&
	     (de->namelen == 1 || (de->namelen == 2 && de->name[1] == '.'))))
		return 0;
	memcpy(s->name, de->name, de->namelen);
	s->len = de->namelen;
	s->found = true;
	return 1;
}

/*
 * One step up: the directory containing cur (crossing a mount root to
 * its mountpoint's parent) in *up, and cur's name there in s. *up ==
 * NULL at the top of the whole tree.
 */
static int step_up(struct inode *cur, struct inode **up, struct name_search *s)
{
	struct inode *child = cur->mnt_root ? cur->mnt_root->mountpoint : cur;
	int64_t pos = 0;
	int err;

	err = child->ops->lookup(child, "..", 2, up);
	if (err)
		return err;
	if (*up == child) { /* the root of everything */
		iput(*up);
		*up = NULL;
		return 0;
	}
	s->ino = child->ino;
	s->found = false;
	err = (*up)->ops->getdents
		      ? (*up)->ops->getdents(*up, &pos, name_fill, s)
		      : -ENOENT;
	if (!err && !s->found)
		err = -ENOENT;
	if (err < 0) {
		iput(*up);
		return err;
	}
	return 0;
}

long dir_path(struct inode *root, struct inode *dir, char *buf, size_t size)
{
	struct name_search *s = kmalloc(sizeof(*s));
	struct inode *cur = iget(dir), *up;
	size_t at = size - 1; /* the path is buf[at..size) */
	long err = 0;

	if (!s) {
		iput(cur);
		return -ENOMEM;
	}
	buf[at] = '\0';
	while (cur != root) {
		err = step_up(cur, &up, s);
		if (err || !up)
			break;
		iput(cur);
		cur = up;
		if (s->len + 1 > at) {
			err = -ERANGE;
			break;
		}
		at -= s->len;
		memcpy(buf + at, s->name, s->len);
		buf[--at] = '/';
	}
	iput(cur);
	kfree(s);
	if (err)
		return err;
	if (at == size - 1) {
		if (at == 0)
			return -ERANGE;
		buf[--at] = '/';
	}
	memmove(buf, buf + at, size - at);
	return (long)(size - at);
}
