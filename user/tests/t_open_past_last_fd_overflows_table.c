/*
 * t_open_past_last_fd_overflows_table - running out of descriptors fails
 * cleanly with EMFILE and recovers.
 *
 * Bug: the descriptor table overflows. open past the last slot writes
 * beyond the table or returns a descriptor that is not usable, the error
 * is not EMFILE, a failed open leaks the file it opened, or slots are not
 * reusable after close. Sleight has exactly 256 descriptors per process;
 * on Linux RLIMIT_NOFILE is set to 256 so the same numbers hold.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/resource.h>

#define NOFILE 256

int main(int argc, char **argv)
{
	struct rlimit rl = { NOFILE, NOFILE };
	int fd, preopen = 0, opened = 0, highest = -1, usable = 1, p[2];
	int err;

	test_init(argv);
	if (!on_sleight())
		check_eq(setrlimit(RLIMIT_NOFILE, &rl), 0,
			 "setrlimit(RLIMIT_NOFILE, 256)");
	for (fd = 0; fd < NOFILE; fd++)
		preopen += fcntl(fd, F_GETFD) >= 0;
	while ((fd = open("/dev/null", O_RDWR)) >= 0) {
		opened++;
		if (fd > highest)
			highest = fd;
		if (opened > 2 * NOFILE)
			break;
	}
	err = errno;
	check(fd == -1 && err == EMFILE, "open fails with EMFILE (errno %d)",
	      err);
	check_eq(opened + preopen, NOFILE, "exactly 256 descriptors fit");
	check_eq(highest, NOFILE - 1, "the last one is fd 255");
	check_errno(dup(0), EMFILE, "dup with a full table");
	check_errno(pipe(p), EMFILE, "pipe with a full table");
	check_errno(fcntl(0, F_DUPFD, 0), EMFILE, "F_DUPFD with a full table");
	check_errno(fcntl(0, F_DUPFD, NOFILE), EINVAL,
		    "F_DUPFD at the limit gives EINVAL");
	check_errno(dup2(0, NOFILE), EBADF, "dup2 to fd 256 gives EBADF");
	usable = write(highest, "x", 1) == 1;
	check(usable, "fd 255 is usable");

	close(100);
	check_eq(open("/dev/null", O_RDONLY), 100,
		 "a freed slot is reused by the next open");
	for (fd = 3; fd < NOFILE; fd++)
		close(fd);
	fd = open("/dev/null", O_RDONLY);
	check_eq(fd, 3, "after closing all, open gives the lowest fd");
	check(pipe(p) == 0, "pipe works again");
	return test_done();
}
