/*
 * kernel/sys/sys_stat.c - stat64(2), lstat64, fstat64, fstatat64 and
 * statx(2): attributes of a path or an open file in the i386 layouts of
 * stat.h.
 *
 * Owns nothing; each call holds the inode or file it looked up until the
 * attributes are copied into a kernel struct, then copies that out.
 * Pipes have no inode: pipe_stat describes them (S_IFIFO).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "pipe.h"
#include "proc.h"
#include "stat.h"
#include "syscall.h"
#include "uaccess.h"
#include "sys_fs.h"

/* Attributes of an open file. */
static int file_kstat(struct file *f, struct kstat *ks)
{
	if (f->inode) {
		stat_from_inode(f->inode, ks);
		return 0;
	}
	if (file_is_pipe(f)) {
		pipe_stat(f, ks);
		return 0;
	}
	return -EBADF;
}

/*
 * Attributes of dirfd + path (LOOKUP_FOLLOW unless AT_SYMLINK_NOFOLLOW).
 * AT_EMPTY_PATH with "" describes dirfd itself, which may be any open
 * file, a pipe too.
 */
static int path_kstat(int dirfd, const char __user *upath, int at_flags,
		      struct kstat *ks)
{
	struct inode *ip;
	struct file *f;
	char c;
	int err;

	if ((at_flags & AT_EMPTY_PATH) && dirfd != AT_FDCWD &&
	    copy_from_user(&c, upath, 1) == 0 && c == '\0') {
		if (fd_get(current->files, dirfd, &f))
			return -EBADF;
		err = file_kstat(f, ks);
		file_put(f);
		return err;
	}
	err = at_lookup(dirfd, upath,
			(at_flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
			at_flags, &ip);
	if (err)
		return err;
	stat_from_inode(ip, ks);
	iput(ip);
	return 0;
}

static long put_stat64(const struct kstat *ks, struct stat64 __user *ubuf)
{
	struct stat64 st;

	stat_to_stat64(ks, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstatat64(int dirfd, const char __user *upath,
		   struct stat64 __user *ubuf, int flags)
{
	struct kstat ks;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = path_kstat(dirfd, upath, flags, &ks);
	return err ? err : put_stat64(&ks, ubuf);
}

long sys_stat64(const char __user *upath, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, upath, ubuf, 0);
}

long sys_lstat64(const char __user *upath, struct stat64 __user *ubuf)
{
	return sys_fstatat64(AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_fstat64(int fd, struct stat64 __user *ubuf)
{
	struct kstat ks;
	struct file *f;
	int err;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	err = file_kstat(f, &ks);
	file_put(f);
	return err ? err : put_stat64(&ks, ubuf);
}

/*
 * statx(2). Every basic field is always filled, and
 * stx_mask says so, whatever mask asked for (statx(2) allows it).
 */
long sys_statx(int dirfd, const char __user *upath, int flags, uint32_t mask,
	       struct statx __user *ubuf)
{
	struct statx sx;
	struct kstat ks;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE) ||
	    (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (mask & STATX__RESERVED))
		return -EINVAL;
	err = path_kstat(dirfd, upath, flags, &ks);
	if (err)
		return err;
	stat_to_statx(&ks, &sx);
	return copy_to_user(ubuf, &sx, sizeof(sx)) ? -EFAULT : 0;
}
