/*
 * t_tmpfs_file_op_edge_wrong - the everyday file operations on /tmp behave
 * as POSIX says.
 *
 * Bug: the in-memory file system gets an edge wrong. Data is lost when a
 * file grows, lseek/pread/pwrite use or move the wrong offset, O_APPEND
 * writes in the middle, O_EXCL/O_TRUNC are ignored, rename over an
 * existing file leaks or loses it, an unlinked but open file is freed too
 * early, link counts drift, symlinks resolve wrongly, rmdir removes a
 * non-empty directory, stat reports stale fields, or the wrong errno
 * comes back.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>

static char dir[64];

static const char *at(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

/* slurp - read a whole file into buf (NUL-terminated); length or -1. */
static int slurp(const char *path, char *buf, int cap)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	if (fd < 0)
		return -1;
	while (n < cap - 1 && (r = read(fd, buf + n, cap - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	close(fd);
	return n;
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, s, strlen(s)) == (ssize_t)strlen(s);
	close(fd);
	return ok ? 0 : -1;
}

static void read_write_seek(void)
{
	static char big[20000], back[20000];
	char buf[64];
	int fd, i;

	fd = open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0640);
	check(fd >= 0, "create a new file with O_EXCL");
	for (i = 0; i < (int)sizeof(big); i++)
		big[i] = (char)(i * 13 + (i >> 8));
	check_eq(write(fd, big, sizeof(big)), sizeof(big),
		 "write 20000 bytes (several pages)");
	check_eq(lseek(fd, 0, SEEK_CUR), 20000, "offset after write");
	check_eq(lseek(fd, 0, SEEK_SET), 0, "lseek SEEK_SET 0");
	check(read(fd, back, sizeof(back)) == sizeof(back) &&
	      memcmp(big, back, sizeof(big)) == 0, "read back intact");
	check_eq(read(fd, buf, 1), 0, "read at end of file returns 0");
	check_eq(lseek(fd, -10, SEEK_END), 19990, "lseek SEEK_END -10");
	check_eq(lseek(fd, 5, SEEK_CUR), 19995, "lseek SEEK_CUR +5");
	check_errno(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to -1");
	check_eq(pwrite(fd, "XYZ", 3, 100), 3, "pwrite at 100");
	check_eq(lseek(fd, 0, SEEK_CUR), 19995, "pwrite leaves the offset");
	check(pread(fd, buf, 5, 99) == 5 && buf[0] == big[99] &&
	      memcmp(buf + 1, "XYZ", 3) == 0 && buf[4] == big[103],
	      "pread sees the pwrite");
	check_eq(lseek(fd, 0, SEEK_CUR), 19995, "pread leaves the offset");
	check_eq(lseek(fd, 30000, SEEK_SET), 30000, "lseek past the end");
	check_eq(write(fd, "E", 1), 1, "write after a hole");
	check(pread(fd, buf, 4, 25000) == 4 && !buf[0] && !buf[1] && !buf[3],
	      "the hole reads as zeros");
	check_eq(ftruncate(fd, 10), 0, "ftruncate to 10");
	check_eq(lseek(fd, 0, SEEK_END), 10, "size is now 10");
	close(fd);
	check_errno(open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST,
		    "O_EXCL on an existing file");
	fd = open(at("a"), O_RDWR | O_TRUNC);
	check(fd >= 0 && lseek(fd, 0, SEEK_END) == 0, "O_TRUNC empties it");
	close(fd);
}

static void append(void)
{
	char buf[64];
	int fd;

	put(at("ap"), "start-");
	fd = open(at("ap"), O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	write(fd, "one-", 4);
	lseek(fd, 2, SEEK_SET);
	write(fd, "two", 3);
	close(fd);
	slurp(at("ap"), buf, sizeof(buf));
	check(strcmp(buf, "start-one-two") == 0,
	      "O_APPEND writes always go to the end (\"%s\")", buf);
}

static void stat_fields(void)
{
	struct stat st;

	put(at("s"), "12345");
	check(stat(at("s"), &st) == 0 && st.st_size == 5 &&
	      S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644 &&
	      st.st_nlink == 1, "stat: regular, 0644, size 5, nlink 1 "
	      "(mode 0%o size %lld nlink %u)", st.st_mode,
	      (long long)st.st_size, (unsigned)st.st_nlink);
	check(stat(dir, &st) == 0 && S_ISDIR(st.st_mode),
	      "stat of a directory: S_ISDIR");
	check_eq(chmod(at("s"), 0600), 0, "chmod 0600");
	check(stat(at("s"), &st) == 0 && (st.st_mode & 0777) == 0600,
	      "chmod shows in stat");
}

static void rename_unlink(void)
{
	char buf[64];
	struct stat st;
	int fd;

	put(at("r1"), "first");
	put(at("r2"), "second");
	check_eq(rename(at("r1"), at("r3")), 0, "rename to a new name");
	check_errno(open(at("r1"), O_RDONLY), ENOENT, "old name is gone");
	check(slurp(at("r3"), buf, sizeof(buf)) == 5 && !strcmp(buf, "first"),
	      "new name has the data");
	fd = open(at("r2"), O_RDONLY);
	check_eq(rename(at("r3"), at("r2")), 0, "rename over a file");
	check(slurp(at("r2"), buf, sizeof(buf)) == 5 && !strcmp(buf, "first"),
	      "the target name now has the moved file");
	check(read(fd, buf, sizeof(buf)) == 6 && !memcmp(buf, "second", 6),
	      "the replaced file stays readable through an open fd");
	close(fd);

	put(at("u"), "still here");
	fd = open(at("u"), O_RDONLY);
	check_eq(unlink(at("u")), 0, "unlink an open file");
	check_errno(stat(at("u"), &st), ENOENT, "the name is gone");
	check(read(fd, buf, sizeof(buf)) == 10 && !memcmp(buf, "still here",
							   10),
	      "its data is readable through the open fd");
	check(fstat(fd, &st) == 0 && st.st_nlink == 0,
	      "fstat of the unlinked file: nlink 0");
	close(fd);
	check_errno(unlink(at("u")), ENOENT, "unlink twice");
}

static void links(void)
{
	struct stat st;
	char buf[128];
	ssize_t n;

	put(at("l1"), "linked");
	check_eq(link(at("l1"), at("l2")), 0, "link");
	check(stat(at("l1"), &st) == 0 && st.st_nlink == 2, "nlink is 2");
	check_errno(link(at("l1"), at("l2")), EEXIST, "link onto an "
		    "existing name");
	unlink(at("l1"));
	check(stat(at("l2"), &st) == 0 && st.st_nlink == 1 &&
	      slurp(at("l2"), buf, sizeof(buf)) == 6, "after unlink of one "
	      "name the other keeps data and nlink is 1");

	check_eq(symlink("l2", at("sym")), 0, "symlink (relative target)");
	n = readlink(at("sym"), buf, sizeof(buf));
	check(n == 2 && !memcmp(buf, "l2", 2), "readlink gives the target");
	check(slurp(at("sym"), buf, sizeof(buf)) == 6 && !strcmp(buf,
								   "linked"),
	      "open follows the symlink");
	check(lstat(at("sym"), &st) == 0 && S_ISLNK(st.st_mode),
	      "lstat sees a symlink");
	check_errno(readlink(at("l2"), buf, sizeof(buf)), EINVAL,
		    "readlink of a regular file");
	check_eq(symlink("nowhere", at("dangling")), 0, "dangling symlink");
	check_errno(open(at("dangling"), O_RDONLY), ENOENT,
		    "opening a dangling symlink");
}

static void dirs(void)
{
	char cwd[256], here[256];
	struct stat st;

	check_eq(mkdir(at("d"), 0755), 0, "mkdir");
	check_errno(mkdir(at("d"), 0755), EEXIST, "mkdir existing");
	check(stat(at("d"), &st) == 0 && st.st_nlink == 2,
	      "a new directory has nlink 2");
	put(at("d/f"), "x");
	check_errno(rmdir(at("d")), ENOTEMPTY, "rmdir a non-empty directory");
	check_errno(open(at("d/f/x"), O_RDONLY), ENOTDIR,
		    "a file used as a directory");
	check_errno(open(at("d"), O_WRONLY), EISDIR,
		    "open a directory for writing");
	check_errno(unlink(at("d")), EISDIR, "unlink a directory");
	check_errno(rmdir(at("d/f")), ENOTDIR, "rmdir a file");
	check_errno(open(at("nope/x"), O_RDONLY), ENOENT,
		    "missing directory in the path");
	check_errno(open(at("nope"), O_RDONLY), ENOENT, "missing file");
	check_errno(open("", O_RDONLY), ENOENT, "empty path");

	getcwd(cwd, sizeof(cwd));
	check_eq(chdir(at("d")), 0, "chdir");
	check(getcwd(here, sizeof(here)) && !strcmp(here, at("d")),
	      "getcwd reports the new directory (%s)", here);
	check(slurp("f", here, sizeof(here)) == 1,
	      "relative paths resolve from the cwd");
	check(slurp("../d/./f", here, sizeof(here)) == 1,
	      "'.' and '..' in paths");
	check_errno(chdir("f"), ENOTDIR, "chdir to a file");
	chdir(cwd);
	unlink(at("d/f"));
	check_eq(rmdir(at("d")), 0, "rmdir the emptied directory");
	check_errno(stat(at("d"), &st), ENOENT, "it is gone");
}

int main(int argc, char **argv)
{
	static const char *names[] = { "a", "ap", "s", "r2", "l2", "sym",
				       "dangling" };
	unsigned i;

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_tmpfs_file_op_edge_wrong.%d",
		 (int)getpid());
	check_eq(mkdir(dir, 0755), 0, "mkdir the test directory");
	umask(022);
	read_write_seek();
	append();
	stat_fields();
	rename_unlink();
	links();
	dirs();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(at(names[i]));
	check_eq(rmdir(dir), 0, "everything cleaned up");
	return test_done();
}
