/*
 * t_ppoll_mask_handler_lost - ppoll/pselect with a temporary signal mask.
 *
 * Bug: ppoll and pselect install a mask for the duration of the wait. A
 * kernel that puts the caller's mask back before returning EINTR leaves a
 * signal that was unblocked only for the wait pending and blocked again:
 * the call returns EINTR but the handler never runs, and the program
 * that waited for exactly that signal hangs. The handler must run before
 * the call returns to the program, and the old mask must be back after.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include "testlib.h"

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got++;
}

static int usr1_blocked(void)
{
	sigset_t cur;

	sigprocmask(SIG_SETMASK, NULL, &cur);
	return sigismember(&cur, SIGUSR1);
}

/* Block SIGUSR1 and make it pending; returns the empty wait mask. */
static sigset_t arm(void)
{
	sigset_t block, empty;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	got = 0;
	raise(SIGUSR1);
	sigemptyset(&empty);
	return empty;
}

int main(int argc, char **argv)
{
	struct timespec ts = { 2, 0 };
	sigset_t wait_mask;
	int r;

	test_init(argv);
	signal(SIGUSR1, on_usr1);

	wait_mask = arm();
	check(got == 0, "SIGUSR1 pending while blocked");
	errno = 0;
	r = ppoll(NULL, 0, &ts, &wait_mask);
	check(r == -1 && errno == EINTR, "ppoll returns EINTR (r %d errno %d)",
	      r, errno);
	check_eq(got, 1, "ppoll: the handler ran before ppoll returned");
	check(usr1_blocked(), "ppoll: the old mask is back after the call");

	wait_mask = arm();
	errno = 0;
	r = pselect(0, NULL, NULL, NULL, &ts, &wait_mask);
	check(r == -1 && errno == EINTR,
	      "pselect returns EINTR (r %d errno %d)", r, errno);
	check_eq(got, 1, "pselect: the handler ran before pselect returned");
	check(usr1_blocked(), "pselect: the old mask is back after the call");
	return test_done();
}
