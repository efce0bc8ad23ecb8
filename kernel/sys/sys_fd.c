/*
 * kernel/sys/sys_fd.c - system calls on descriptors: dup(2), dup2, dup3,
 * fcntl(2) and fcntl64, pipe(2) and pipe2, ioctl(2).
 *
 * Owns nothing: slots live in current->files (kernel/fs/fdtable.c),
 * open file state in struct file. New descriptors are reserved before
 * anything is published, so a failure (-EMFILE, -EFAULT) leaves the
 * table as it was. Values and errors: Linux i386 fcntl(2), pipe(2),
 * ioctl(2), ioctl_tty(2) for the generic FIO* requests.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "pipe.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "sys_fs.h"
#include "uapi/ioctls.h"

long sys_dup(int fd)
{
	return fd_dup(current->files, fd);
}

long sys_dup2(int oldfd, int newfd)
{
	return fd_dup2(current->files, oldfd, newfd);
}

long sys_dup3(int oldfd, int newfd, uint32_t flags)
{
	return fd_dup3(current->files, oldfd, newfd, flags);
}

/* F_SETFL: only O_APPEND and O_NONBLOCK change; the rest is ignored. */
static long setfl(struct file *f, uint32_t flags)
{
	f->flags = (f->flags & ~FILE_SETFL_MASK) | (flags & FILE_SETFL_MASK);
	return 0;
}

/*
 * Record locks: Sleight keeps none, so F_GETLK always answers F_UNLCK
 * and F_SETLK(W) always succeeds after the access-mode checks. The whole
 * struct is copied in and (F_GETLK) back out, as Linux does, so one that
 * runs into an unmapped page is -EFAULT; l_type is the first 16 bits of
 * both struct flock and struct flock64.
 */
static long lock_cmd(struct file *f, int cmd, void __user *ulock)
{
	uint8_t lk[FLOCK64_SIZE];
	size_t size = cmd == F_GETLK64 || cmd == F_SETLK64 || cmd == F_SETLKW64
			      ? FLOCK64_SIZE
			      : FLOCK_SIZE;
	uint16_t type;

	if (copy_from_user(lk, ulock, size))
		return -EFAULT;
	memcpy(&type, lk, sizeof(type));
	if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK)
		return -EINVAL;
	if (cmd == F_GETLK || cmd == F_GETLK64) {
		type = F_UNLCK;
		memcpy(lk, &type, sizeof(type));
		return copy_to_user(ulock, lk, size) ? -EFAULT : 0;
	}
	if ((type == F_RDLCK && !file_readable(f)) ||
	    (type == F_WRLCK && !file_writable(f)))
		return -EBADF;
	return 0;
}

/* The fcntl commands that work on the open file description. */
static long fcntl_file(struct file *f, int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_GETFL:
		return f->flags;
	case F_SETFL:
		return setfl(f, arg);
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_GETLK64:
	case F_SETLK64:
	case F_SETLKW64:
		return lock_cmd(f, cmd, (void __user *)arg);
	case F_GETOWN:
		return 0;
	case F_SETOWN:
		return 0;
	case F_GETPIPE_SZ:
		return file_is_pipe(f) ? (long)pipe_size(f) : -EBADF;
	default:
		return -EINVAL;
	}
}

long sys_fcntl64(int fd, int cmd, unsigned long arg)
{
	struct fdtable *t = current->files;
	struct file *f;
	long r;

	switch (cmd) {
	case F_DUPFD:
		return fd_dupfd(t, fd, (int)arg, false);
	case F_DUPFD_CLOEXEC:
		return fd_dupfd(t, fd, (int)arg, true);
	case F_GETFD:
		return fd_get_cloexec(t, fd);
	case F_SETFD:
		return fd_set_cloexec(t, fd, arg & FD_CLOEXEC);
	}
	if (fd_get(t, fd, &f))
		return -EBADF;
	r = fcntl_file(f, cmd, arg);
	file_put(f);
	return r;
}

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
	return sys_fcntl64(fd, cmd, arg);
}

/*
 * pipe2(2): flags O_CLOEXEC and O_NONBLOCK (O_DIRECT packet mode is not
 * supported: -EINVAL). Both fds are reserved and written to user memory
 * before the files are installed.
 */
long sys_pipe2(int __user *ufds, uint32_t flags)
{
	struct fdtable *t = current->files;
	struct file *rd, *wr;
	int fds[2];
	long err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	fds[0] = fd_alloc(t, 0);
	if (fds[0] < 0)
		return fds[0];
	fds[1] = fd_alloc(t, 0);
	if (fds[1] < 0) {
		err = fds[1];
		goto out_unreserve0;
	}
	err = pipe_create(flags, &rd, &wr);
	if (err)
		goto out_unreserve1;
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		err = -EFAULT;
		goto out_put_files;
	}
	fd_install(t, fds[0], rd, flags & O_CLOEXEC);
	fd_install(t, fds[1], wr, flags & O_CLOEXEC);
	return 0;

out_put_files:
	file_put(rd);
	file_put(wr);
out_unreserve1:
	fd_unreserve(t, fds[1]);
out_unreserve0:
	fd_unreserve(t, fds[0]);
	return err;
}

long sys_pipe(int __user *ufds)
{
	return sys_pipe2(ufds, 0);
}

/* FIONREAD on a regular file: bytes from the offset to the end. */
static long fionread_file(struct file *f, void __user *uarg)
{
	int64_t left = f->inode->size - f->pos;

	left = left < 0 ? 0 : MIN(left, 0x7fffffff);
	return put_user_u32(uarg, (uint32_t)left);
}

/*
 * ioctl(2): FIOCLEX, FIONCLEX and FIONBIO on any descriptor; FIONREAD on
 * regular files; everything else goes to the file's ioctl op, and a
 * file without one is not a terminal (-ENOTTY).
 */
long sys_ioctl(int fd, unsigned cmd, unsigned long arg)
{
	struct file *f;
	uint32_t on;
	long r;

	if (cmd == FIOCLEX || cmd == FIONCLEX)
		return fd_set_cloexec(current->files, fd, cmd == FIOCLEX);
	if (fd_get(current->files, fd, &f))
		return -EBADF;
	if (cmd == FIONBIO) {
		r = get_user_u32(&on, (void __user *)arg);
		if (!r)
			f->flags = on ? f->flags | O_NONBLOCK
				      : f->flags & ~O_NONBLOCK;
	} else if (f->ops->ioctl) {
		r = f->ops->ioctl(f, cmd, arg);
	} else if (cmd == FIONREAD && f->inode && S_ISREG(f->inode->mode)) {
		r = fionread_file(f, (void __user *)arg);
	} else {
		r = -ENOTTY;
	}
	file_put(f);
	return r;
}
