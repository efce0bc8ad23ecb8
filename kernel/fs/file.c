/*
 * kernel/fs/file.c - open file descriptions: open(2), read, write, lseek,
 * getdents over struct file, with the default ops for inode-backed files.
 *
 * Owns: struct file objects. A file holds one reference on its inode
 * (if any) from file_alloc to its last file_put; ops->release runs
 * before that inode reference is dropped.
 * Invariants: refcount > 0 while reachable; flags never holds
 * O_CLOEXEC (a per-descriptor flag, kept by fdtable.c).
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "fsmem.h"

long file_live_count;

struct file *file_alloc(struct inode *ip, const struct file_ops *ops,
			uint32_t flags, void *priv)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->inode = ip ? iget(ip) : NULL;
	f->ops = ops;
	f->flags = flags & ~O_CLOEXEC;
	f->refcount = 1;
	f->priv = priv;
	file_live_count++;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refcount++;
	return f;
}

void file_put(struct file *f)
{
	if (!f)
		return;
	BUG_ON(f->refcount == 0);
	if (--f->refcount)
		return;
	if (f->ops && f->ops->release)
		f->ops->release(f);
	iput(f->inode);
	file_live_count--;
	kfree(f);
}

bool file_readable(const struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;

	return acc == O_RDONLY || acc == O_RDWR;
}

bool file_writable(const struct file *f)
{
	uint32_t acc = f->flags & O_ACCMODE;

	return acc == O_WRONLY || acc == O_RDWR;
}

/* ---- default ops for regular files and directories ---- */

static long vfile_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	struct inode *ip = f->inode;
	long got;

	if (!ip->ops->read)
		return -EINVAL;
	got = ip->ops->read(ip, buf, n, *pos);
	if (got > 0)
		*pos += got;
	return got;
}

static long vfile_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	struct inode *ip = f->inode;
	long put;

	if (!ip->ops->write)
		return -EINVAL;
	put = ip->ops->write(ip, buf, n, *pos);
	if (put > 0)
		*pos += put;
	return put;
}

/*
 * SEEK_DATA/SEEK_HOLE (lseek(2), Linux generic_file_llseek_size): with no
 * map of holes, all of a regular file is data and its one hole starts at
 * the end; an offset at or past the end (or negative) is -ENXIO.
 */
static int64_t seek_data_hole(struct file *f, int64_t off, int whence)
{
	int64_t size = f->inode->size;

	if (!S_ISREG(f->inode->mode))
		return -EINVAL;
	if (off < 0 || off >= size)
		return -ENXIO;
	f->pos = whence == SEEK_HOLE ? size : off;
	return f->pos;
}

