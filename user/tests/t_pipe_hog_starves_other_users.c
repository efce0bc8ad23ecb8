/*
 * t_pipe_hog_starves_other_users - pipe buffers are capped per user.
 *
 * Bug: every pipe got a 64 KiB buffer with no limit per user, so one
 * unprivileged process filling pipes took every frame, and everyone
 * else's fork and exec failed with ENOMEM until it exited. As Linux's
 * fs.pipe-user-pages-soft (fs/pipe.c), once a user's pipes hold more
 * than the soft limit of pages, that user's new pipes get 2 pages
 * (F_GETPIPE_SZ 8192, 8192 bytes fit), while other users' pipes keep
 * the full size and their fork and exec work. Root is exempt. On
 * Sleight a hard limit (twice the soft one) then refuses new pipes with
 * ENFILE, as Linux's pipe-user-pages-hard would if it were set.
 * The same binary runs on the host: the rule is Linux's (there the soft
 * limit is 16384 pages, 1024 full pipes, and there is no hard limit;
 * pipes the user already holds elsewhere count too, so only
 * "eventually small" is checked there).
 * Needs root to switch users; the hog runs as uid 1000, the other user
 * is uid 1001.
 */
#include <sys/resource.h>
#include "vforklib.h"
#include "kstat.h"

#define HOG_UID		1000
#define OTHER_UID	1001
#define FULL_SIZE	65536
#define SMALL_SIZE	8192
#define PIPES_MAX	4000	/* give up: no cap */
#define HOLD_FDS	200	/* pipe fds per holder process */
#define SMALL_MORE	8	/* pipes made after the first small one */

#ifndef F_GETPIPE_SZ
#define F_GETPIPE_SZ	1032
#endif

struct hog_report {
	int full;		/* FULL_SIZE pipes before the first small */
	int small;		/* small pipes made */
	int late_full;		/* full ones after the first small */
	int small_cap;		/* bytes a small pipe took (non-blocking) */
	int err;		/* errno of the pipe2 that failed, else 0 */
};

/* Bytes a non-blocking write of 64 KiB puts into the empty pipe. */
static int fill(int wfd)
{
	static char buf[FULL_SIZE];
	ssize_t n = write(wfd, buf, sizeof(buf));

	return n < 0 ? -errno : (int)n;
}

/* Hand the pipes made so far to a child that holds them, and close
 * them here: the pipes stay alive, charged to the hog's uid. */
static pid_t hand_over(int *fds, int *n)
{
	pid_t p = fork();

	if (p == 0) {
		for (;;)
			pause();
	}
	for (int i = 0; i < *n; i++)
		close(fds[i]);
	*n = 0;
	return p;
}

/* Make and fill pipes until SMALL_MORE come back small (on Sleight: on
 * until pipe2 fails at the hard limit). */
static void make_pipes(struct hog_report *r, pid_t *holders, int *nholders)
{
	static int fds[HOLD_FDS + 2];
	int n = 0, p[2], sleight = on_sleight();

	for (int i = 0; i < PIPES_MAX && (sleight || r->small <= SMALL_MORE);
	     i++) {
		if (pipe2(p, O_CLOEXEC | O_NONBLOCK)) {
			r->err = errno;
			break;
		}
		fds[n++] = p[0];
		fds[n++] = p[1];
		if (fcntl(p[0], F_GETPIPE_SZ) == SMALL_SIZE) {
			if (!r->small++)
				r->small_cap = fill(p[1]);
		} else if (r->small) {
			r->late_full++;
		} else {
			r->full++;
			fill(p[1]);
		}
		if (n >= HOLD_FDS)
			holders[(*nholders)++] = hand_over(fds, &n);
	}
}

/* The hog: report on out, then hold everything until "Q" on in. */
static void __attribute__((noreturn)) hog(int out, int in)
{
	static pid_t holders[PIPES_MAX * 2 / HOLD_FDS + 1];
	struct hog_report r = { 0 };
	int nholders = 0;
	char c;

	if (getuid() == 0 && (setgid(HOG_UID) || setuid(HOG_UID)))
		_exit(90);
	make_pipes(&r, holders, &nholders);
	write(out, &r, sizeof(r));
	read(in, &c, 1);
	for (int i = 0; i < nholders; i++) {
		kill(holders[i], SIGKILL);
		waitpid(holders[i], NULL, 0);
	}
	_exit(0);
}

/* As OTHER_UID: a new pipe has the full size, fork + exec work. Exit
 * status: bit 0 pipe size wrong, bit 1 the spawn failed. */
static void __attribute__((noreturn)) other_user(void)
{
	char *argv[] = { "exit_with", "5", NULL };
	int p[2], bad = 0, st = -1;
	pid_t c;

	if (setgid(OTHER_UID) || setuid(OTHER_UID))
		_exit(90);
	if (pipe(p) || fcntl(p[0], F_GETPIPE_SZ) != FULL_SIZE)
		bad |= 1;
	c = fork();
	if (c == 0) {
		execv(helper_path("exit_with"), argv);
		_exit(127);
	}
	if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 5)
		bad |= 2;
	_exit(bad);
}

static void check_report(const struct hog_report *r)
{
	long soft = kstat_now("pipe_user_pages_soft ");

	long hard = kstat_now("pipe_user_pages_hard "), left;

	if (on_sleight()) {
		left = hard - r->full * 16L - r->small * 2L;
		check(r->err == ENFILE && (left == 0 || left == 1),
		      "past the hard limit (%ld pages) pipe2 fails with ENFILE "
		      "(errno %d, %ld pages short of it)", hard, r->err, left);
	} else {
		check(r->err == 0, "pipe2 never failed (errno %d)", r->err);
	}
	check(r->full > 0 || !on_sleight(), "%d full-size pipes first",
	      r->full);
	check(r->small > SMALL_MORE, "then new pipes get %d bytes (%d of "
	      "them)", SMALL_SIZE, r->small);
	check_eq(r->late_full, 0, "and none of the later ones is full");
	check_eq(r->small_cap, SMALL_SIZE, "a small pipe takes 8192 bytes");
	if (on_sleight())
		check_eq(r->full, soft / (FULL_SIZE / 4096),
			 "the cap is the soft limit /dev/kstat shows, in "
			 "16-page pipes");
}

int main(int argc, char **argv)
{
	struct hog_report r = { 0 };
	int rep[2], cmd[2], st = -1;
	long before;
	pid_t h, o, w;

	test_init(argv);
	check(pipe2(rep, O_CLOEXEC) == 0 && pipe2(cmd, O_CLOEXEC) == 0,
	      "control pipes");
	before = kstat_now("pipe_pages ");
	h = fork();
	if (h == 0)
		hog(rep[1], cmd[0]);
	check(read(rep[0], &r, sizeof(r)) == (ssize_t)sizeof(r),
	      "the hog reports");
	check_report(&r);
	if (getuid() == 0) {
		o = fork();
		if (o == 0)
			other_user();
		w = waitpid(o, &st, 0);
		check(w == o && WIFEXITED(st) &&
		      WEXITSTATUS(st) == 0, "meanwhile another user gets a "
		      "full pipe and can fork + exec (status %#x)", st);
	} else {
		skip("the other-user check needs root");
	}
	write(cmd[1], "Q", 1);
	w = waitpid(h, &st, 0);
	check(w == h && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "the hog lets go (status %#x)", st);
	if (on_sleight())
		check_eq(kstat_now("pipe_pages "), before,
			 "every charged pipe page is given back");
	return test_done();
}
