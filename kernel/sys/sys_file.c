/*
 * kernel/sys/sys_file.c - system calls on open files: open(2), openat,
 * creat, close, read(2), write, readv, writev, pread64, pwrite64,
 * lseek(2), _llseek, getdents64(2), ftruncate, fsync, fdatasync, sync.
 *
 * Owns nothing. Each call checks its untrusted arguments, then calls
 * kernel/fs; user data moves through a one-page kernel bounce buffer,
 * since file ops take kernel buffers. A file reference from fd_get is
 * held across the call, so a concurrent close cannot free the file
 * under a blocked read. Errors and their order follow the Linux man
 * pages: a bad fd (EBADF) before a bad buffer (EFAULT).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "uaccess.h"
#include "mm.h"
#include "sys_fs.h"
#include "uapi/uio.h"

#define BOUNCE_SIZE PAGE_SIZE /* bytes moved per file op call */

/* File status flags open(2) consumes and F_GETFL does not report. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)

/* ---- open and close ---- */

/*
 * openat(2): the fd is reserved before the open so -EMFILE comes first
 * (after a bad path name) and a successful open cannot fail later.
 */
long sys_openat(int dirfd, const char __user *upath, uint32_t flags,
		uint32_t mode)
{
	struct at_ctx a;
	struct file *f;
	char *path;
	int fd, err;

	/* Linux 6.4 on: a directory cannot be created by open(2). */
	if ((flags & (O_CREAT | O_DIRECTORY)) == (O_CREAT | O_DIRECTORY))
		return -EINVAL;
	err = user_path(upath, false, &path);
	if (err)
		return err;
	fd = fd_alloc(current->files, 0);
	if (fd < 0) {
		err = fd;
		goto out_put_path;
	}
	err = at_begin(&a, dirfd, path);
	if (err)
		goto out_unreserve;
	mode = (mode & 07777) & ~current->fs->umask;
	err = file_open(&a.ctx, path, flags, mode, &f);
	at_end(&a);
	if (err)
		goto out_unreserve;
	f->flags &= ~OPEN_ONLY_FLAGS;
	fd_install(current->files, fd, f, flags & O_CLOEXEC);
	path_put(path);
	return fd;

out_unreserve:
	fd_unreserve(current->files, fd);
out_put_path:
	path_put(path);
	return err;
}

long sys_open(const char __user *upath, uint32_t flags, uint32_t mode)
{
	return sys_openat(AT_FDCWD, upath, flags, mode);
}

/* creat(2) is open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
long sys_creat(const char __user *upath, uint32_t mode)
{
	return sys_openat(AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_close(int fd)
{
	return fd_close(current->files, fd);
}

/* ---- read and write ---- */

/* A stream (pipe, tty) has no offset; a read returns what one op gave. */
static bool is_stream(const struct file *f)
{
	return !f->ops->lseek;
}

/*
 * Move up to n bytes between the user buffer ubuf and f: directly when
 * f has read_user/write_user (pipes; the null devices, which never touch
 * the buffer), else one bounce page at a time, at *off (pread/pwrite) or
 * at f->pos (off NULL).
 * Stops at a short transfer; a stream read stops after one op, because
 * a second op could block although data was returned. A buffer that runs
 * into a page the caller cannot touch ends the transfer there: each
 * piece is cut to the bytes before that page before the file op runs, so
 * the offset moves only by what reached the caller (Linux filemap_read,
 * generic_perform_write). Returns bytes moved if any, else the error
 * (-EFAULT when the first byte faults).
 */
static long rw_user(struct file *f, void __user *ubuf, size_t n, bool write,
		    int64_t *off)
{
	char *kbuf;
	size_t done = 0;
	long r = 0;

	/* a stream has no offset: pread and pwrite go on to -ESPIPE */
	if (write && f->ops->write_user && (!off || !is_stream(f)))
		return f->ops->write_user(f, ubuf, n);
	if (!write && f->ops->read_user && (!off || !is_stream(f)))
		return f->ops->read_user(f, ubuf, n);
	kbuf = kmalloc(BOUNCE_SIZE);
	if (!kbuf)
		return -ENOMEM;
	do {
		char __user *u = (char __user *)ubuf + done;
		size_t chunk =
			user_access_len(u, MIN(n - done, BOUNCE_SIZE), !write);

		if (chunk == 0) {
			r = -EFAULT;
			break;
		}
		if (write && copy_from_user(kbuf, u, chunk)) {
			r = -EFAULT;
			break;
		}
		if (off)
			r = write ? file_pwrite(f, kbuf, chunk, *off)
				  : file_pread(f, kbuf, chunk, *off);
		else
			r = write ? file_write(f, kbuf, chunk)
				  : file_read(f, kbuf, chunk);
		if (r <= 0)
			break;
		if (!write && copy_to_user(u, kbuf, r)) {
			r = -EFAULT;
			break;
		}
		done += r;
		if (off)
			*off += r;
		if ((size_t)r < chunk || (!write && is_stream(f)))
			break;
	} while (done < n);
	kfree(kbuf);
	return done ? (long)done : r;
}

