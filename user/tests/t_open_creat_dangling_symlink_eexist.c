/*
 * t_open_creat_dangling_symlink_eexist - open(O_CREAT) through a symlink
 * whose target does not exist must create the target.
 *
 * Bug: Sleight looked the path up, found nothing behind the link, then
 * tried to create the link's own name and failed with EEXIST. Linux
 * (open(2), path_openat) follows the link and creates its target;
 * O_EXCL refuses any existing name, a link included; O_NOFOLLOW refuses
 * the link with ELOOP. The same binary passes on the host Linux.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "testlib.h"

static char dir[64];

static const char *at(const char *name)
{
	static char buf[4][128];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static void creates_the_target(void)
{
	struct stat st;
	char buf[8] = { 0 };
	int fd;

	check(symlink("target", at("link")) == 0, "made link -> target");
	check(symlink("link", at("chain")) == 0, "made chain -> link");
	fd = open(at("chain"), O_CREAT | O_WRONLY, 0640);
	check(fd >= 0, "open(chain, O_CREAT) succeeds (errno %d %s)",
	      fd < 0 ? errno : 0, fd < 0 ? strerror(errno) : "");
	if (fd >= 0) {
		check_eq(write(fd, "made", 4), 4, "write through the link");
		close(fd);
	}
	check(lstat(at("target"), &st) == 0 && S_ISREG(st.st_mode),
	      "the target is a regular file now");
	check_eq(st.st_mode & 0777, 0640, "with the mode asked for");
	fd = open(at("target"), O_RDONLY);
	check_eq(read(fd, buf, sizeof(buf)), 4, "its bytes are there");
	close(fd);
	check(lstat(at("link"), &st) == 0 && S_ISLNK(st.st_mode),
	      "the link is still a link");
}

static void refusals(void)
{
	check(symlink("gone", at("dangling")) == 0, "made dangling -> gone");
	check_errno(open(at("dangling"), O_CREAT | O_EXCL | O_WRONLY, 0644),
		    EEXIST, "O_EXCL refuses the existing link");
	check_errno(open(at("dangling"), O_CREAT | O_NOFOLLOW | O_WRONLY,
			 0644), ELOOP, "O_NOFOLLOW refuses the link");
	check_errno(access(at("gone"), F_OK), ENOENT,
		    "and neither made the target");
	check(symlink("nodir/x", at("deep")) == 0, "made deep -> nodir/x");
	check_errno(open(at("deep"), O_CREAT | O_WRONLY, 0644), ENOENT,
		    "a target in a missing directory is ENOENT");
	check(symlink("newdir/", at("slash")) == 0, "made slash -> newdir/");
	check_errno(open(at("slash"), O_CREAT | O_WRONLY, 0644), EISDIR,
		    "a target with a trailing slash is EISDIR");
	check(symlink("b", at("a")) == 0 && symlink("a", at("b")) == 0,
	      "made the loop a -> b -> a");
	check_errno(open(at("a"), O_CREAT | O_WRONLY, 0644), ELOOP,
		    "a loop is ELOOP");
}

int main(int argc, char **argv)
{
	static const char *names[] = { "link", "chain", "target", "dangling",
				       "deep", "slash", "a", "b" };

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_dangling.%d", (int)getpid());
	check(mkdir(dir, 0755) == 0, "made %s", dir);
	creates_the_target();
	refusals();
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unlink(at(names[i]));
	check(rmdir(dir) == 0, "nothing else was left in %s", dir);
	return test_done();
}
