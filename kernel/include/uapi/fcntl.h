/*
 * uapi/fcntl.h - open(2) flags, fcntl(2) commands and lock types, the
 * descriptor flag, lseek(2) whence and the *at() flags: the Linux i386
 * values (asm-generic/fcntl.h, linux/fcntl.h, linux/fs.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: open(2), fcntl(2), lseek(2), openat(2).
 */
#ifndef SLEIGHT_UAPI_FCNTL_H
#define SLEIGHT_UAPI_FCNTL_H

/* open(2) flags, Linux i386 values. */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_CLOEXEC 02000000

#define FD_CLOEXEC 1

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

#define AT_FDCWD (-100)

/* *at() flags (Linux include/uapi/linux/fcntl.h). */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200 /* faccessat2 */
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

/* fcntl(2) commands (Linux asm-generic/fcntl.h). */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_SETOWN 8
#define F_GETOWN 9
#define F_GETLK64 12
#define F_SETLK64 13
#define F_SETLKW64 14
#define F_DUPFD_CLOEXEC 1030
#define F_GETPIPE_SZ 1032

#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

/* i386 struct flock (32-bit offsets) and struct flock64, in bytes. */
#define FLOCK_SIZE 16
#define FLOCK64_SIZE 24

#endif
