/*
 * dirbench - how the cost of a directory grows with its size.
 *
 * usage: dirbench [-w] [-d DIR] [-r MAXRATIO] N...
 *
 * For each N, makes a fresh directory under DIR (default /tmp) and
 * times, with CLOCK_MONOTONIC, creating N empty files in it
 * (open(O_CREAT | O_EXCL) + close), then stat of each, one pass of
 * getdents over it, and unlinking each; the directory is removed
 * before the next N. Lines per N:
 *   create 10000 files       812.0 ms    81.2 us/file
 *   figure create_10000_ms 812.0
 * and, for each N after the first, the create time against the first
 * N's: "ratio create 100000/10000 11.07 (at most 12.00)". With -r, a
 * ratio above MAXRATIO makes the exit status 1, so a script can fail a
 * run that shows quadratic growth (100,000 / 10,000 with an O(n log n)
 * directory is about 10 x 1.25 = 12.5 times the per-file tree work,
 * but the per-file cost outside the tree dominates: ~10-11x). -w first
 * runs the first N once untimed, so that its figure does not carry the
 * start-up costs of a fresh machine (QEMU translating code for the first
 * time, the first frames of the kernel heap).
 *
 * Exit status: 0, 1 when a ratio exceeded MAXRATIO or an operation
 * failed, 2 on a usage error. The same static binary runs on Sleight
 * and on Linux.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NMAX 16

static int quiet;		/* the warm-up round prints nothing */

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void name_of(char *buf, size_t size, const char *dir, long i)
{
	snprintf(buf, size, "%s/f%07ld", dir, i);
}

static void report(const char *what, long n, double ms)
{
	if (quiet)
		return;
	printf("%-6s %7ld files %10.1f ms %8.2f us/file\n", what, n, ms,
	       ms * 1e3 / n);
	printf("figure %s_%ld_ms %.1f\n", what, n, ms);
}

static int create_all(const char *dir, long n)
{
	char path[256];

	for (long i = 0; i < n; i++) {
		int fd;

		name_of(path, sizeof(path), dir, i);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);
		if (fd < 0) {
			printf("error: create %s: %s\n", path,
			       strerror(errno));
			return -1;
		}
		close(fd);
	}
	return 0;
}

static int stat_all(const char *dir, long n)
{
	char path[256];
	struct stat st;

	for (long i = 0; i < n; i++) {
		name_of(path, sizeof(path), dir, i);
		if (stat(path, &st)) {
			printf("error: stat %s: %s\n", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* One getdents64 pass; the count of entries seen, or -1. */
static long list_all(const char *dir)
{
	static char buf[32768];
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	long seen = 0, got;

	if (fd < 0)
		return -1;
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < got; seen++)
			off += ((struct dirent *)(buf + off))->d_reclen;
	}
	close(fd);
	return got < 0 ? -1 : seen;
}

static int unlink_all(const char *dir, long n)
{
	char path[256];

	for (long i = 0; i < n; i++) {
		name_of(path, sizeof(path), dir, i);
		if (unlink(path)) {
			printf("error: unlink %s: %s\n", path,
			       strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* All four phases for one n; the create time in *create_ms. */
static int run_one(const char *base, long n, double *create_ms)
{
	char dir[200];
	double t0, t1;
	long seen;

	snprintf(dir, sizeof(dir), "%s/dirbench.%ld.%d", base, n,
		 (int)getpid());
	if (mkdir(dir, 0700)) {
		printf("error: mkdir %s: %s\n", dir, strerror(errno));
		return -1;
	}
	t0 = now_ms();
	if (create_all(dir, n))
		return -1;
	t1 = now_ms();
	*create_ms = t1 - t0;
	report("create", n, *create_ms);
	if (stat_all(dir, n))
		return -1;
	t0 = now_ms();
	report("stat", n, t0 - t1);
	seen = list_all(dir);
	t1 = now_ms();
	if (seen != n + 2) {
		printf("error: getdents saw %ld entries, not %ld\n", seen,
		       n + 2);
		return -1;
	}
	report("list", n, t1 - t0);
	if (unlink_all(dir, n))
		return -1;
	report("unlink", n, now_ms() - t1);
	return rmdir(dir) ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *base = "/tmp";
	double maxratio = 0, ms[NMAX];
	long n[NMAX];
	int opt, count = 0, status = 0, warm = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "wd:r:")) != -1) {
		if (opt == 'w')
			warm = 1;
		else if (opt == 'd')
			base = optarg;
		else if (opt == 'r')
			maxratio = atof(optarg);
		else
			return 2;
	}
	for (; optind < argc && count < NMAX; optind++, count++) {
		n[count] = atol(argv[optind]);
		if (n[count] <= 0)
			return 2;
	}
	if (count == 0) {
		fprintf(stderr, "usage: dirbench [-w] [-d DIR] [-r MAXRATIO] "
			"N...\n");
		return 2;
	}
	quiet = warm;
	if (warm && run_one(base, n[0], &ms[0]))
		return 1;
	quiet = 0;
	for (int i = 0; i < count; i++) {
		if (run_one(base, n[i], &ms[i]))
			return 1;
		if (i == 0)
			continue;
		printf("ratio create %ld/%ld %.2f", n[i], n[0], ms[i] / ms[0]);
		if (maxratio > 0)
			printf(" (at most %.2f)", maxratio);
		printf("\nfigure create_ratio_%ld_%ld %.2f\n", n[i], n[0],
		       ms[i] / ms[0]);
		if (maxratio > 0 && ms[i] / ms[0] > maxratio)
			status = 1;
	}
	return status;
}
