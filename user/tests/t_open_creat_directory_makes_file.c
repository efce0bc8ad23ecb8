/*
 * t_open_creat_directory_makes_file - open with O_CREAT | O_DIRECTORY
 * is EINVAL, as on Linux since 6.4.
 *
 * Bug: open(path, O_CREAT | O_DIRECTORY) created a regular file and
 * returned a descriptor for it, though the caller asked for a
 * directory; Linux refuses the combination outright (EINVAL, before it
 * looks at the path), whether or not the name exists. Found by
 * comparing probes of the fuzzer's calls with the host.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	char dir[64], path[96];
	struct stat st;

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_creat_dir.%d", getpid());
	check(mkdir(dir, 0700) == 0, "make a directory");
	snprintf(path, sizeof(path), "%s/new", dir);
	check_errno(syscall(SYS_open, path, O_RDONLY | O_CREAT | O_DIRECTORY,
			    0600), EINVAL, "O_CREAT | O_DIRECTORY, new name");
	check(lstat(path, &st) == -1 && errno == ENOENT,
	      "... made nothing");
	check_errno(syscall(SYS_open, dir, O_RDONLY | O_CREAT | O_DIRECTORY,
			    0600), EINVAL,
		    "O_CREAT | O_DIRECTORY, an existing directory");
	check_errno(syscall(SYS_openat, AT_FDCWD, NULL,
			    O_RDONLY | O_CREAT | O_DIRECTORY, 0600), EINVAL,
		    "the flags are refused before the path is read");
	rmdir(dir);
	return test_done();
}
