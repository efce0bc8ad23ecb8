/*
 * t_dup_copies_cloexec_flag - descriptor duplication follows POSIX and
 * Linux.
 *
 * Bug: the descriptor table confuses the per-descriptor flag with the
 * shared open-file state. dup copies FD_CLOEXEC (it must clear it),
 * F_DUPFD_CLOEXEC does not set it, dup2(fd, fd) closes fd, dup3(fd, fd)
 * is accepted, dup2 onto an open descriptor leaks the old file, F_DUPFD
 * ignores its lower bound, or duplicated descriptors stop sharing the
 * file offset.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/syscall.h>

static char path[64];

static int cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFD);

	return fl < 0 ? -1 : !!(fl & FD_CLOEXEC);
}

static void dup_flags(void)
{
	int fd = open(path, O_RDWR | O_CLOEXEC), d;

	check_eq(cloexec(fd), 1, "O_CLOEXEC sets FD_CLOEXEC");
	d = dup(fd);
	check(d > fd, "dup gives a new descriptor (%d)", d);
	check_eq(cloexec(d), 0, "dup clears FD_CLOEXEC on the copy");
	check_eq(cloexec(fd), 1, "dup leaves the original's flag");
	close(d);

	d = fcntl(fd, F_DUPFD, 40);
	check_eq(d, 40, "F_DUPFD gives the lowest free fd >= 40");
	check_eq(cloexec(d), 0, "F_DUPFD clears FD_CLOEXEC");
	close(d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 50);
	check_eq(d, 50, "F_DUPFD_CLOEXEC gives the lowest free fd >= 50");
	check_eq(cloexec(d), 1, "F_DUPFD_CLOEXEC sets FD_CLOEXEC");
	check_eq(fcntl(fd, F_DUPFD, 50), 51, "F_DUPFD skips a used fd");
	close(51);
	close(d);

	check_eq(fcntl(fd, F_SETFD, 0), 0, "F_SETFD 0");
	check_eq(cloexec(fd), 0, "F_GETFD shows it cleared");
	check_eq(fcntl(fd, F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
	check_eq(cloexec(fd), 1, "F_GETFD shows it set");
	check_errno(fcntl(fd, F_DUPFD, -1), EINVAL, "F_DUPFD below 0");
	check_errno(fcntl(99, F_GETFD), EBADF, "F_GETFD on a closed fd");
	check_errno(dup(99), EBADF, "dup of a closed fd");
	close(fd);
}

static void dup2_cases(void)
{
	int fd = open(path, O_RDWR | O_CLOEXEC), other, d;
	char c;

	check_eq(dup2(fd, fd), fd, "dup2(fd, fd) returns fd");
	check_eq(cloexec(fd), 1, "dup2(fd, fd) keeps FD_CLOEXEC");
	/* raw dup3: the C library checks some of these itself */
	check_errno(syscall(SYS_dup3, fd, fd, 0), EINVAL, "dup3(fd, fd, 0)");
	check_errno(syscall(SYS_dup3, fd, 80, 0x1234), EINVAL,
		    "dup3 with bad flags");
	check_errno(dup2(99, 60), EBADF, "dup2 from a closed fd");

	other = open("/dev/null", O_RDONLY);
	d = dup2(fd, other);
	check_eq(d, other, "dup2 onto an open fd returns it");
	check_eq(cloexec(other), 0, "dup2 target has FD_CLOEXEC clear");
	lseek(fd, 0, SEEK_SET);
	check(read(other, &c, 1) == 1 && c == 'h',
	      "the target now refers to the file, not /dev/null");
	d = syscall(SYS_dup3, fd, other, O_CLOEXEC);
	check(d == other && cloexec(other) == 1, "dup3 O_CLOEXEC sets it");
	close(other);
	check_eq(dup2(fd, 70), 70, "dup2 onto a free fd");
	check_eq(cloexec(70), 0, "and its FD_CLOEXEC is clear");
	close(70);
	close(fd);
}

static void shared_offset(void)
{
	int fd = open(path, O_RDWR), d;
	char buf[4];

	d = dup(fd);
	check(read(fd, buf, 3) == 3 && !memcmp(buf, "hel", 3), "read 3");
	check_eq(lseek(d, 0, SEEK_CUR), 3, "the dup shares the offset");
	check(read(d, buf, 2) == 2 && !memcmp(buf, "lo", 2),
	      "reading the dup continues where the original stopped");
	check_eq(lseek(fd, 0, SEEK_CUR), 5, "and moves the original's");
	fcntl(d, F_SETFL, O_APPEND);
	check(fcntl(fd, F_GETFL) & O_APPEND,
	      "file status flags are shared too");
	close(fd);
	check(read(d, buf, 1) == 1 && buf[0] == ' ',
	      "the dup works after the original is closed");
	close(d);
	check_errno(close(d), EBADF, "close twice");
}

int main(int argc, char **argv)
{
	int fd;

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_dup_copies_cloexec_flag.%d",
		 (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0 && write(fd, "hello world", 11) == 11,
	      "create a test file");
	close(fd);
	dup_flags();
	dup2_cases();
	shared_offset();
	unlink(path);
	return test_done();
}
