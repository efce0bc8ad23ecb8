/*
 * vfs.h - the virtual file system: inodes, superblocks, mounts, path
 * resolution and the path-level operations the file syscalls call.
 *
 * Reference rules (docs/vfs.md has the whole picture):
 *  - An inode carries two counts. `refcount` counts in-memory references
 *    (a lookup result, an open file, a cwd/root, a mount, a superblock's
 *    root). `nlink` counts directory entries naming it. The file system
 *    frees the inode when both reach zero: an unlinked file stays
 *    readable while it is open.
 *  - Every function below that hands out an inode (`struct inode **out`)
 *    hands out a reference the caller must drop with iput().
 *  - Inode ops never consume the caller's references.
 *
 * Locking: none. Sleight is uniprocessor and the kernel is not
 * preempted; file system code runs in process context and never in an
 * interrupt handler, and an op that blocks (pipes, ttys) holds no
 * inode-internal pointers across the sleep.
 *
 * Errors are negative errno values (errno.h) with Linux meanings:
 * path_resolution(7), open(2), rename(2), symlink(7).
 */
#ifndef SLEIGHT_VFS_H
#define SLEIGHT_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

#include "uapi/stat.h" /* S_IF*, S_IS*(), DT_*: st_mode and d_type */

/* Permission masks for vfs_permission (Linux MAY_*). */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

/* Lookup flags. */
#define LOOKUP_FOLLOW 0x1    /* follow a final symlink */
#define LOOKUP_DIRECTORY 0x2 /* the result must be a directory */

/* Device numbers: Linux's old 8:8 encoding, as in the i386 stat. */
#define MKDEV(ma, mi) ((uint32_t)(((ma) << 8) | ((mi)&0xff)))
#define MAJOR(dev) (((dev) >> 8) & 0xfff)
#define MINOR(dev) ((dev)&0xff)

struct inode;
struct superblock;
struct mount;
struct file;
struct file_ops;

struct ktimespec {
	int64_t sec;  /* seconds since the Unix epoch */
	int32_t nsec; /* 0..999999999 */
};

/* Who is asking: a process's effective ids. NULL means the kernel. */
struct cred {
	uint32_t uid;
	uint32_t gid;
};

/*
 * One directory entry handed to a getdents callback. `next` is the
 * directory offset of the entry after this one (d_off of getdents64).
 * The callback returns 0 to continue, anything else to stop; the entry
 * it stopped on is not consumed.
 */
struct vfs_dirent {
	const char *name;
	size_t namelen;
	uint32_t ino;
	unsigned type; /* DT_* */
	int64_t next;
};
typedef int (*vfs_filldir_t)(void *ctx, const struct vfs_dirent *de);

/*
 * Per-file-system operations on inodes. Names are (pointer, length),
 * never NUL-terminated, 1..NAME_MAX bytes, never "." or "..", except
 * that lookup accepts "..". Ops that create return a new reference
 * through *out. Directory ops are called only on directories, data ops
 * only on the matching type: the VFS checks types and permissions
 * first. Any op may be NULL when a file system lacks it (-EPERM or
 * -EINVAL results, as Linux gives).
 */
struct inode_ops {
	int (*lookup)(struct inode *dir, const char *name, size_t len,
		      struct inode **out);
	int (*create)(struct inode *dir, const char *name, size_t len,
		      uint32_t mode, const struct cred *cr, struct inode **out);
	int (*mkdir)(struct inode *dir, const char *name, size_t len,
		     uint32_t mode, const struct cred *cr, struct inode **out);
	int (*mknod)(struct inode *dir, const char *name, size_t len,
		     uint32_t mode, uint32_t rdev, const struct cred *cr,
		     struct inode **out);
	int (*symlink)(struct inode *dir, const char *name, size_t len,
		       const char *target, const struct cred *cr,
		       struct inode **out);
	int (*link)(struct inode *dir, const char *name, size_t len,
		    struct inode *target);
	int (*unlink)(struct inode *dir, const char *name, size_t len);
	int (*rmdir)(struct inode *dir, const char *name, size_t len);
	/* Replaces an existing target; the VFS has checked type rules. */
	int (*rename)(struct inode *odir, const char *oname, size_t olen,
		      struct inode *ndir, const char *nname, size_t nlen);
	/* Copies at most size bytes, no NUL; returns the length copied. */
	int (*readlink)(struct inode *ip, char *buf, size_t size);
	int (*truncate)(struct inode *ip, int64_t size);
	/* Byte I/O at an offset; returns bytes moved or -errno. */
	long (*read)(struct inode *ip, void *buf, size_t n, int64_t off);
	long (*write)(struct inode *ip, const void *buf, size_t n, int64_t off);
	/* Emits entries from offset *pos on; updates *pos. */
	int (*getdents)(struct inode *dir, int64_t *pos, vfs_filldir_t fill,
			void *ctx);
	/* Optional; NULL means vfs_generic_permission. */
	int (*permission)(struct inode *ip, int mask, const struct cred *cr);
	/* Optional: the page-sized, page-aligned buffer holding file page pg
	 * (bytes pg * PAGE_SIZE on), or NULL for a hole or no such support.
	 * Exec maps such pages instead of copying them. */
	void *(*get_page)(struct inode *ip, uint32_t pg);
	/* Frees the fs part of an inode with nlink == refcount == 0. */
	void (*evict)(struct inode *ip);
};

