/*
 * t_oom_kills_faulting_process_not_hog - when memory runs out, the
 * process holding it dies, not the one that happens to fault.
 *
 * Bug: a page fault that found no free frame killed the faulting
 * process. One unprivileged hog that had touched all memory then made
 * every other process die on its next page fault, and every fork and
 * exec fail with ENOMEM, until the hog exited by itself. Now the OOM
 * killer SIGKILLs the process with the largest footprint (the hog),
 * logs "Out of memory: Killed process PID (name) ...", waits for it to
 * exit and retries the fault; fork and exec run it before giving up.
 *   0. A hog (uid 1000) holds all but the reserve: root (standing in
 *      for init and the shell) forks and execs from the reserve, and
 *      nobody has to be killed for it.
 *   1. A hog (uid 1000) touches memory until only the reserve and a
 *      margin are left, then sleeps holding it. A small process (uid
 *      1001) and its child touch more than the margin, by copy-on-write
 *      breaks and demand-zero faults: they must survive and the hog must
 *      be the one SIGKILLed.
 *   2. The same with a hog that, holding the memory, sits in a vfork
 *      child phase (running on the parent's memory): the child phase
 *      and its vfork parent must both die, nothing else.
 *   3. A hog (uid 1000) touches memory without end while another user
 *      (uid 1001) forks and execs in a loop: every spawn must work, and
 *      the hog must be SIGKILLed.
 * Runs on Sleight only: on the host it would run the machine out of
 * memory.
 */
#include <sys/mman.h>
#include "vforklib.h"
#include "kstat.h"

#define HOG_UID		1000
#define SMALL_UID	1001
#define MARGIN_PAGES	256	/* the hog leaves free above the reserve */
#define SMALL_MAX	2048	/* the small process touches up to 8 MiB,
				   a quarter of what was free at the start */
#define RESERVE_MARGIN	8	/* part 0: what the hog leaves above it */
#define COW_PAGES	150	/* of them before it forks: with the fork,
				   within the margin; twice, beyond it */
#define PG		4096

static long small_pages;	/* what the small process touches */

/* A /dev/kstat counter ("name " with its space), -1 when missing. */
static void become(uid_t uid)
{
	if (setgid(uid) || setuid(uid))
		_exit(90);
}

