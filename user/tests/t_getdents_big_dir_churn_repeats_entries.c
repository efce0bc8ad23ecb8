/*
 * t_getdents_big_dir_churn_repeats_entries - reading a big directory
 * while others create and remove names in it returns every name that
 * stays exactly once.
 *
 * Bug: with directories as hash tables that grow and shrink while they
 * are read, getdents offsets that follow the table (bucket order) repeat
 * or skip names that were there all along once a rehash falls between
 * two getdents calls. Sleight's offsets are cookies in creation order,
 * apart from the table; POSIX readdir leaves only the names added or
 * removed meanwhile unspecified. The
 * directory here grows from 3,000 to 6,000 names while it is read, in
 * small getdents buffers, so the table doubles on the way; odd names are
 * removed meanwhile. The same binary passes on the host Linux.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "testlib.h"

#define KEEP 3000
#define ADD 3000

static char dir[64];
static unsigned char seen[KEEP + ADD];

static const char *path_of(int i)
{
	static char buf[96];

	snprintf(buf, sizeof(buf), "%s/n%05d", dir, i);
	return buf;
}

static int make(int i)
{
	int fd = open(path_of(i), O_CREAT | O_EXCL | O_WRONLY, 0600);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* Tally one getdents64 buffer; returns names that are not ours. */
static int tally(const char *buf, long got, int *dots)
{
	int strange = 0;

	for (long off = 0; off < got;) {
		const struct dirent *d = (const void *)(buf + off);
		int i;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			(*dots)++;
		else if (sscanf(d->d_name, "n%d", &i) == 1 && i >= 0 &&
			 i < KEEP + ADD)
			seen[i]++;
		else
			strange++;
		off += d->d_reclen;
	}
	return strange;
}

int main(int argc, char **argv)
{
	static char buf[512];
	int fd, added = 0, removed = 1, made = 0, dots = 0, strange = 0;
	int calls = 0, once = 1, twice = 0;
	long got;

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_churn.%d", (int)getpid());
	check(mkdir(dir, 0700) == 0, "made %s", dir);
	for (int i = 0; i < KEEP; i++)
		made += make(i) == 0;
	check_eq(made, KEEP, "made the names that stay");
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		strange += tally(buf, got, &dots);
		calls++;
		for (int k = 0; k < 20 && added < ADD; k++)
			make(KEEP + added++);
		if (removed < KEEP) {
			unlink(path_of(removed));
			removed += 2;
		}
	}
	check(got == 0, "getdents ends cleanly after %d calls", calls);
	close(fd);
	for (int i = 0; i < KEEP; i += 2) {
		if (seen[i] != 1 && once)
			printf("n%05d returned %d times\n", i, seen[i]);
		once &= seen[i] == 1;
	}
	for (int i = 0; i < KEEP + ADD; i++)
		twice |= seen[i] > 1;
	check(once, "every name that stayed came back exactly once");
	check(!twice, "no name came back twice");
	check_eq(dots, 2, "\".\" and \"..\" once each");
	check_eq(strange, 0, "no name that was never made");
	for (int i = 0; i < KEEP + ADD; i++)
		unlink(path_of(i));
	check(rmdir(dir) == 0, "removed %s", dir);
	return test_done();
}