/*
 * An in-memory inode. Fields marked (fs) are kept by the file system;
 * (vfs) by the VFS. Sizes are bytes, times are wall-clock.
 */
struct inode {
	uint32_t ino;	   /* (fs) unique within sb */
	uint32_t mode;	   /* (fs) S_IF* type | 07777 bits */
	uint32_t uid, gid; /* (fs) */
	uint32_t nlink;	   /* (fs) entries naming it */
	uint32_t refcount; /* (vfs) in-memory references */
	uint32_t rdev;	   /* (fs) device number (S_IFCHR) */
	int64_t size;	   /* (fs) bytes */
	struct ktimespec atime, mtime, ctime;
	struct superblock *sb;	     /* (fs) owning file system */
	const struct inode_ops *ops; /* (fs) */
	const struct file_ops *fops; /* (fs) ops for open files, or NULL
					for the VFS default */
	struct mount *mounted;	     /* (vfs) mount on this dir */
	struct mount *mnt_root;	     /* (vfs) mount this is root of */
	void *priv;		     /* (fs) private data */
};

/* One mounted file system instance. */
struct superblock {
	const char *fstype; /* "tmpfs", "devfs" */
	struct inode *root; /* referenced by the superblock */
	uint32_t next_ino;  /* next inode number to hand out */
	void *priv;
};

/* A superblock attached at a directory of another file system. */
struct mount {
	struct inode *mountpoint; /* referenced; the covered directory */
	struct inode *root;	  /* referenced; sb->root */
	struct superblock *sb;
	struct mount *next; /* mount list */
};

/* Where a lookup starts: process root and current directory (or the
 * directory of an *at() call). Both are borrowed, not consumed. */
struct vfs_ctx {
	struct inode *root;
	struct inode *cwd;
	const struct cred *cred;
};

/* ---- kernel/fs/vfs.c: inodes, mounts, permissions, times ---- */

/*
 * inode_new - a fresh inode in sb with the given mode, refcount 1,
 * nlink 0, times now, uid/gid from cr (0 when cr is NULL). Returns NULL
 * on -ENOMEM.
 */
struct inode *inode_new(struct superblock *sb, uint32_t mode,
			const struct inode_ops *ops, const struct cred *cr);

/* iget - take one more reference; returns ip. */
struct inode *iget(struct inode *ip);

/*
 * iput - drop a reference (NULL is ignored). When refcount and nlink are
 * both zero the file system's evict op frees the inode.
 */
void iput(struct inode *ip);

/*
 * inode_drop_link - the fs removed a directory entry naming ip: nlink-1,
 * ctime now, and evict when nothing else holds it. For directories the
 * fs sets nlink to 1 first (the "." link is gone with the entry).
 */
void inode_drop_link(struct inode *ip);

/* inode_free - release the struct inode itself (called from evict). */
void inode_free(struct inode *ip);

/* Live inode count, for leak checks in tests. */
extern long vfs_live_inodes;

/*
 * vfs_set_clock - the wall clock used for inode times. The default
 * clock returns 0 (the epoch) until kmain installs the wall clock
 * (kernel/dev/clock.c).
 */
void vfs_set_clock(void (*now)(struct ktimespec *ts));
void vfs_now(struct ktimespec *ts);
void inode_touch(struct inode *ip, bool atime, bool mtime, bool ctime);

/*
 * vfs_generic_permission - Unix permission check of mask (MAY_*) against
 * the owner, group or other bits of ip; uid 0 passes everything except
 * MAY_EXEC on a non-directory with no x bit at all (Linux
 * generic_permission). cr NULL (kernel) always passes. 0 or -EACCES.
 */