static int64_t vfile_lseek(struct file *f, int64_t off, int whence)
{
	int64_t base;

	switch (whence) {
	case SEEK_DATA:
	case SEEK_HOLE:
		return seek_data_hole(f, off, whence);
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = f->inode->size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

static int vfile_getdents(struct file *f, vfs_filldir_t fill, void *ctx)
{
	struct inode *ip = f->inode;

	if (!S_ISDIR(ip->mode) || !ip->ops->getdents)
		return -ENOTDIR;
	if (ip->nlink == 0)
		return -ENOENT;
	return ip->ops->getdents(ip, &f->pos, fill, ctx);
}

const struct file_ops vfs_file_ops = {
	.read = vfile_read,
	.write = vfile_write,
	.lseek = vfile_lseek,
	.getdents = vfile_getdents,
};

/* ---- opening ---- */

int file_open_inode(struct inode *ip, uint32_t flags, struct file **out)
{
	const struct file_ops *ops = ip->fops ? ip->fops : &vfs_file_ops;
	struct file *f;
	int err;

	if (S_ISCHR(ip->mode)) {
		ops = chrdev_lookup(ip->rdev);
		if (!ops)
			return -ENXIO;
	} else if (!S_ISREG(ip->mode) && !S_ISDIR(ip->mode) && !ip->fops) {
		return -ENXIO; /* FIFOs and sockets: no driver */
	}
	f = file_alloc(ip, ops, flags, NULL);
	if (!f)
		return -ENOMEM;
	err = ops->open ? ops->open(ip, f) : 0;
	if (err) {
		f->ops = NULL; /* no release after a failed open */
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

/* open(2) access checks on an existing inode. */
static int open_check(const struct vfs_ctx *ctx, struct inode *ip,
		      uint32_t flags)
{
	uint32_t acc = flags & O_ACCMODE;
	int mask = 0;

	if (S_ISLNK(ip->mode))
		return -ELOOP; /* only reached with O_NOFOLLOW */
	if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode))
		return -ENOTDIR;
	if (S_ISDIR(ip->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (acc == O_RDONLY || acc == O_RDWR)
		mask |= MAY_READ;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		mask |= MAY_WRITE;
	return vfs_permission(ip, mask, ctx->cred);
}

/* O_CREAT: find or create the last component of path. */
static int open_create(const struct vfs_ctx *ctx, const char *path,
		       uint32_t flags, uint32_t mode, struct inode **out,
		       bool *created)
{
	char *name;
	struct inode *dir;
	bool trailing;
	int err;

	*created = false;
	err = vfs_lookup(ctx, path,
			 (flags & (O_EXCL | O_NOFOLLOW)) ? 0 : LOOKUP_FOLLOW,
			 out);
	if (!err)
		return (flags & O_EXCL) ? (iput(*out), -EEXIST) : 0;
	if (err != -ENOENT)
		return err;
	name = kmalloc(NAME_MAX + 1);
	if (!name)
		return -ENOMEM;
	err = vfs_lookup_create(ctx, path, &dir, name, &trailing);
	if (!err) {
		if (trailing || name[0] == '\0' || strcmp(name, ".") == 0 ||
		    strcmp(name, "..") == 0)
			err = -EISDIR;
		else
			err = vfs_create(ctx, dir, name, mode, out);
		iput(dir);
	}
	kfree(name);
	*created = !err;
	return err;
}

int file_open(const struct vfs_ctx *ctx, const char *path, uint32_t flags,
	      uint32_t mode, struct file **out)
{
	struct inode *ip;
	bool created = false;
	int err;

	if (flags & O_CREAT)
		err = open_create(ctx, path, flags, mode, &ip, &created);
	else
		err = vfs_lookup(ctx, path,
				 (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &ip);
	if (err)
		return err;
	if (!created)
		err = open_check(ctx, ip, flags);
	if (!err && (flags & O_TRUNC) && S_ISREG(ip->mode) &&
	    (flags & O_ACCMODE) != O_RDONLY && ip->size)
		err = vfs_truncate(ip, 0);
	if (!err)
		err = file_open_inode(ip, flags, out);
	iput(ip);
	return err;
}

/* ---- I/O ---- */

long file_read(struct file *f, void *buf, size_t n)
{
	if (!file_readable(f))
		return -EBADF;
	if (f->inode && S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (!f->ops->read)
		return -EINVAL;
	return f->ops->read(f, buf, n, &f->pos);
}

long file_write(struct file *f, const void *buf, size_t n)
{
	if (!file_writable(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	if ((f->flags & O_APPEND) && f->inode && S_ISREG(f->inode->mode))
		f->pos = f->inode->size;
	return f->ops->write(f, buf, n, &f->pos);
}

long file_pread(struct file *f, void *buf, size_t n, int64_t off)
{
	if (!file_readable(f))
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (f->inode && S_ISDIR(f->inode->mode))
		return -EISDIR;
	if (off < 0)
		return -EINVAL;
	if (!f->ops->read)
		return -EINVAL;
	return f->ops->read(f, buf, n, &off);
}

/* Linux quirk kept: pwrite on an O_APPEND file appends (pwrite(2) BUGS). */
long file_pwrite(struct file *f, const void *buf, size_t n, int64_t off)
{
	if (!file_writable(f))
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (off < 0)
		return -EINVAL;
	if (!f->ops->write)
		return -EINVAL;
	if ((f->flags & O_APPEND) && f->inode && S_ISREG(f->inode->mode))
		off = f->inode->size;
	return f->ops->write(f, buf, n, &off);
}

int64_t file_lseek(struct file *f, int64_t off, int whence)
{
	if (!f->ops->lseek)
		return -ESPIPE;
	return f->ops->lseek(f, off, whence);
}

int file_getdents(struct file *f, vfs_filldir_t fill, void *ctx)
{
	if (!f->ops->getdents)
		return -ENOTDIR;
	return f->ops->getdents(f, fill, ctx);
}
