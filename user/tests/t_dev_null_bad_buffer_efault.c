/*
 * t_dev_null_bad_buffer_efault - writing a bad buffer to /dev/null (or
 * /dev/zero) succeeds with the full count, as on Linux.
 *
 * Bug: write copies the user buffer into the kernel before the device's
 * write op sees it, so a write to /dev/null from an unmapped page (or
 * NULL) fails with EFAULT. Linux's null device never reads the buffer
 * (drivers/char/mem.c write_null returns count; /dev/zero writes are the
 * same op), so only the range check of write(2) itself applies. Reads of
 * /dev/null return 0 without touching the buffer either; /dev/full still
 * says ENOSPC. writev and pwrite go the same way.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static void sink(const char *dev, void *gone)
{
	struct iovec iov[2] = { { gone, 100 }, { NULL, 28 } };
	int fd = open(dev, O_RDWR);

	check(fd >= 0, "open %s", dev);
	check_eq(syscall(SYS_write, fd, gone, 4096), 4096,
		 "write from an unmapped page returns the count");
	check_eq(syscall(SYS_write, fd, NULL, 16), 16,
		 "write from NULL returns the count");
	check_eq(syscall(SYS_writev, fd, iov, 2), 128,
		 "writev of unmapped pieces returns the total");
	check_eq(syscall(SYS_pwrite64, fd, gone, 64, 0, 0), 64,
		 "pwrite from an unmapped page returns the count");
	close(fd);
}

int main(int argc, char **argv)
{
	void *gone = unmapped_page();
	int fd;

	test_init(argv);
	check(gone != NULL, "an unmapped page");
	sink("/dev/null", gone);
	sink("/dev/zero", gone);
	fd = open("/dev/null", O_RDONLY);
	check_eq(syscall(SYS_read, fd, gone, 100), 0,
		 "read of /dev/null into an unmapped page returns 0");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	check_errno(syscall(SYS_write, fd, gone, 100), ENOSPC,
		    "write to /dev/full from an unmapped page is ENOSPC");
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	check_errno(syscall(SYS_read, fd, gone, 100), EFAULT,
		    "read of /dev/zero into an unmapped page is still EFAULT");
	close(fd);
	return test_done();
}