int vfs_generic_permission(struct inode *ip, int mask, const struct cred *cr);
/* vfs_permission - ip->ops->permission, else the generic check. */
int vfs_permission(struct inode *ip, int mask, const struct cred *cr);

/*
 * vfs_mount - attach sb at the directory mp. Takes its own references
 * on mp and sb->root. -ENOTDIR, -EBUSY (mp already covered), -ENOMEM.
 */
int vfs_mount(struct inode *mp, struct superblock *sb);
/*
 * vfs_umount - detach the mount whose root is root and drop the mount's
 * references. -EINVAL if root is not a mount root, -EBUSY if anything
 * else holds the root or a mount sits on top of something inside it
 * (only the root is checked: callers unmount bottom-up).
 */
int vfs_umount(struct inode *root);

/* ---- kernel/fs/namei.c: path resolution and path operations ---- */

/*
 * vfs_lookup - resolve path (NUL-terminated, kernel memory) from
 * ctx->root (absolute) or ctx->cwd (relative), as path_resolution(7):
 * "." and ".." (".." at ctx->root stays; at a mount root it continues
 * from the mountpoint), repeated slashes, mount points crossed both
 * ways, symlinks followed (at most SYMLOOP_MAX in one resolution, then
 * -ELOOP); a symlink in the last component only with LOOKUP_FOLLOW or a
 * trailing slash. A trailing slash requires a directory. Needs MAY_EXEC
 * on every directory searched.
 * Returns 0 and a reference in *out, or -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG (a component > NAME_MAX, the path >= PATH_MAX bytes),
 * -EACCES, -ENOMEM.
 */
int vfs_lookup(const struct vfs_ctx *ctx, const char *path, int flags,
	       struct inode **out);

/*
 * vfs_lookup_parent - resolve all but the last component of path. On 0
 * *dir holds a reference to the parent directory and name[] (at least
 * NAME_MAX + 1 bytes) the last component, NUL-terminated; it may be
 * "." or ".." or empty (path "/"); *trailing says whether the path
 * ended in a slash. Errors as vfs_lookup.
 */
int vfs_lookup_parent(const struct vfs_ctx *ctx, const char *path,
		      struct inode **dir, char *name, bool *trailing);
/*
 * vfs_lookup_create - vfs_lookup_parent for open(O_CREAT) without O_EXCL
 * or O_NOFOLLOW: when the last component is a symlink it is followed
 * (counting towards SYMLOOP_MAX, -ELOOP past it), so that *dir and name
 * say where its target goes: creating through a dangling symlink makes
 * the target, as Linux's open(2) does. Errors as vfs_lookup.
 */
int vfs_lookup_create(const struct vfs_ctx *ctx, const char *path,
		      struct inode **dir, char *name, bool *trailing);

/*
 * Path operations with the errno rules of mkdir(2), mknod(2), unlink(2),
 * rmdir(2), link(2), symlink(2), readlink(2) and rename(2). mode is
 * masked with 07777 (the caller applies the umask). Results that are
 * inodes are references the caller must iput.
 */
int vfs_create(const struct vfs_ctx *ctx, struct inode *dir, const char *name,
	       uint32_t mode, struct inode **out);
int vfs_mkdir(const struct vfs_ctx *ctx, const char *path, uint32_t mode);
int vfs_mknod(const struct vfs_ctx *ctx, const char *path, uint32_t mode,
	      uint32_t rdev);
int vfs_unlink(const struct vfs_ctx *ctx, const char *path);
int vfs_rmdir(const struct vfs_ctx *ctx, const char *path);
int vfs_link(const struct vfs_ctx *ctx, const char *oldpath,
	     const char *newpath);
int vfs_symlink(const struct vfs_ctx *ctx, const char *target,
		const char *linkpath);
/* Returns bytes copied (no NUL) or -errno; -EINVAL if not a symlink. */
int vfs_readlink(const struct vfs_ctx *ctx, const char *path, char *buf,
		 size_t size);
int vfs_rename(const struct vfs_ctx *ctx, const char *oldpath,
	       const char *newpath);
/*
 * vfs_truncate - set the size of a regular file (bytes). -EISDIR for a
 * directory, -EINVAL for other types or a negative size, -EFBIG past
 * the fs limit. Permission is the caller's business (open mode).
 */
int vfs_truncate(struct inode *ip, int64_t size);
/* vfs_get_page - ip->ops->get_page(ip, pg), or NULL without one. */
void *vfs_get_page(struct inode *ip, uint32_t pg);

#endif
