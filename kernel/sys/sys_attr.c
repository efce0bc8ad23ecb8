/*
 * kernel/sys/sys_attr.c - system calls that test or change a file's
 * attributes: access(2), faccessat, faccessat2; chmod(2), fchmod,
 * fchmodat; chown(2) (32-bit id forms), fchown, lchown, fchownat;
 * truncate(2), truncate64; utimensat(2) (32- and 64-bit time).
 *
 * Owns nothing. The inode is looked up (at_lookup) or taken from an open
 * file, checked against the caller's ids as the man pages say, changed,
 * and its ctime set. Pipes have no inode: changing them is a no-op.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "syscall.h"
#include "uaccess.h"
#include "sys_fs.h"
#include "sys_time.h"

static bool in_group(uint32_t gid)
{
	const struct proc_ids *id = &current->ids;

	if (id->egid == gid)
		return true;
	for (uint32_t i = 0; i < id->ngroups; i++)
		if (id->groups[i] == gid)
			return true;
	return false;
}

static bool is_owner_or_root(const struct inode *ip)
{
	return current->ids.euid == 0 || current->ids.euid == ip->uid;
}

/* The inode open at fd with a reference, NULL for a pipe; -EBADF. */
static int fd_inode(int fd, struct inode **out)
{
	struct file *f;

	if (fd_get(current->files, fd, &f))
		return -EBADF;
	*out = f->inode ? iget(f->inode) : NULL;
	file_put(f);
	return 0;
}

/* ---- access ---- */

/*
 * faccessat2(2): mode is F_OK (0) or R_OK|W_OK|X_OK, which equal
 * MAY_READ|MAY_WRITE|MAY_EXEC. The real ids are checked, also while
 * resolving, unless AT_EACCESS.
 */
