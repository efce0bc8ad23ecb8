/*
 * t_iovec_einval_for_kernel_base_and_huge_total - readv and writev check
 * their iovec arrays in Linux's order and clamp a huge total instead of
 * refusing it.
 *
 * Bug: the iovec array is checked one entry at a time, length and address
 * together, and the running total may not pass SSIZE_MAX: a kernel-space
 * iov_base next to a negative length gives the wrong error, and two
 * lengths of 2^31 - 1 give EINVAL. Linux (lib/iov_iter.c,
 * copy_compat_iovec_from_user then __import_iovec) first refuses any
 * single length above SSIZE_MAX with EINVAL, then checks every address
 * (EFAULT), and clamps the total to MAX_RW_COUNT (INT_MAX & PAGE_MASK),
 * moving what it can. Raw syscalls, so musl cannot intervene.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#define KADDR		((void *)0xC0000000)
#define MAX_RW_COUNT	0x7ffff000L

static char buf[8192];	/* in .bss, low in memory: base + 2^31 fits */

static void order_of_checks(int rd, int zero)
{
	struct iovec bad_len[2] = { { KADDR, 16 }, { buf, 0x80000000u } };
	struct iovec kbase[2] = { { buf, 1 }, { KADDR, 16 } };

	check_errno(syscall(SYS_readv, rd, bad_len, 2), EINVAL,
		    "readv: a length over SSIZE_MAX is EINVAL even after a "
		    "kernel iov_base");
	check_errno(syscall(SYS_writev, rd, bad_len, 2), EBADF,
		    "writev on a read end is EBADF first");
	check_errno(syscall(SYS_readv, zero, kbase + 1, 1), EFAULT,
		    "readv of /dev/zero into a kernel-space iov_base is "
		    "EFAULT");
	check_errno(syscall(SYS_readv, rd, kbase, 1025), EINVAL,
		    "readv with 1025 iovecs is EINVAL");
	check_errno(syscall(SYS_readv, rd, kbase, -1), EINVAL,
		    "readv with -1 iovecs is EINVAL");
}

static void kernel_bases(int rd, int wr)
{
	struct iovec k = { KADDR, 16 };

	write(wr, "0123456789", 10);
	check_errno(syscall(SYS_readv, rd, &k, 1), EFAULT,
		    "readv into 0xC0000000 is EFAULT");
	check_errno(syscall(SYS_writev, wr, &k, 1), EFAULT,
		    "writev from 0xC0000000 is EFAULT");
	check_eq(read(rd, buf, sizeof(buf)), 10,
		 "the queued bytes are untouched");
}

static void huge_totals(const char *path)
{
	struct iovec two[2] = { { buf, 0x7fffffff }, { buf, 0x7fffffff } };
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int null = open("/dev/null", O_WRONLY);

	check(fd >= 0 && write(fd, "0123456789", 10) == 10,
	      "a 10-byte file");
	lseek(fd, 0, SEEK_SET);
	check_eq(syscall(SYS_readv, fd, two, 2), 10,
		 "readv of 2 x (2^31-1) bytes from a 10-byte file reads 10");
	check_eq(syscall(SYS_writev, null, two, 2), MAX_RW_COUNT,
		 "writev of 2 x (2^31-1) bytes to /dev/null is clamped to "
		 "MAX_RW_COUNT");
	close(null);
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	char path[64];
	int p[2];

	test_init(argv);
	if (pipe(p)) {
		check(0, "pipe");
		return test_done();
	}
	order_of_checks(p[0], open("/dev/zero", O_RDONLY));
	kernel_bases(p[0], p[1]);
	snprintf(path, sizeof(path), "/tmp/t_iovec.%d", (int)getpid());
	huge_totals(path);
	return test_done();
}
