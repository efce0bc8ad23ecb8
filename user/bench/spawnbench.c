/*
 * spawnbench - process-creation latency and pipe throughput.
 *
 * usage: spawnbench [-x PROG] [N]
 *
 * Runs each process-creation figure N times (default 100) and prints the
 * mean in microseconds per operation, timed with CLOCK_MONOTONIC. When
 * the clock is coarse (Sleight's ticks), rounds of N repeat until a
 * figure spans MIN_TICKS clock resolutions, so that no figure is a
 * fraction of one tick. The figures:
 *
 *   vfork+execve+waitpid, fork+execve+waitpid, posix_spawn+waitpid of PROG
 *   (default /bin/true, which must exit 0), and fork+_exit+waitpid;
 *   pipe throughput in MB/s (10^6 bytes a second): 64 MiB through one
 *   pipe in 64 KiB writes to a child that reads and counts them
 *   (repeated, like the rounds above, on a coarse clock);
 *   the three exec figures again after this process has mapped and
 *   touched 16, 64 and 256 MiB of anonymous memory.
 *
 * Each figure is one human line and one machine line:
 *   vfork+execve+waitpid                  123.4 us/op
 *   figure vfork_exec_wait_us 123.4
 * On Sleight it first echoes /dev/kstat's free_frames ("kstat ...").
 * A parent size that cannot be had (too little free memory, or mmap
 * fails) gives "skipped: ENOMEM" and one "skipped NAME ENOMEM" line per
 * figure instead. A figure that fails gives "error NAME: why".
 *
 * Exit status: 0 when every figure was measured or skipped for ENOMEM,
 * 1 when one failed, 2 on a usage error. The same static binary runs on
 * Sleight and on Linux; nothing here depends on which.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MIB		(1024UL * 1024UL)
#define PIPE_TOTAL	(64 * MIB)	/* bytes sent through the pipe */
#define PIPE_CHUNK	(64 * 1024)	/* bytes per write and per read */
#define MEM_MARGIN	(16 * MIB)	/* free memory kept beyond a parent size */
#define PAGE_BYTES	4096UL
#define MIN_TICKS	50	/* clock resolutions a figure spans at least */

static const char *prog = "/bin/true";
static char *prog_argv[2];
static long iters = 100;
static int failures;
static double min_us;		/* shortest time one figure is measured over */

/* now_us - CLOCK_MONOTONIC in microseconds. */
static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/*
 * reap - wait for pid; 0 when it exited with status 0, else a negative
 * errno (-ECHILD when it failed or was killed; the caller reports it).
 */
static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		fprintf(stderr, "spawnbench: child exited %d\n",
			WEXITSTATUS(st));
	else
		fprintf(stderr, "spawnbench: child killed by signal %d\n",
			WTERMSIG(st));
	return -ECHILD;
}

static int vfork_exec_wait(void)
{
	pid_t pid = vfork();

	if (pid == 0) {
		execve(prog, prog_argv, environ);
		_exit(127);
	}
	if (pid < 0)
		return -errno;
	return reap(pid);
}

static int fork_exec_wait(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execve(prog, prog_argv, environ);
		_exit(127);
	}
	if (pid < 0)
		return -errno;
	return reap(pid);
}

static int spawn_wait(void)
{
	pid_t pid;
	int err = posix_spawn(&pid, prog, NULL, NULL, prog_argv, environ);

	if (err)
		return -err;
	return reap(pid);
}

static int fork_exit_wait(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid < 0)
		return -errno;
	return reap(pid);
}

/* report - print one figure as a human line and a machine line. */
static void report(const char *what, const char *name, double value,
		   const char *unit)
{
	printf("%-40s %10.1f %s\n", what, value, unit);
	printf("figure %s %.1f\n", name, value);
	fflush(stdout);
}

/*
 * time_op - run op in rounds of iters until min_us have passed; print
 * its mean in us per operation under `name`. A failing op stops the
 * figure: "error NAME: why".
 */
static void time_op(const char *what, const char *name, int (*op)(void))
{
	double t0 = now_us(), spent;
	long done = 0;
	int err;

	do {
		for (long i = 0; i < iters; i++) {
			err = op();
			if (err) {
				printf("error %s: %s\n", name, strerror(-err));
				fflush(stdout);
				failures++;
				return;
			}
		}
		done += iters;
		spent = now_us() - t0;
	} while (spent < min_us);
	report(what, name, spent / done, "us/op");
}

/* pipe_reader - the child's side: read until EOF, exit 0 if all came. */
static void pipe_reader(int fd)
{
	static char buf[PIPE_CHUNK];
	unsigned long got = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			_exit(2);
		got += n;
	}
	_exit(got == PIPE_TOTAL ? 0 : 1);
}

