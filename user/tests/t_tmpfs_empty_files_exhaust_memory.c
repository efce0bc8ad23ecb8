/*
 * t_tmpfs_empty_files_exhaust_memory - empty files must count against
 * tmpfs's limit.
 *
 * Bug: tmpfs budgeted only data pages, so empty files cost nothing
 * against it: 698,936 of them in /tmp left one free frame at -m 128 and
 * nothing could run. Linux caps a tmpfs's inodes (nr_inodes, half the
 * RAM pages by default); every new inode, and every extra hard link,
 * takes one, and past the cap creating a name fails with ENOSPC.
 *
 * On the host the fill would be the host's business (its /tmp may be a
 * disk, and filling /dev/shm would hurt it), so there the test proves
 * the accounting it relies on instead: on a tmpfs (/dev/shm), an empty
 * file takes one inode of f_ffree and so does a hard link. On Sleight
 * it fills /tmp with empty files until ENOSPC and checks that memory is
 * left, that every way of making a name is refused, and that unlinking
 * gives the room back.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include "vforklib.h"

#define TMPFS_MAGIC 0x01021994

static char dir[64];

static const char *name_of(long i)
{
	static char buf[2][96];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s/%ld", dir, i);
	return buf[k];
}

static long free_inodes(const char *path)
{
	struct statfs sf;

	return statfs(path, &sf) == 0 ? (long)sf.f_ffree : -1;
}

/* Host: how much of f_ffree does making one name take? (Retried: other
 * processes may make or remove files at the same time.) */
static long inodes_taken(const char *path, int hard_link)
{
	char a[64], b[64];
	long before, after = -1;

	snprintf(a, sizeof(a), "%s/t_empty_a.%d", path, (int)getpid());
	snprintf(b, sizeof(b), "%s/t_empty_b.%d", path, (int)getpid());
	for (int tries = 0; tries < 5; tries++) {
		int fd;

		if (hard_link)
			close(open(a, O_CREAT | O_WRONLY, 0600));
		before = free_inodes(path);
		if (hard_link) {
			if (link(a, b))
				return -1;
		} else if ((fd = open(b, O_CREAT | O_WRONLY, 0600)) >= 0) {
			close(fd);
		}
		after = free_inodes(path);
		unlink(b);
		unlink(a);
		if (before - after == 1)
			break;
	}
	return before - after;
}

static void host_accounting(void)
{
	struct statfs sf;

	if (statfs("/dev/shm", &sf) || sf.f_type != TMPFS_MAGIC) {
		skip("no tmpfs at /dev/shm on this host");
		return;
	}
	check(sf.f_files > 0, "Linux's tmpfs has an inode cap (%ld)",
	      (long)sf.f_files);
	check_eq(inodes_taken("/dev/shm", 0), 1,
		 "an empty file takes one inode of the cap");
	check_eq(inodes_taken("/dev/shm", 1), 1,
		 "a hard link takes one too");
}

static int run_helper(void)
{
	char *argv[] = { "exit_with", "0", NULL };
	int st = -1;
	pid_t p = vfork();

	if (p == 0) {
		execv(helper_path("exit_with"), argv);
		_exit(127);
	}
	if (p < 0)
		return -1;
	waitpid(p, &st, 0);
	return st;
}

/* Every way of making a new name is refused while the cap is reached. */
static void all_refused(void)
{
	check_errno(open(name_of(-1), O_CREAT | O_WRONLY, 0600), ENOSPC,
		    "open(O_CREAT) of one more file");
	check_errno(mkdir(name_of(-2), 0700), ENOSPC, "mkdir");
	check_errno(mknod(name_of(-3), S_IFIFO | 0600, 0), ENOSPC, "mknod");
	check_errno(symlink("0", name_of(-4)), ENOSPC, "symlink");
	check_errno(link(name_of(0), name_of(-5)), ENOSPC, "link");
}

static void sleight_fill(void)
{
	struct sysinfo s0, s1;
	long n = 0;
	int fd, err;

	check(sysinfo(&s0) == 0, "sysinfo");
	while ((fd = open(name_of(n), O_CREAT | O_WRONLY, 0600)) >= 0) {
		close(fd);
		n++;
	}
	err = errno;
	check(err == ENOSPC, "creating empty files ends in ENOSPC after %ld "
	      "(errno %d %s)", n, err, strerror(err));
	check(n > 1000, "more than 1000 fitted first");
	if (sysinfo(&s1))
		s1.freeram = 0;
	check(s1.freeram > s0.freeram / 2,
	      "more than half the free memory is left (%lu of %lu pages)",
	      s1.freeram, s0.freeram);
	all_refused();
	check_eq(run_helper(), 0, "a program still starts");
	check(unlink(name_of(n - 1)) == 0, "one file is removed");
	fd = open(name_of(n - 1), O_CREAT | O_WRONLY, 0600);
	check(fd >= 0, "and its room can be used again");
	close(fd);
	check_errno(open(name_of(n), O_CREAT | O_WRONLY, 0600), ENOSPC,
		    "but only once");
	for (long i = 0; i < n; i++)
		unlink(name_of(i));
}

int main(int argc, char **argv)
{
	test_init(argv);
	if (!on_sleight()) {
		host_accounting();
		return test_done();
	}
	snprintf(dir, sizeof(dir), "/tmp/t_empty.%d", (int)getpid());
	check(mkdir(dir, 0700) == 0, "made %s", dir);
	sleight_fill();
	check(rmdir(dir) == 0, "all removed");
	check(mkdir(dir, 0700) == 0 && rmdir(dir) == 0,
	      "names can be made again");
	return test_done();
}