/* A region as large as all memory; pages appear as they are touched. */
static char *big_region(size_t *len)
{
	char *p;

	*len = (size_t)kstat_now("free_frames ") * PG + (16u << 20);
	p = mmap(NULL, *len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Touch pages until only the reserve and margin pages are free, tell
 * the parent on fd, then hold the memory; in a vfork child phase when
 * in_vfork. */
static void __attribute__((noreturn)) held_hog(int fd, long margin,
					       int in_vfork)
{
	long stop = kstat_now("reserve_frames ") + margin, left;
	size_t len, off = 0;
	char *p;

	become(HOG_UID);
	if (!(p = big_region(&len)))
		_exit(91);
	/* 64 pages between looks while far, one by one near the end */
	while (off < len && (left = kstat_now("free_frames ") - stop) > 0)
		for (long i = 0; i < (left > 128 ? 64 : 1) && off < len;
		     i++, off += PG)
			p[off] = 1;
	if (in_vfork && vfork() == 0) {
		/* the child phase: async-signal-safe calls only */
		write(fd, "V", 1);
		for (;;)
			pause();
	}
	write(fd, "R", 1);
	for (;;)
		pause();
}

/* Touch pages without end (until killed). fd: held open, so that its
 * read end sees end-of-file when the hog is gone. */
static void __attribute__((noreturn)) growing_hog(void)
{
	size_t len, off;
	char *p;

	become(HOG_UID);
	if (!(p = big_region(&len)))
		_exit(91);
	for (off = 0;; off = (off + PG) % len)
		p[off] = 1;
}

/*
 * The small process: touch COW_PAGES pages (less than the margin), fork,
 * and in the child write them again (copy-on-write breaks: together
 * more than the margin, so memory runs out on a COW fault) and then
 * touch the rest of small_pages (demand-zero faults); read all back.
 * Exit status: the child's, 0 when all went well.
 */
static void __attribute__((noreturn)) small_faulter(void)
{
	int st = -1;
	pid_t c;
	char *p;

	become(SMALL_UID);
	p = mmap(NULL, (size_t)small_pages * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(92);
	for (int i = 0; i < COW_PAGES; i++)
		p[i * PG] = 1;
	c = fork();
	if (c < 0)
		_exit(94);
	if (c > 0)
		_exit(waitpid(c, &st, 0) == c && WIFEXITED(st) ?
		      WEXITSTATUS(st) : 95);
	for (int i = 0; i < small_pages; i++)
		p[i * PG] = (char)i;
	for (int i = 0; i < small_pages; i++)
		if (p[i * PG] != (char)i)
			_exit(93);
	_exit(0);
}

/* fork + exec exit_with 7; its wait status, or -1. */
static int spawn_fork(void)
{
	char *argv[] = { "exit_with", "7", NULL };
	int st = -1;
	pid_t p = fork();

	if (p == 0) {
		execv(helper_path("exit_with"), argv);
		_exit(127);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return -1;
	return st;
}

static int wait_status(pid_t pid)
{
	int st = -1;

	return waitpid(pid, &st, 0) == pid ? st : -1;
}

/* A pipe whose ring already exists: one byte through it first, so the
 * hog's "ready" needs no memory (it would run out on it). */
static int ready_pipe(int *fds)
{
	char c;

	if (pipe2(fds, O_CLOEXEC) || write(fds[1], "x", 1) != 1 ||
	    read(fds[0], &c, 1) != 1)
		return -1;
	return 0;
}

/*
 * Part 0: a hog holds all but the reserve and RESERVE_MARGIN pages.
 * Root (this process: the stand-in for init and the console shell)
 * forks and execs from the reserve: nobody is killed for it.
 */
static void part_reserve(void)
{
	long kills;
	int fds[2], st;
	pid_t hog;
	char c = 0;

	check(ready_pipe(fds) == 0, "pipe for the hog's signal");
	hog = fork();
	if (hog == 0)
		held_hog(fds[1], RESERVE_MARGIN, 0);
	close(fds[1]);
	st = read(fds[0], &c, 1);
	close(fds[0]);
	kills = kstat_now("oom_kills ");
	check(st == 1 && c == 'R', "the hog holds all but the reserve and "
	      "%d pages (%ld free)", RESERVE_MARGIN,
	      kstat_now("free_frames "));
	st = spawn_fork();
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "root forks + execs meanwhile (status %#x)", st);
	check_eq(kstat_now("oom_kills "), kills,
		 "from the reserve: nobody was killed for it");
	kill(hog, SIGKILL);
	wait_status(hog);
}

/* Parts 1 and 2: a hog holding memory, a small faulter. */
static void part_held_hog(int in_vfork)
{
	long kills = kstat_now("oom_kills ");
	int fds[2], st;
	pid_t hog, small;
	ssize_t got;
	char c = 0;

	check(ready_pipe(fds) == 0, "pipe for the hog's signal");
	hog = fork();
	if (hog == 0)
		held_hog(fds[1], MARGIN_PAGES, in_vfork);
	close(fds[1]);
	got = read(fds[0], &c, 1);
	check(got == 1 && c == (in_vfork ? 'V' : 'R'),
	      "the hog holds all but %d pages above the reserve (%ld free)%s",
	      MARGIN_PAGES, kstat_now("free_frames "),
	      in_vfork ? ", in a vfork child phase" : "");
	close(fds[0]);
	small = fork();
	if (small == 0)
		small_faulter();
	st = wait_status(small);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the small process that ran out on a fault survives (status "
	      "%#x)", st);
	kill(hog, SIGKILL);	/* in case it was not chosen */
	st = wait_status(hog);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "the hog%s was SIGKILLed (status %#x)",
	      in_vfork ? " (the vfork parent)" : "", st);
	check(kstat_now("oom_kills ") > kills, "the OOM killer killed "
	      "(oom_kills %ld -> %ld)", kills, kstat_now("oom_kills "));
	st = spawn_fork();
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "fork + exec work afterwards (status %#x)", st);
}

/* As SMALL_UID: fork + exec until the hog is gone (hup: the read end of
 * a pipe the hog holds), then 3 more; exit with the failures. */
static void __attribute__((noreturn)) spawner(int hup)
{
	long long end = now_ms() + 60000;
	int failed = 0, after = 0, st;
	struct pollfd pfd = { .fd = hup, .events = POLLIN };

	become(SMALL_UID);
	while (after < 3 && now_ms() < end) {
		st = spawn_fork();
		failed += !(WIFEXITED(st) && WEXITSTATUS(st) == 7);
		if (after || poll(&pfd, 1, 0) == 1)
			after++;
	}
	_exit(after < 3 ? 100 + failed : failed);
}

static void part_growing_hog(void)
{
	long kills = kstat_now("oom_kills ");
	int fds[2], st;
	pid_t hog, sp;

	check(pipe(fds) == 0, "pipe that tells the hog's end");
	hog = fork();
	if (hog == 0) {
		close(fds[0]);
		growing_hog();
	}
	close(fds[1]);
	sp = fork();
	if (sp == 0)
		spawner(fds[0]);
	close(fds[0]);
	st = wait_status(sp);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "another user's forks and execs all worked while the hog grew "
	      "(status %#x: exit 100+ means the hog outlived 60 s)", st);
	kill(hog, SIGKILL);
	st = wait_status(hog);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "the growing hog was SIGKILLed (status %#x)", st);
	check(kstat_now("oom_kills ") > kills, "by the OOM killer "
	      "(oom_kills %ld -> %ld)", kills, kstat_now("oom_kills "));
}

int main(int argc, char **argv)
{
	test_init(argv);
	if (!on_sleight()) {
		skip("running the machine out of memory is for "
		     "Sleight only");
		return test_done();
	}
	if (getuid() != 0) {
		skip("needs root to run the hog as uid %d",
		     HOG_UID);
		return test_done();
	}
	small_pages = (kstat_now("free_frames ") -
		       kstat_now("reserve_frames ")) / 4;
	if (small_pages > SMALL_MAX)
		small_pages = SMALL_MAX;
	part_reserve();
	part_held_hog(0);
	part_held_hog(1);
	part_growing_hog();
	return test_done();
}