/* The common checks of read/write/pread/pwrite, then the transfer. */
static long rw_fd(int fd, void __user *ubuf, size_t n, bool write, int64_t *off)
{
	struct file *f;
	long r;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (write ? !file_writable(f) : !file_readable(f))
		r = -EBADF;
	else if (!user_range_ok(ubuf, n))
		r = -EFAULT;
	else if (off && (uint64_t)*off + n > (uint64_t)INT64_MAX)
		r = -EINVAL; /* the range ends past the largest offset */
	else if (n == 0)
		r = write ? file_write(f, NULL, 0) : file_read(f, NULL, 0);
	else
		r = rw_user(f, ubuf, MIN(n, RW_COUNT_MAX), write, off);
	file_put(f);
	return r;
}

long sys_read(int fd, void __user *ubuf, size_t n)
{
	return rw_fd(fd, ubuf, n, false, NULL);
}

long sys_write(int fd, const void __user *ubuf, size_t n)
{
	return rw_fd(fd, (void __user *)ubuf, n, true, NULL);
}

/* i386 passes the 64-bit offset as two registers, low word first. */
long sys_pread64(int fd, void __user *ubuf, size_t n, uint32_t lo, uint32_t hi)
{
	int64_t off = (int64_t)(((uint64_t)hi << 32) | lo);

	if (off < 0)
		return -EINVAL;
	return rw_fd(fd, ubuf, n, false, &off);
}

long sys_pwrite64(int fd, const void __user *ubuf, size_t n, uint32_t lo,
		  uint32_t hi)
{
	int64_t off = (int64_t)(((uint64_t)hi << 32) | lo);

	if (off < 0)
		return -EINVAL;
	return rw_fd(fd, (void __user *)ubuf, n, true, &off);
}

/*
 * Copy in and check an iovec array in Linux's order (lib/iov_iter.c
 * __import_iovec): -EINVAL for a count outside 0..IOV_MAX or for any
 * length above SSIZE_MAX, then -EFAULT for any piece outside user space;
 * lengths past a total of RW_COUNT_MAX are cut (the call moves that
 * much at most, as read and write do), not refused. -ENOMEM.
 */
static long iov_get(const struct iovec_u __user *uiov, int cnt,
		    struct iovec_u **out)
{
	struct iovec_u *iov;
	uint32_t total = 0;
	long err = 0;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	iov = kmalloc(cnt * sizeof(*iov) + 1);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, uiov, cnt * sizeof(*iov)))
		err = -EFAULT;
	for (int i = 0; !err && i < cnt; i++)
		if (iov[i].len > 0x7fffffffu)
			err = -EINVAL;
	for (int i = 0; !err && i < cnt; i++) {
		if (!user_range_ok((void __user *)iov[i].base, iov[i].len))
			err = -EFAULT;
		iov[i].len = MIN(iov[i].len, RW_COUNT_MAX - total);
		total += iov[i].len;
	}
	if (err) {
		kfree(iov);
		return err;
	}
	*out = iov;
	return 0;
}

/*
 * readv(2)/writev(2): each piece moves in turn until one comes up short;
 * a stream read stops once it has data (another op could block).
 */
static long rw_vec(int fd, const struct iovec_u __user *uiov, int cnt,
		   bool write)
{
	struct iovec_u *iov;
	struct file *f;
	long r = 0, done = 0;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (write ? !file_writable(f) : !file_readable(f)) {
		file_put(f);
		return -EBADF;
	}
	r = iov_get(uiov, cnt, &iov);
	if (r) {
		file_put(f);
		return r;
	}
	for (int i = 0; i < cnt; i++) {
		if (iov[i].len == 0)
			continue;
		if (!write && done && is_stream(f))
			break;
		r = rw_user(f, (void __user *)iov[i].base, iov[i].len, write,
			    NULL);
		if (r <= 0)
			break;
		done += r;
		if ((uint32_t)r < iov[i].len)
			break;
	}
	kfree(iov);
	file_put(f);
	return done ? done : r;
}

