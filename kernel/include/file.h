/*
 * file.h - open file descriptions (struct file) and the per-process
 * descriptor table (struct fdtable).
 *
 * Reference rules (docs/vfs.md):
 *  - A struct file holds one reference on its inode (NULL for pipes and
 *    other anonymous files) until its last file_put.
 *  - Each occupied fdtable slot holds one reference on its file. dup
 *    and fork (fdtable_clone) take more; close drops one.
 *  - fd_get hands the caller a reference (file_put when done), so a file
 *    stays alive across a blocking read even if its fd is closed.
 *
 * Locking: none (uniprocessor, no kernel preemption; see vfs.h). Values
 * and errors follow Linux i386: open(2), lseek(2), dup(2), fcntl(2).
 */
#ifndef SLEIGHT_FILE_H
#define SLEIGHT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"
#include "compiler.h"
#include "vfs.h"

#include "uapi/fcntl.h"
#include "uapi/poll.h"

/* Flags F_SETFL may change; the rest of f_flags is fixed at open. */
#define FILE_SETFL_MASK (O_APPEND | O_NONBLOCK)

/* Readiness of a file without a poll op: always readable and writable. */
#define POLL_DEFAULT_MASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/*
 * Operations of an open file. Buffers are kernel memory: the syscall
 * layer copies user data in and out. *pos is the file's shared offset,
 * which read/write advance; ops that ignore offsets (pipes, ttys) leave
 * it alone. A NULL op means: read/write -EINVAL, lseek -ESPIPE,
 * getdents -ENOTDIR, ioctl -ENOTTY.
 */
struct file_ops {
	/* Called once by file_open for device files; may set f->priv. */
	int (*open)(struct inode *ip, struct file *f);
	long (*read)(struct file *f, void *buf, size_t n, int64_t *pos);
	long (*write)(struct file *f, const void *buf, size_t n, int64_t *pos);
	/* Optional: move bytes straight between user memory and the file
	 * (no bounce page, no offset). Same results as read and write, plus
	 * -EFAULT for a bad user buffer. A stream (pipe) uses them for
	 * read and write; a device that ignores the offset and need not
	 * touch the bytes (/dev/null) also for pread and pwrite. */
	long (*read_user)(struct file *f, void __user *ubuf, size_t n);
	long (*write_user)(struct file *f, const void __user *ubuf, size_t n);
	/* Returns the new offset or -errno; sets f->pos itself. */
	int64_t (*lseek)(struct file *f, int64_t off, int whence);
	int (*getdents)(struct file *f, vfs_filldir_t fill, void *ctx);
	/* arg is passed as the caller gave it (often a user pointer). */
	int (*ioctl)(struct file *f, unsigned cmd, unsigned long arg);
	/* POLL* bits ready now, without blocking; NULL: POLL_DEFAULT_MASK. */
	unsigned (*poll)(struct file *f);
	/* Last reference gone: free f->priv. The inode is put after. */
	void (*release)(struct file *f);
};

/* An open file description, shared by dup'ed and inherited fds. */
struct file {
	struct inode *inode; /* referenced, or NULL (pipes) */
	const struct file_ops *ops;
	uint32_t flags; /* open flags but O_CLOEXEC */
	int64_t pos;	/* bytes; shared offset */
	uint32_t refcount;
	void *priv; /* pipe buffer, device state */
};

/* The default ops for regular files and directories (kernel/fs/file.c). */
extern const struct file_ops vfs_file_ops;

/* Live struct file count, for leak checks in tests. */
extern long file_live_count;

/* ---- kernel/fs/file.c ---- */

/*
 * file_alloc - a new file with refcount 1 on ip (a reference is taken
 * when ip is not NULL), the given ops, flags and priv; pos 0. Does not
 * call ops->open. Returns NULL on out of memory.
 */
struct file *file_alloc(struct inode *ip, const struct file_ops *ops,
			uint32_t flags, void *priv);
/* file_get - one more reference; returns f. */
struct file *file_get(struct file *f);
/* file_put - drop a reference; the last one calls release, iput. */
void file_put(struct file *f);

bool file_readable(const struct file *f);
bool file_writable(const struct file *f);

/*
 * file_open - open(2) on a path: O_CREAT (with O_EXCL: -EEXIST even for
 * a symlink), O_TRUNC, O_DIRECTORY, O_NOFOLLOW (-ELOOP on a symlink),
 * O_APPEND, O_NONBLOCK, access checks (-EACCES), -EISDIR for writing a
 * directory, -ENXIO for a char device with no driver. mode is the
 * creation mode after the umask. O_CLOEXEC is the caller's (fd slot).
 * On 0, *out is a new file with one reference.
 */
int file_open(const struct vfs_ctx *ctx, const char *path, uint32_t flags,
	      uint32_t mode, struct file **out);

/*
 * file_open_inode - open an inode already looked up (exec, devfs);
 * checks nothing but the device driver. Takes its own inode reference.
 */
int file_open_inode(struct inode *ip, uint32_t flags, struct file **out);

