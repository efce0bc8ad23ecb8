/*
 * t_lseek_seek_data_hole_einval - lseek answers SEEK_DATA and SEEK_HOLE
 * on a regular file, as Linux does.
 *
 * Bug: lseek knew only SEEK_SET, SEEK_CUR and SEEK_END and gave EINVAL
 * for SEEK_DATA (3) and SEEK_HOLE (4), which Linux has answered for
 * every file since 3.1: with no hole map, the whole file is data and the
 * one hole starts at its end; an offset at or past the end is ENXIO.
 * Found by comparing probes of the fuzzer's calls with the host.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/syscall.h>

#define DATA	3
#define HOLE	4

int main(int argc, char **argv)
{
	char path[64];
	int fd;

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_seek_data.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0 && write(fd, "hello", 5) == 5, "a five-byte file");
	check_eq(syscall(SYS_lseek, fd, 0, DATA), 0, "SEEK_DATA from 0");
	check_eq(syscall(SYS_lseek, fd, 2, DATA), 2, "SEEK_DATA from 2");
	check_eq(syscall(SYS_lseek, fd, 0, HOLE), 5, "SEEK_HOLE from 0");
	check_eq(syscall(SYS_lseek, fd, 0, SEEK_CUR), 5,
		 "... and the offset moved there");
	check_eq(syscall(SYS_lseek, fd, 4, HOLE), 5, "SEEK_HOLE from 4");
	check_errno(syscall(SYS_lseek, fd, 5, DATA), ENXIO,
		    "SEEK_DATA at the end");
	check_errno(syscall(SYS_lseek, fd, 5, HOLE), ENXIO,
		    "SEEK_HOLE at the end");
	check_errno(syscall(SYS_lseek, fd, -1, DATA), ENXIO,
		    "SEEK_DATA from -1");
	check_errno(syscall(SYS_lseek, fd, 0, 5), EINVAL, "whence 5");
	close(fd);
	unlink(path);
	return test_done();
}
