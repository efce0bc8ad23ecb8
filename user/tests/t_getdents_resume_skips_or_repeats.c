/*
 * t_getdents_resume_skips_or_repeats - readdir lists exactly the entries of
 * a directory.
 *
 * Bug: getdents packs or resumes records wrongly. Entries are skipped or
 * repeated when a directory needs more than one getdents call (the
 * resume offset is off by one record), d_reclen does not match the name
 * length so the C library walks into garbage, "." or ".." is missing, or
 * a removed file still shows up.
 */
#include "tests/testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define N 64

static char dir[64];

static void name_of(int i, char *buf, size_t cap)
{
	/* lengths 1..64-ish so records of many sizes are packed */
	snprintf(buf, cap, "f%02d_%.*s", i, i,
		 "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm");
}

/* scan - count how often each expected name appears; returns the number
 * of entries that are not expected names (and not . or ..). */
static int scan(int seen[N], int *dots, int *dotdot, int *types_ok)
{
	char name[96];
	struct dirent *d;
	DIR *dp = opendir(dir);
	int i, stray = 0;

	memset(seen, 0, N * sizeof(int));
	*dots = *dotdot = 0;
	*types_ok = 1;
	if (!dp)
		return -1;
	while ((d = readdir(dp))) {
		if (!strcmp(d->d_name, ".")) {
			(*dots)++;
			continue;
		}
		if (!strcmp(d->d_name, "..")) {
			(*dotdot)++;
			continue;
		}
		for (i = 0; i < N; i++) {
			name_of(i, name, sizeof(name));
			if (!strcmp(d->d_name, name))
				break;
		}
		if (i == N) {
			stray++;
			continue;
		}
		seen[i]++;
		*types_ok &= d->d_type == DT_REG || d->d_type == DT_UNKNOWN;
	}
	closedir(dp);
	return stray;
}

static int count_ones(const int seen[N], int skip)
{
	int i, ok = 0;

	for (i = 0; i < N; i++)
		ok += (i == skip) ? seen[i] == 0 : seen[i] == 1;
	return ok;
}

int main(int argc, char **argv)
{
	int seen[N], dots, dotdot, types, stray, i, fd, made = 0;
	char name[96], path[200];

	test_init(argv);
	snprintf(dir, sizeof(dir), "/tmp/t_getdents_resume_skips_or_repeats.%d",
		 (int)getpid());
	check_eq(mkdir(dir, 0755), 0, "mkdir the test directory");
	stray = scan(seen, &dots, &dotdot, &types);
	check(stray == 0 && dots == 1 && dotdot == 1 && count_ones(seen, -2)
	      == 0, "an empty directory lists only . and ..");
	for (i = 0; i < N; i++) {
		name_of(i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0644);
		made += fd >= 0;
		if (fd >= 0)
			close(fd);
	}
	check_eq(made, N, "created the files");
	stray = scan(seen, &dots, &dotdot, &types);
	check_eq(stray, 0, "no unexpected names");
	check_eq(count_ones(seen, -1), N, "each file listed exactly once");
	check(dots == 1 && dotdot == 1, ". and .. listed once each");
	check(types, "d_type of files is DT_REG (or DT_UNKNOWN)");

	name_of(17, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	stray = scan(seen, &dots, &dotdot, &types);
	check(stray == 0 && count_ones(seen, 17) == N,
	      "after unlink the file is gone and the rest remain");

	for (i = 0; i < N; i++) {
		name_of(i, name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		unlink(path);
	}
	check_eq(rmdir(dir), 0, "rmdir after removing every file");
	return test_done();
}