/*
 * file_read/file_write - read(2)/write(2) of n bytes with kernel
 * buffers. -EBADF when the access mode forbids it, -EISDIR reading a
 * directory. Writes with O_APPEND go to the end of the file first.
 * Returns bytes moved (0 at end of file) or -errno.
 */
long file_read(struct file *f, void *buf, size_t n);
long file_write(struct file *f, const void *buf, size_t n);

/*
 * file_pread/file_pwrite - pread64(2)/pwrite64(2): at off, leaving
 * f->pos alone; -ESPIPE on files without lseek, -EINVAL for off < 0.
 */
long file_pread(struct file *f, void *buf, size_t n, int64_t off);
long file_pwrite(struct file *f, const void *buf, size_t n, int64_t off);

/*
 * file_lseek - lseek(2): SEEK_SET/CUR/END, and SEEK_DATA/HOLE on regular
 * files (-ENXIO at or past the end). -EINVAL for another whence or
 * a negative result, -ESPIPE for pipes and ttys (no lseek op). Returns
 * the new offset.
 */
int64_t file_lseek(struct file *f, int64_t off, int whence);

/*
 * file_getdents - feed directory entries from f->pos on to fill,
 * advancing f->pos past each one consumed. -ENOTDIR if not a directory.
 */
int file_getdents(struct file *f, vfs_filldir_t fill, void *ctx);

/* ---- kernel/fs/fdtable.c ---- */

struct fdtable {
	struct file *files[FD_MAX];    /* slot -> file; NULL when free or
					  reserved */
	uint32_t used[FD_MAX / 32];    /* bit set: slot allocated (maybe
					  reserved, files[] still NULL) */
	uint32_t cloexec[FD_MAX / 32]; /* bit set: FD_CLOEXEC */
	int nopen;		       /* slots allocated */
	int users; /* tasks sharing it (CLONE_FILES); kept by
		      kernel/proc/parts.c, not by the calls here */
};

/* fdtable_init - an empty table. */
void fdtable_init(struct fdtable *t);

/*
 * fd_alloc - reserve the lowest free slot >= min and return it; the slot
 * stays invisible to fd_get until fd_install. -EMFILE when none is free,
 * -EINVAL when min is outside 0..FD_MAX-1.
 */
int fd_alloc(struct fdtable *t, int min);
/* fd_unreserve - give back a reserved, never installed slot. */
void fd_unreserve(struct fdtable *t, int fd);
/*
 * fd_install - publish f in the reserved slot fd; the slot takes over
 * the caller's reference on f.
 */
void fd_install(struct fdtable *t, int fd, struct file *f, bool cloexec);

/*
 * fd_install_new - fd_alloc(t, 0) + fd_install. On error (-EMFILE) the
 * caller keeps its reference. Returns the fd.
 */
int fd_install_new(struct fdtable *t, struct file *f, bool cloexec);

/* fd_get - the file at fd with a new reference in *out, or -EBADF. */
int fd_get(struct fdtable *t, int fd, struct file **out);
/* fd_close - close(2): drop the slot's reference. 0 or -EBADF. */
int fd_close(struct fdtable *t, int fd);

/* F_GETFD / F_SETFD: FD_CLOEXEC of a slot, or -EBADF. */
int fd_get_cloexec(struct fdtable *t, int fd);
int fd_set_cloexec(struct fdtable *t, int fd, bool on);

/* dup(2): lowest free fd, CLOEXEC clear. -EBADF, -EMFILE. */
int fd_dup(struct fdtable *t, int oldfd);
/* fcntl F_DUPFD / F_DUPFD_CLOEXEC: lowest free >= min. -EBADF, -EINVAL
 * (min out of range), -EMFILE. */
int fd_dupfd(struct fdtable *t, int oldfd, int min, bool cloexec);
/* dup2(2): oldfd == newfd returns newfd if valid; newfd closed first
 * silently; CLOEXEC clear. -EBADF (either fd out of range or oldfd
 * closed). */
int fd_dup2(struct fdtable *t, int oldfd, int newfd);
/* dup3(2): like dup2 but -EINVAL when oldfd == newfd or flags has bits
 * other than O_CLOEXEC; O_CLOEXEC sets the new slot's FD_CLOEXEC. */
int fd_dup3(struct fdtable *t, int oldfd, int newfd, uint32_t flags);

/*
 * fdtable_clone - fork: dst (uninitialised) becomes a copy of src with a
 * new reference on every open file and the same CLOEXEC flags. Reserved
 * slots are not copied. Cannot fail.
 */
void fdtable_clone(struct fdtable *dst, const struct fdtable *src);
/* fdtable_close_all - exit: close every slot. */
void fdtable_close_all(struct fdtable *t);
/* fdtable_close_on_exec - execve: close the FD_CLOEXEC slots. */
void fdtable_close_on_exec(struct fdtable *t);
/* Number of open (installed) descriptors. */
int fdtable_count(const struct fdtable *t);

#endif