long sys_readv(int fd, const struct iovec_u __user *uiov, int cnt)
{
	return rw_vec(fd, uiov, cnt, false);
}

long sys_writev(int fd, const struct iovec_u __user *uiov, int cnt)
{
	return rw_vec(fd, uiov, cnt, true);
}

/* ---- offsets ---- */

/* lseek(2) with a 32-bit off_t: -EOVERFLOW past 2^31 - 1. */
long sys_lseek(int fd, int32_t off, int whence)
{
	struct file *f;
	int64_t r;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	r = file_lseek(f, off, whence);
	file_put(f);
	if (r > 0x7fffffff)
		return -EOVERFLOW;
	return (long)r;
}

/* _llseek(2): the offset is hi:lo, the result goes to *uresult. */
long sys__llseek(int fd, uint32_t hi, uint32_t lo, int64_t __user *uresult,
		 int whence)
{
	int64_t off = (int64_t)(((uint64_t)hi << 32) | lo), r;
	struct file *f;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	r = file_lseek(f, off, whence);
	file_put(f);
	if (r < 0)
		return (long)r;
	return copy_to_user(uresult, &r, sizeof(r)) ? -EFAULT : 0;
}

/* ---- directories ---- */

/* struct linux_dirent64: header bytes before d_name. */
#define DIRENT64_HDR 19

struct dirent_out {
	char __user *ubuf; /* user buffer */
	size_t size, used; /* bytes */
	int err;
};

static int dirent64_fill(void *ctx, const struct vfs_dirent *de)
{
	struct dirent_out *o = ctx;
	size_t reclen = ALIGN_UP(DIRENT64_HDR + de->namelen + 1, 8);
	uint8_t rec[ALIGN_UP(DIRENT64_HDR + NAME_MAX + 1, 8)];
	uint64_t ino = de->ino;
	uint16_t rl = reclen;

	if (o->used + reclen > o->size) {
		if (o->used == 0)
			o->err = -EINVAL; /* buffer too small */
		return 1;
	}
	memset(rec, 0, reclen);
	memcpy(rec, &ino, 8);
	memcpy(rec + 8, &de->next, 8);
	memcpy(rec + 16, &rl, 2);
	rec[18] = de->type;
	memcpy(rec + DIRENT64_HDR, de->name, de->namelen);
	if (copy_to_user(o->ubuf + o->used, rec, reclen)) {
		o->err = -EFAULT;
		return 1;
	}
	o->used += reclen;
	return 0;
}

long sys_getdents64(int fd, void __user *udirp, uint32_t count)
{
	struct dirent_out o = {.ubuf = udirp, .size = count};
	struct file *f;
	int err;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (!user_range_ok(udirp, count))
		err = -EFAULT;
	else
		err = file_getdents(f, dirent64_fill, &o);
	file_put(f);
	if (err < 0)
		return err;
	if (o.err && (o.used == 0 || o.err == -EFAULT))
		return o.err;
	return (long)o.used;
}

/* ---- size and durability ---- */

/* ftruncate(2): a regular file open for writing, else -EINVAL. */
static long do_ftruncate(int fd, int64_t len)
{
	struct file *f;
	long err;

	if (len < 0)
		return -EINVAL;
	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (!f->inode || !S_ISREG(f->inode->mode) || !file_writable(f))
		err = -EINVAL;
	else
		err = vfs_truncate(f->inode, len);
	file_put(f);
	return err;
}

long sys_ftruncate(int fd, int32_t len)
{
	return do_ftruncate(fd, len);
}

long sys_ftruncate64(int fd, uint32_t lo, uint32_t hi)
{
	return do_ftruncate(fd, (int64_t)(((uint64_t)hi << 32) | lo));
}

/* tmpfs is always in sync; fsync of a pipe, tty or device is -EINVAL. */
long sys_fsync(int fd)
{
	struct file *f;
	long err = 0;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (!f->inode || !(S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode)))
		err = -EINVAL;
	file_put(f);
	return err;
}

long sys_fdatasync(int fd)
{
	return sys_fsync(fd);
}

long sys_sync(void)
{
	return 0;
}
