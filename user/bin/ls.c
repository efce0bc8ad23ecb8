/*
 * ls - list directory entries, sorted, one a line (hidden names only
 * with -a); -l adds type, mode and size. A FILE argument that is not a
 * directory is printed as it is.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int all, longfmt;

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show(const char *dir, const char *name)
{
	char path[1024];
	struct stat st;

	if (!longfmt) {
		puts(name);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (lstat(path, &st) < 0) {
		printf("?????????? %s\n", name);
		return;
	}
	printf("%c%04o %8lld %s\n", S_ISDIR(st.st_mode) ? 'd' :
	       S_ISCHR(st.st_mode) ? 'c' : S_ISFIFO(st.st_mode) ? 'p' :
	       S_ISLNK(st.st_mode) ? 'l' : '-', (unsigned)st.st_mode & 07777,
	       (long long)st.st_size, name);
}

static int list(const char *path)
{
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		show(".", path);
		return 0;
	}
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && !all)
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		show(path, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, st = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++)
			if (*o == 'a')
				all = 1;
			else if (*o == 'l')
				longfmt = 1;
	if (i == argc)
		return list(".");
	for (int k = i; k < argc; k++) {
		if (argc - i > 1)
			printf("%s%s:\n", k > i ? "\n" : "", argv[k]);
		st |= list(argv[k]);
	}
	return st;
}
