/*
 * t_mknod_bad_type_creates_node - mknod refuses a file type that does
 * not exist, as Linux does.
 *
 * Bug: mknod took any S_IFMT bits except directory and symlink, so
 * mode 0170000 (or 0030000, 0050000...) made an inode of no known type
 * that stat then reported and every S_ISxxx test missed. Linux answers
 * EINVAL for those, EPERM for S_IFDIR, and makes a regular file for
 * type 0. Found by comparing probes of the fuzzer's calls with the host.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	static const unsigned bad[] = { 0030000, 0050000, 0070000, 0110000,
					0130000, 0150000, 0160000, 0170000,
					0120000 /* S_IFLNK */ };
	char dir[64], path[96];
	struct stat st;
	size_t i;

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_mknod_type.%d", getpid());
	check(mkdir(dir, 0700) == 0, "make a directory");
	snprintf(path, sizeof(path), "%s/n", dir);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "mknod type %07o", bad[i]);
		check_errno(syscall(SYS_mknod, path, bad[i] | 0600, 0), EINVAL,
			    what);
		check(lstat(path, &st) == -1 && errno == ENOENT,
		      "... and nothing was made");
		unlink(path);
	}
	check_errno(syscall(SYS_mknod, path, S_IFDIR | 0700, 0), EPERM,
		    "mknod S_IFDIR");
	check_eq(syscall(SYS_mknod, path, 0600, 0), 0, "mknod type 0");
	check(lstat(path, &st) == 0 && S_ISREG(st.st_mode),
	      "... makes a regular file");
	unlink(path);
	check_eq(syscall(SYS_mknod, path, S_IFIFO | 0600, 0), 0,
		 "mknod S_IFIFO");
	unlink(path);
	rmdir(dir);
	return test_done();
}