long sys_faccessat2(int dirfd, const char __user *upath, int mode, int flags)
{
	struct at_ctx a;
	struct inode *ip;
	char *path;
	int err;

	if (mode & ~7)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path(upath, flags & AT_EMPTY_PATH, &path);
	if (err)
		return err;
	if (path[0] == '\0') {
		path[0] = '.'; /* the directory at dirfd itself */
		path[1] = '\0';
	}
	err = at_begin(&a, dirfd, path);
	if (err)
		goto out_put_path;
	if (!(flags & AT_EACCESS)) {
		a.cred.uid = current->ids.uid;
		a.cred.gid = current->ids.gid;
	}
	err = vfs_lookup(&a.ctx, path,
			 (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
			 &ip);
	if (!err) {
		err = mode ? vfs_permission(ip, mode, &a.cred) : 0;
		iput(ip);
	}
	at_end(&a);
out_put_path:
	path_put(path);
	return err;
}

long sys_faccessat(int dirfd, const char __user *upath, int mode)
{
	return sys_faccessat2(dirfd, upath, mode, 0);
}

long sys_access(const char __user *upath, int mode)
{
	return sys_faccessat2(AT_FDCWD, upath, mode, 0);
}

/* ---- mode ---- */

/* chmod(2): owner or root; a non-member of the group loses S_ISGID. */
static int inode_chmod(struct inode *ip, uint32_t mode)
{
	if (!is_owner_or_root(ip))
		return -EPERM;
	mode &= 07777;
	if (current->ids.euid != 0 && !in_group(ip->gid))
		mode &= ~S_ISGID;
	ip->mode = (ip->mode & S_IFMT) | mode;
	inode_touch(ip, false, false, true);
	return 0;
}

long sys_fchmodat(int dirfd, const char __user *upath, uint32_t mode)
{
	struct inode *ip;
	int err = at_lookup(dirfd, upath, LOOKUP_FOLLOW, 0, &ip);

	if (err)
		return err;
	err = inode_chmod(ip, mode);
	iput(ip);
	return err;
}

long sys_chmod(const char __user *upath, uint32_t mode)
{
	return sys_fchmodat(AT_FDCWD, upath, mode);
}

long sys_fchmod(int fd, uint32_t mode)
{
	struct inode *ip;
	int err = fd_inode(fd, &ip);

	if (err || !ip)
		return err;
	err = inode_chmod(ip, mode);
	iput(ip);
	return err;
}

/* ---- owner ---- */

/*
 * chown(2): root may set anything; the owner may only set the group to
 * one it belongs to. (uint32_t)-1 leaves an id alone. As Linux does, a
 * non-directory loses S_ISUID, and S_ISGID when group-executable.
 */
static int inode_chown(struct inode *ip, uint32_t uid, uint32_t gid)
{
	bool root = current->ids.euid == 0;

	if (uid != (uint32_t)-1 && uid != ip->uid && !root)
		return -EPERM;
	if (gid != (uint32_t)-1 && gid != ip->gid && !root &&
	    (current->ids.euid != ip->uid || !in_group(gid)))
		return -EPERM;
	if (!root && current->ids.euid != ip->uid &&
	    (uid != (uint32_t)-1 || gid != (uint32_t)-1))
		return -EPERM;
	if (uid != (uint32_t)-1)
		ip->uid = uid;
	if (gid != (uint32_t)-1)
		ip->gid = gid;
	if (!S_ISDIR(ip->mode)) {
		ip->mode &= ~S_ISUID;
		if (ip->mode & 0010)
			ip->mode &= ~S_ISGID;
	}
	inode_touch(ip, false, false, true);
	return 0;
}

long sys_fchownat(int dirfd, const char __user *upath, uint32_t uid,
		  uint32_t gid, int flags)
{
	struct inode *ip;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_lookup(dirfd, upath,
			(flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
			flags, &ip);
	if (err)
		return err;
	err = inode_chown(ip, uid, gid);
	iput(ip);
	return err;
}

long sys_chown32(const char __user *upath, uint32_t uid, uint32_t gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, 0);
}

long sys_lchown32(const char __user *upath, uint32_t uid, uint32_t gid)
{
	return sys_fchownat(AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown32(int fd, uint32_t uid, uint32_t gid)
{
	struct inode *ip;
	int err = fd_inode(fd, &ip);

	if (err || !ip)
		return err;
	err = inode_chown(ip, uid, gid);
	iput(ip);
	return err;
}

/* ---- size ---- */

/* truncate(2): follows symlinks; needs write permission. */
static long do_truncate(const char __user *upath, int64_t len)
{
	struct cred cr = {current->ids.euid, current->ids.egid};
	struct inode *ip;
	int err;

	if (len < 0)
		return -EINVAL;
	err = at_lookup(AT_FDCWD, upath, LOOKUP_FOLLOW, 0, &ip);
	if (err)
		return err;
	if (S_ISDIR(ip->mode))
		err = -EISDIR;
	else if (!S_ISREG(ip->mode))
		err = -EINVAL;
	else
		err = vfs_permission(ip, MAY_WRITE, &cr);
	if (!err)
		err = vfs_truncate(ip, len);
	iput(ip);
	return err;
}

long sys_truncate(const char __user *upath, int32_t len)
{
	return do_truncate(upath, len);
}

long sys_truncate64(const char __user *upath, uint32_t lo, uint32_t hi)
{
	return do_truncate(upath, (int64_t)(((uint64_t)hi << 32) | lo));
}

/* ---- times ---- */

/*
 * Apply utimensat times to ip. ts NULL means both "now". Setting both to
 * now needs ownership or write permission; explicit times need
 * ownership (utimensat(2) "Permissions requirements").
 */
static int inode_utimes(struct inode *ip, const struct ktimespec *ts)
{
	struct cred cr = {current->ids.euid, current->ids.egid};
	bool all_now =
		!ts || (ts[0].nsec == UTIME_NOW && ts[1].nsec == UTIME_NOW);
	struct ktimespec now;

	if (ts && ts[0].nsec == UTIME_OMIT && ts[1].nsec == UTIME_OMIT)
		return 0;
	if (!is_owner_or_root(ip)) {
		if (!all_now)
			return -EPERM;
		if (vfs_permission(ip, MAY_WRITE, &cr))
			return -EACCES;
	}
	vfs_now(&now);
	if (!ts || ts[0].nsec != UTIME_OMIT)
		ip->atime = (!ts || ts[0].nsec == UTIME_NOW) ? now : ts[0];
	if (!ts || ts[1].nsec != UTIME_OMIT)
		ip->mtime = (!ts || ts[1].nsec == UTIME_NOW) ? now : ts[1];
	ip->ctime = now;
	return 0;
}

/*
 * utimensat(2) with times already in kernel memory (ts NULL: now). A
 * NULL path with a real dirfd changes the open file (futimens).
 */
static long do_utimensat(int dirfd, const char __user *upath,
			 const struct ktimespec *ts, int flags)
{
	struct inode *ip;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	for (int i = 0; ts && i < 2; i++)
		if ((ts[i].nsec < 0 || ts[i].nsec > 999999999) &&
		    ts[i].nsec != UTIME_NOW && ts[i].nsec != UTIME_OMIT)
			return -EINVAL;
	if (!upath && dirfd != AT_FDCWD) {
		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		err = fd_inode(dirfd, &ip);
		if (err || !ip)
			return err;
	} else {
		err = at_lookup(dirfd, upath,
				(flags & AT_SYMLINK_NOFOLLOW) ? 0
							      : LOOKUP_FOLLOW,
				flags, &ip);
		if (err)
			return err;
	}
	err = inode_utimes(ip, ts);
	iput(ip);
	return err;
}

/* utimensat with the two user timespecs (atime, mtime) in either layout
 * (sys_time.h); tv_nsec is the low 32 bits of its slot, as Linux keeps it. */
static long utimensat_user(int dirfd, const char __user *upath,
			   const void __user *utimes, bool wide, int flags)
{
	const char __user *u = utimes;
	struct ktimespec ts[2];
	struct timespec64 t;

	if (!utimes)
		return do_utimensat(dirfd, upath, NULL, flags);
	for (int i = 0; i < 2; i++) {
		if (timespec_get_user(&t, u + i * timespec_user_size(wide),
				      wide))
			return -EFAULT;
		ts[i].sec = t.tv_sec;
		ts[i].nsec = (int32_t)t.tv_nsec;
	}
	return do_utimensat(dirfd, upath, ts, flags);
}

/* utimensat (320): struct timespec with 32-bit tv_sec. */
long sys_utimensat(int dirfd, const char __user *upath,
		   const int32_t __user *utimes, int flags)
{
	return utimensat_user(dirfd, upath, utimes, false, flags);
}

/* utimensat_time64 (412): struct __kernel_timespec, 64-bit tv_sec and a
 * 64-bit tv_nsec slot of which the low 32 bits count. */
long sys_utimensat_time64(int dirfd, const char __user *upath,
			  const int64_t __user *utimes, int flags)
{
	return utimensat_user(dirfd, upath, utimes, true, flags);
}
