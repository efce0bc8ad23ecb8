/*
 * kernel/sys/sys_path.c - system calls on names: mkdir(2), mknod(2),
 * rmdir(2), unlink(2), rename(2), link(2), symlink(2), readlink(2) and
 * their *at() forms; chdir(2), fchdir, getcwd(2), umask(2); access(2),
 * faccessat(2); chmod(2), chown(2) and their f/l/at forms; truncate(2);
 * utimensat(2).
 *
 * Owns nothing. Every call copies its path names in (user_path), sets up
 * the dirfd context (at_begin) and calls kernel/fs; attribute changes
 * (chmod, chown, utimensat) are applied here to the looked-up inode.
 * Permission rules: Linux man pages (the caller's effective ids; access
 * uses the real ones). Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "mm.h"
#include "sys_fs.h"

/* A path relative to dirfd: the copied name in *path, the context in a.
 * Both are released by at_path_end. */
static int at_path(int dirfd, const char __user *upath, struct at_ctx *a,
		   char **path)
{
	int err = user_path(upath, false, path);

	if (err)
		return err;
	err = at_begin(a, dirfd, *path);
	if (err)
		path_put(*path);
	return err;
}

static void at_path_end(struct at_ctx *a, char *path)
{
	at_end(a);
	path_put(path);
}

/* ---- creating and removing names ---- */

long sys_mkdirat(int dirfd, const char __user *upath, uint32_t mode)
{
	struct at_ctx a;
	char *path;
	int err = at_path(dirfd, upath, &a, &path);

	if (err)
		return err;
	err = vfs_mkdir(&a.ctx, path, mode & 01777 & ~current->fs->umask);
	at_path_end(&a, path);
	return err;
}

long sys_mkdir(const char __user *upath, uint32_t mode)
{
	return sys_mkdirat(AT_FDCWD, upath, mode);
}

/* mknod(2): dev is Linux's 32-bit encoding (major in bits 8..19). */
long sys_mknodat(int dirfd, const char __user *upath, uint32_t mode,
		 uint32_t dev)
{
	uint32_t type = mode & S_IFMT;
	uint32_t major = (dev >> 8) & 0xfff;
	uint32_t minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
	struct at_ctx a;
	char *path;
	int err;

	if ((type == S_IFCHR || type == S_IFBLK) && current->ids.euid != 0)
		return -EPERM;
	if (type == S_IFDIR)
		return -EPERM;
	err = at_path(dirfd, upath, &a, &path);
	if (err)
		return err;
	err = vfs_mknod(&a.ctx, path,
			type | (mode & 07777 & ~current->fs->umask),
			MKDEV(major, minor));
	at_path_end(&a, path);
	return err;
}

long sys_mknod(const char __user *upath, uint32_t mode, uint32_t dev)
{
	return sys_mknodat(AT_FDCWD, upath, mode, dev);
}

long sys_unlinkat(int dirfd, const char __user *upath, int flags)
{
	struct at_ctx a;
	char *path;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = at_path(dirfd, upath, &a, &path);
	if (err)
		return err;
	if (flags & AT_REMOVEDIR)
		err = vfs_rmdir(&a.ctx, path);
	else
		err = vfs_unlink(&a.ctx, path);
	at_path_end(&a, path);
	return err;
}

long sys_unlink(const char __user *upath)
{
	return sys_unlinkat(AT_FDCWD, upath, 0);
}

long sys_rmdir(const char __user *upath)
{
	return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR);
}

long sys_symlinkat(const char __user *utarget, int dirfd,
		   const char __user *upath)
{
	struct at_ctx a;
	char *target, *path;
	int err = user_path(utarget, false, &target);

	if (err)
		return err;
	err = at_path(dirfd, upath, &a, &path);
	if (!err) {
		err = vfs_symlink(&a.ctx, target, path);
		at_path_end(&a, path);
	}
	path_put(target);
	return err;
}

long sys_symlink(const char __user *utarget, const char __user *upath)
{
	return sys_symlinkat(utarget, AT_FDCWD, upath);
}

long sys_readlinkat(int dirfd, const char __user *upath, char __user *ubuf,
		    int size)
{
	struct at_ctx a;
	char *path, *kbuf;
	int err;

	if (size <= 0)
		return -EINVAL;
	size = MIN(size, PATH_MAX);
	err = at_path(dirfd, upath, &a, &path);
	if (err)
		return err;
	kbuf = kmalloc(size);
	err = kbuf ? vfs_readlink(&a.ctx, path, kbuf, size) : -ENOMEM;
	if (err > 0 && copy_to_user(ubuf, kbuf, err))
		err = -EFAULT;
	kfree(kbuf);
	at_path_end(&a, path);
	return err;
}

long sys_readlink(const char __user *upath, char __user *ubuf, int size)
{
	return sys_readlinkat(AT_FDCWD, upath, ubuf, size);
}

/* ---- operations on two names ---- */

struct two_paths {
	struct at_ctx a; /* context both paths resolve in */
	char *oldp, *newp;
};

/*
 * Copy in both names of a rename/link. The fs layer takes one context,
 * so when the new name is relative to a different directory than the
 * old one, it is rewritten as an absolute path (dir_path of newdirfd).
 */
