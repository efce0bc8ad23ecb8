/*
 * kernel/sys/sys_fs.h - helpers shared by the file system calls
 * (sys_file.c, sys_stat.c, sys_path.c, sys_fd.c, sys_poll.c), defined in
 * sys_fsutil.c: copying path names in, resolving *at() directory fds,
 * and naming a directory by walking "..".
 */
#ifndef SLEIGHT_SYS_FS_H
#define SLEIGHT_SYS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "file.h"
#include "compiler.h"
#include "uapi/fcntl.h"
#include "vfs.h"

/* Largest count one read/write moves (Linux MAX_RW_COUNT). */
#define RW_COUNT_MAX 0x7ffff000u

/*
 * user_path - copy the user path upath into a new PATH_MAX-byte kernel
 * buffer *out (free with path_put). -EFAULT, -ENAMETOOLONG (no NUL in
 * PATH_MAX bytes), -ENOENT for "" unless empty_ok, -ENOMEM.
 */
int user_path(const char __user *upath, bool empty_ok, char **out);
void path_put(char *path);

/* user_range_ok - [p, p + n) lies in user space without wrapping. */
bool user_range_ok(const void __user *p, size_t n);

/*
 * A lookup context for an *at() call: the process's root and cwd, or the
 * directory open at dirfd (held by dirf) for a relative path.
 */
struct at_ctx {
	struct vfs_ctx ctx;
	struct cred cred;  /* the caller's effective ids */
	struct file *dirf; /* referenced, or NULL */
};

/*
 * at_begin - set up a for resolving path relative to dirfd (AT_FDCWD:
 * the cwd; ignored for an absolute path). -EBADF (dirfd not open),
 * -ENOTDIR (not a directory). at_end releases what it took.
 */
int at_begin(struct at_ctx *a, int dirfd, const char *path);
void at_end(struct at_ctx *a);

/*
 * at_lookup - resolve the user path upath relative to dirfd with
 * LOOKUP_* flags; with AT_EMPTY_PATH in at_flags an empty path names
 * dirfd itself. On 0, *out holds a reference.
 */
int at_lookup(int dirfd, const char __user *upath, int lookup_flags,
	      int at_flags, struct inode **out);

/*
 * dir_path - the absolute path of the directory dir as seen from root,
 * built into buf[0..size) by walking ".." (getcwd(3) style), with its
 * NUL. Returns the length with the NUL, -ENOENT if dir was removed,
 * -ERANGE if size is too small, -ENOMEM.
 */
long dir_path(struct inode *root, struct inode *dir, char *buf, size_t size);

#endif
