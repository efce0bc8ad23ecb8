/*
 * t_dev_zero_full_null_wrong_data - the character devices programs rely on
 * behave as on Linux.
 *
 * Bug: a device's read or write hook is wrong. /dev/null returns data or
 * a short write, /dev/zero leaves bytes of the caller's buffer unwritten
 * (or writes past the count), /dev/full accepts writes instead of ENOSPC,
 * or /dev/urandom returns a constant.
 */
#include "tests/testlib.h"

#include <fcntl.h>

static void dev_null(void)
{
	char buf[100];
	int fd = open("/dev/null", O_RDWR);

	check(fd >= 0, "open /dev/null");
	memset(buf, 'q', sizeof(buf));
	check_eq(read(fd, buf, sizeof(buf)), 0, "/dev/null reads EOF");
	check(buf[0] == 'q', "/dev/null read leaves the buffer alone");
	check_eq(write(fd, buf, sizeof(buf)), sizeof(buf),
		 "/dev/null swallows a write whole");
	check_eq(write(fd, buf, 0), 0, "/dev/null zero-length write");
	close(fd);
}

static void dev_zero(void)
{
	static char buf[10000];
	int fd = open("/dev/zero", O_RDWR), i, nz = 0;

	check(fd >= 0, "open /dev/zero");
	memset(buf, 'z', sizeof(buf));
	check_eq(read(fd, buf, 9000), 9000, "/dev/zero reads the full count");
	for (i = 0; i < 9000; i++)
		nz += buf[i] != 0;
	check_eq(nz, 0, "every byte read is zero");
	check(buf[9000] == 'z' && buf[9999] == 'z',
	      "nothing past the count is written");
	check_eq(write(fd, buf, 123), 123, "/dev/zero accepts writes");
	close(fd);
}

static void dev_full(void)
{
	char buf[16] = "xxxxxxxxxxxxxxx";
	int fd = open("/dev/full", O_RDWR);

	check(fd >= 0, "open /dev/full");
	check_errno(write(fd, "a", 1), ENOSPC, "write to /dev/full");
	check(read(fd, buf, sizeof(buf)) == sizeof(buf) && buf[0] == 0 &&
	      buf[15] == 0, "/dev/full reads zeros");
	close(fd);
}

static void dev_urandom(void)
{
	unsigned char a[64], b[64];
	int fd = open("/dev/urandom", O_RDONLY), i, same = 1;

	check(fd >= 0, "open /dev/urandom");
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	check(read(fd, a, sizeof(a)) == sizeof(a) &&
	      read(fd, b, sizeof(b)) == sizeof(b), "read 2 x 64 bytes");
	for (i = 1; i < 64; i++)
		same &= a[i] == a[0];
	check(!same, "the bytes are not all equal");
	check(memcmp(a, b, sizeof(a)) != 0, "two reads differ");
	close(fd);
	check_errno(open("/dev/no-such-device", O_RDONLY), ENOENT,
		    "a missing device node");
}

int main(int argc, char **argv)
{
	test_init(argv);
	dev_null();
	dev_zero();
	dev_full();
	dev_urandom();
	return test_done();
}
