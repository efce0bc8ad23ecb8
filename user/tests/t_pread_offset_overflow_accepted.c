/*
 * t_pread_offset_overflow_accepted - pread and pwrite refuse a range
 * whose end lies past the largest file offset, as Linux does.
 *
 * Bug: pread64 and pwrite64 checked only that the offset was not
 * negative. An offset near 2^63 - 1 whose range end overflows was read
 * as end of file (0) or refused with EFBIG, where Linux's
 * rw_verify_area answers EINVAL. Found by probing the sweep's huge
 * values. Raw syscall() with the i386 register pairs (low word first).
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>

#define LO(x)	((long)(uint32_t)(x))
#define HI(x)	((long)(uint32_t)((uint64_t)(x) >> 32))

int main(int argc, char **argv)
{
	const int64_t max = INT64_MAX;
	char path[64], buf[16] = "0123456789abcdef";
	int fd;

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_pread_overflow.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "create a file");
	if (fd < 0)
		return test_done();
	check_errno(syscall(SYS_pread64, fd, buf, 16, LO(max), HI(max)),
		    EINVAL, "pread of 16 bytes at 2^63 - 1");
	check_errno(syscall(SYS_pread64, fd, buf, 16, LO(max - 8),
			    HI(max - 8)), EINVAL,
		    "pread of 16 bytes at 2^63 - 9");
	check_errno(syscall(SYS_pwrite64, fd, buf, 16, LO(max - 8),
			    HI(max - 8)), EINVAL,
		    "pwrite of 16 bytes at 2^63 - 9");
	check_eq(syscall(SYS_pread64, fd, buf, 16, LO(max - 16),
			 HI(max - 16)), 0,
		 "pread ending exactly at 2^63 - 1 reads end of file");
	check_eq(syscall(SYS_pread64, fd, buf, 0, LO(max), HI(max)), 0,
		 "pread of 0 bytes at 2^63 - 1");
	check_errno(syscall(SYS_pread64, -1, buf, 16, LO(max), HI(max)),
		    EBADF, "a bad descriptor comes first");
	close(fd);
	unlink(path);
	return test_done();
}