static int two_paths_get(struct two_paths *t, int odfd, const char __user *uold,
			 int ndfd, const char __user *unew)
{
	struct at_ctx na;
	char *abs;
	long len;
	int err;

	err = user_path(uold, false, &t->oldp);
	if (err)
		return err;
	err = user_path(unew, false, &t->newp);
	if (err)
		goto out_put_old;
	if (t->newp[0] != '/' && ndfd != odfd) {
		err = at_begin(&na, ndfd, t->newp);
		if (err)
			goto out_put_new;
		abs = kmalloc(PATH_MAX);
		len = abs ? dir_path(na.ctx.root, na.ctx.cwd, abs, PATH_MAX)
			  : -ENOMEM;
		at_end(&na);
		if (len > 0 && len + strlen(t->newp) + 1 > PATH_MAX)
			len = -ENAMETOOLONG;
		if (len < 0) {
			kfree(abs);
			err = (int)len;
			goto out_put_new;
		}
		abs[len - 1] = '/';
		strlcpy(abs + len, t->newp, PATH_MAX - len);
		path_put(t->newp);
		t->newp = abs;
	}
	err = at_begin(&t->a, odfd,
		       t->oldp[0] != '/' || t->newp[0] != '/' ? "." : "/");
	if (!err)
		return 0;
out_put_new:
	path_put(t->newp);
out_put_old:
	path_put(t->oldp);
	return err;
}

static void two_paths_put(struct two_paths *t)
{
	at_end(&t->a);
	path_put(t->newp);
	path_put(t->oldp);
}

/* renameat2(2): only flags 0 (no RENAME_NOREPLACE/EXCHANGE/WHITEOUT). */
long sys_renameat2(int odfd, const char __user *uold, int ndfd,
		   const char __user *unew, uint32_t flags)
{
	struct two_paths t;
	int err;

	if (flags)
		return -EINVAL;
	err = two_paths_get(&t, odfd, uold, ndfd, unew);
	if (err)
		return err;
	err = vfs_rename(&t.a.ctx, t.oldp, t.newp);
	two_paths_put(&t);
	return err;
}

long sys_renameat(int odfd, const char __user *uold, int ndfd,
		  const char __user *unew)
{
	return sys_renameat2(odfd, uold, ndfd, unew, 0);
}

long sys_rename(const char __user *uold, const char __user *unew)
{
	return sys_renameat2(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/*
 * linkat(2). AT_SYMLINK_FOLLOW is accepted when the old name is not a
 * symlink (then it changes nothing); linking to a symlink's target
 * through it is -EOPNOTSUPP in Sleight.
 */
long sys_linkat(int odfd, const char __user *uold, int ndfd,
		const char __user *unew, int flags)
{
	struct two_paths t;
	struct inode *ip;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_EMPTY_PATH)
		return -ENOENT; /* needs CAP_DAC_READ_SEARCH */
	err = two_paths_get(&t, odfd, uold, ndfd, unew);
	if (err)
		return err;
	if (flags & AT_SYMLINK_FOLLOW) {
		err = vfs_lookup(&t.a.ctx, t.oldp, 0, &ip);
		if (!err && S_ISLNK(ip->mode))
			err = -EOPNOTSUPP;
		if (!err || err == -EOPNOTSUPP)
			iput(ip);
	}
	if (!err)
		err = vfs_link(&t.a.ctx, t.oldp, t.newp);
	two_paths_put(&t);
	return err;
}

long sys_link(const char __user *uold, const char __user *unew)
{
	return sys_linkat(AT_FDCWD, uold, AT_FDCWD, unew, 0);
}

/* ---- the working directory and umask ---- */

/* Make ip (a directory the caller may search) the cwd; consumes ip. */
static int set_cwd(struct inode *ip)
{
	struct cred cr = {current->ids.euid, current->ids.egid};
	int err;

	if (!S_ISDIR(ip->mode))
		err = -ENOTDIR;
	else
		err = vfs_permission(ip, MAY_EXEC, &cr);
	if (err) {
		iput(ip);
		return err;
	}
	iput(current->fs->cwd);
	current->fs->cwd = ip;
	return 0;
}

long sys_chdir(const char __user *upath)
{
	struct inode *ip;
	int err = at_lookup(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &ip);

	return err ? err : set_cwd(ip);
}

long sys_fchdir(int fd)
{
	struct file *f;
	struct inode *ip;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	ip = f->inode ? iget(f->inode) : NULL;
	file_put(f);
	return ip ? set_cwd(ip) : -ENOTDIR;
}

/* getcwd(2), the system call: the length with the NUL, -ERANGE when
 * size is too small, -ENOENT when the cwd was removed. */
long sys_getcwd(char __user *ubuf, uint32_t size)
{
	char *kbuf = kmalloc(PATH_MAX);
	long len;

	if (!kbuf)
		return -ENOMEM;
	len = dir_path(current->fs->root, current->fs->cwd, kbuf, PATH_MAX);
	if (len == -ERANGE)
		len = -ENAMETOOLONG;
	if (len > 0 && (uint32_t)len > size)
		len = -ERANGE;
	if (len > 0 && copy_to_user(ubuf, kbuf, len))
		len = -EFAULT;
	kfree(kbuf);
	return len;
}

long sys_umask(uint32_t mask)
{
	uint32_t old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}
