/*
 * t_oom_ignores_tmpfs_and_pipe_hogs - the OOM footprint counts the
 * pages of unlinked tmpfs files and of pipe buffers a process holds
 * open, not only the memory it touched.
 *
 * Bug: a process that hides its memory in a /tmp file it has unlinked
 * (only its open descriptor keeps the pages alive), or in full pipes,
 * had a footprint of a few pages, so when memory ran out the killer
 * chose a process with a smaller but visible footprint, and the hog
 * lived on. Now those pages count for the processes holding them.
 *   A (uid 1000) writes up to 45% of free memory to an unlinked /tmp
 *   file (less when the tmpfs budget ends first), or fills as many
 *   pipes as its descriptors and the per-user pipe limit allow;
 *   processes B (uid 1001) touch 2/3 of A's size each until only half
 *   of A's size is free; C (uid 1002) touches as much as A and so runs
 *   out. A must be the one SIGKILLed; every B and C survive.
 * Runs on Sleight only: on the host it would run the machine out of
 * memory.
 */
#include <sys/mman.h>
#include "vforklib.h"
#include "kstat.h"

#define PG	4096
#define FD_PIPES	120	/* pipes one process fills (2 fds each) */
#define MIN(a, b)	((a) < (b) ? (a) : (b))

static void become(uid_t uid)
{
	if (setgid(uid) || setuid(uid))
		_exit(90);
}

/* Frames free above the reserve. */
static long avail(void)
{
	return kstat_now("free_frames ") - kstat_now("reserve_frames ");
}

/* A: up to pages pages of file data in an unlinked file (until the
 * tmpfs budget ends); tell how many on ready, then hold them. */
static void __attribute__((noreturn)) tmpfs_hog(long pages, int ready)
{
	static char page[PG];
	char path[64];
	long n;
	int fd;

	become(1000);
	snprintf(path, sizeof(path), "/tmp/t_oom_tmpfs.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || unlink(path))
		_exit(91);
	memset(page, 'h', sizeof(page));
	for (n = 0; n < pages; n++)
		if (write(fd, page, PG) != PG)
			break;
	write(ready, &n, sizeof(n));
	for (;;)
		pause();
}

/* A: fill up to `pages` pages of pipes (FD_PIPES at most); tell how
 * many pages on ready, then hold them. */
static void __attribute__((noreturn)) pipe_hog(long pages, int ready)
{
	static char buf[65536];
	long n = 0;
	int p[2];

	become(1000);
	for (int i = 0; i < FD_PIPES && n < pages; i++) {
		ssize_t w;

		if (pipe2(p, O_NONBLOCK))
			break;
		w = write(p[1], buf, sizeof(buf));
		if (w <= 0)
			break;
		n += w / PG;
	}
	write(ready, &n, sizeof(n));
	for (;;)
		pause();
}

/* Touch pages pages as uid; hold them (ready given) or exit 0. */
static void __attribute__((noreturn)) toucher(uid_t uid, long pages,
					      int ready)
{
	char *p;

	become(uid);
	p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(93);
	for (long i = 0; i < pages; i++)
		p[i * PG] = 1;
	if (ready < 0)
		_exit(0);
	write(ready, &pages, sizeof(pages));
	for (;;)
		pause();
}

/* The page count a child reports on fd within VT_DEADLINE_MS, or -1. */
static long ready_pages(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long n = -1;

	if (poll(&pfd, 1, VT_DEADLINE_MS) != 1 ||
	    read(fd, &n, sizeof(n)) != sizeof(n))
		return -1;
	return n;
}

static int wait_status(pid_t pid)
{
	int st = -1;

	return waitpid(pid, &st, 0) == pid ? st : -1;
}

#define BS_MAX	32

/* Start B processes of up to 2/3 of a pages each until only a / 2
 * pages are free; their pids go to bs. They report on fds[1], read
 * here from fds[0]. Returns how many. */
static int start_bs(long a, const int *fds, pid_t *bs)
{
	int n = 0;
	long want;

	while (n < BS_MAX && (want = MIN(a * 2 / 3, avail() - a / 2)) > 16) {
		if ((bs[n] = fork()) == 0)
			toucher(1001, want, fds[1]);
		if (ready_pages(fds[0]) != want)
			break;
		n++;
	}
	return n;
}

/* One round: A hides its memory in kind ("tmpfs" or "pipes"). */
static void part(const char *kind)
{
	long free0 = avail(), kills = kstat_now("oom_kills "), a_pages;
	int fds[2], st, nb, ok = 1;
	pid_t a, c, bs[BS_MAX];

	check(pipe2(fds, O_CLOEXEC) == 0, "pipe for the ready signals");
	if ((a = fork()) == 0) {
		if (!strcmp(kind, "tmpfs"))
			tmpfs_hog(free0 * 45 / 100, fds[1]);
		pipe_hog(free0 * 45 / 100, fds[1]);
	}
	a_pages = ready_pages(fds[0]);
	check(a_pages > 64, "A holds %ld pages in %s", a_pages, kind);
	if (avail() > a_pages / 2 + BS_MAX * (a_pages * 2 / 3)) {
		/* one process's pipes are too small a part of this machine
		 * for BS_MAX smaller processes to fill the rest */
		skip("%s: %ld pages are too many free for %d B "
		     "processes", kind, avail(), BS_MAX);
		kill(a, SIGKILL);
		wait_status(a);
		close(fds[0]);
		close(fds[1]);
		return;
	}
	nb = start_bs(a_pages, fds, bs);
	check(nb > 0, "%d B processes hold up to %ld pages each, %ld left",
	      nb, a_pages * 2 / 3, avail());
	if ((c = fork()) == 0)
		toucher(1002, a_pages, -1);
	st = wait_status(c);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "C, which ran out, survives (status %#x)", st);
	for (int i = 0; i < nb; i++) {
		kill(bs[i], SIGTERM);
		st = wait_status(bs[i]);
		ok &= WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
	}
	check(ok, "every B survived until we ended it");
	kill(a, SIGKILL);
	st = wait_status(a);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "A (%s) was SIGKILLed (status %#x)", kind, st);
	check(kstat_now("oom_kills ") == kills + 1,
	      "by the OOM killer, once (oom_kills %ld -> %ld)", kills,
	      kstat_now("oom_kills "));
	close(fds[0]);
	close(fds[1]);
}

int main(int argc, char **argv)
{
	test_init(argv);
	if (!on_sleight() || getuid() != 0) {
		skip("running the machine out of memory is for "
		     "Sleight only, as root");
		return test_done();
	}
	part("tmpfs");
	part("pipes");
	return test_done();
}