/* write_all - write len bytes of buf to fd; 0 or a negative errno. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= n;
	}
	return 0;
}

/* pipe_once - PIPE_TOTAL bytes to a reading child; 0 or -errno. */
static int pipe_once(void)
{
	static char buf[PIPE_CHUNK];
	int p[2], err = 0;
	pid_t pid;

	memset(buf, 0x5a, sizeof(buf));
	if (pipe(p) < 0)
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		pipe_reader(p[0]);
	}
	close(p[0]);
	if (pid < 0) {
		err = -errno;
		close(p[1]);
		return err;
	}
	for (unsigned long sent = 0; sent < PIPE_TOTAL && !err;
	     sent += PIPE_CHUNK)
		err = write_all(p[1], buf, PIPE_CHUNK);
	close(p[1]);
	if (reap(pid) < 0 && !err)
		err = -EIO;
	return err;
}

/* pipe_throughput - MB/s over whole pipe_once rounds for min_us. */
static void pipe_throughput(void)
{
	double t0 = now_us(), spent;
	long rounds = 0;
	int err;

	do {
		err = pipe_once();
		if (err) {
			printf("error pipe_mbps: %s\n", strerror(-err));
			fflush(stdout);
			failures++;
			return;
		}
		rounds++;
		spent = now_us() - t0;
	} while (spent < min_us);
	report("pipe throughput (64 MiB, 64 KiB writes)", "pipe_mbps",
	       rounds * (double)PIPE_TOTAL / spent, "MB/s");
}

/*
 * grow - map and touch mib MiB of anonymous memory; NULL when the
 * machine reports too little free memory or the mapping fails.
 */
static void *grow(unsigned long mib)
{
	unsigned long bytes = mib * MIB;
	struct sysinfo si;
	char *p;

	if (sysinfo(&si) == 0 &&
	    (unsigned long long)si.freeram * si.mem_unit < bytes + MEM_MARGIN)
		return NULL;
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (unsigned long off = 0; off < bytes; off += PAGE_BYTES)
		p[off] = (char)off | 1;
	return p;
}

/* The exec figures, named with suffix ("" or "_16m") and parent size. */
static void exec_figures(const char *suffix, const char *size)
{
	char what[64], name[64];

	snprintf(what, sizeof(what), "vfork+execve+waitpid%s", size);
	snprintf(name, sizeof(name), "vfork_exec_wait%s_us", suffix);
	time_op(what, name, vfork_exec_wait);
	snprintf(what, sizeof(what), "fork+execve+waitpid%s", size);
	snprintf(name, sizeof(name), "fork_exec_wait%s_us", suffix);
	time_op(what, name, fork_exec_wait);
	snprintf(what, sizeof(what), "posix_spawn+waitpid%s", size);
	snprintf(name, sizeof(name), "spawn_wait%s_us", suffix);
	time_op(what, name, spawn_wait);
}

/* sized_figures - the exec figures with a parent of mib MiB. */
static void sized_figures(unsigned long mib)
{
	static const char *const kinds[] = {
		"vfork_exec_wait", "fork_exec_wait", "spawn_wait",
	};
	char suffix[16], size[32];
	void *mem = grow(mib);

	snprintf(suffix, sizeof(suffix), "_%lum", mib);
	snprintf(size, sizeof(size), ", %lu MiB parent", mib);
	if (!mem) {
		printf("parent %lu MiB: skipped: ENOMEM\n", mib);
		for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			printf("skipped %s%s_us ENOMEM\n", kinds[i], suffix);
		fflush(stdout);
		return;
	}
	exec_figures(suffix, size);
	munmap(mem, mib * MIB);
}

/*
 * kstat - echo the free_frames line of Sleight's /dev/kstat, taken
 * before any figure (the machine idle but for init and this program), as
 * "kstat free_frames N". Nothing where there is no /dev/kstat.
 */
static void kstat(void)
{
	char buf[512], *l;
	FILE *f = fopen("/dev/kstat", "r");

	if (!f)
		return;
	while ((l = fgets(buf, sizeof(buf), f)))
		if (strncmp(l, "free_frames ", 12) == 0)
			printf("kstat %s", l);
	fclose(f);
}

static int usage(void)
{
	fprintf(stderr, "usage: spawnbench [-x PROG] [N]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static const unsigned long sizes[] = { 16, 64, 256 };
	struct timespec res = { 0, 0 };
	int c;

	while ((c = getopt(argc, argv, "x:")) != -1) {
		if (c != 'x')
			return usage();
		prog = optarg;
	}
	if (optind < argc) {
		char *end;

		iters = strtol(argv[optind], &end, 10);
		if (*end || iters <= 0)
			return usage();
	}
	prog_argv[0] = (char *)prog;
	if (clock_getres(CLOCK_MONOTONIC, &res) == 0)
		min_us = MIN_TICKS * (res.tv_sec * 1e6 + res.tv_nsec / 1e3);
	printf("spawnbench: N=%ld, exec target %s, clock resolution %lld ns\n",
	       iters, prog, res.tv_sec * 1000000000LL + res.tv_nsec);
	kstat();
	exec_figures("", "");
	time_op("fork+_exit+waitpid", "fork_exit_wait_us", fork_exit_wait);
	pipe_throughput();
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		sized_figures(sizes[i]);
	printf("spawnbench: done, %d failed\n", failures);
	return failures ? 1 : 0;
}
