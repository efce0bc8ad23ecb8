/*
 * t_vfork_alarm_fires_in_child_phase - an alarm set before vfork fires
 * once, in the parent; the child phase inherits no alarm.
 *
 * Bug: Sleight's child phase ran in the parent's own process record, so
 * it had the parent's alarm timer: an alarm set before vfork fired in
 * the child phase (killing it under SIG_DFL, or running the handler
 * there), and then again in the parent once the frame put the timer
 * back. alarm(0) in the child phase returned the parent's remaining
 * seconds. On Linux a new process inherits no alarm (fork(2), alarm(2)):
 * alarm(0) in the child returns 0, and the parent's alarm is untouched
 * and fires in the parent only. The child phase now has a signal_struct
 * of its own, without timers.
 */
#include "vforklib.h"

static volatile sig_atomic_t fired, fired_elsewhere;
static pid_t parent_pid;
static volatile int child_alarm0;

static void on_alarm(int sig)
{
	if (getpid() == parent_pid)
		fired++;
	else
		fired_elsewhere++;
}

/* The alarm is due while the child phase still runs; it must wait for
 * the parent, and fire there once. */
static void alarm_fires_once_in_parent(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	long long end;
	pid_t p;
	int st = -1;

	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	p = vfork();
	if (p == 0) {
		/* Outlive the alarm's deadline inside the child phase. */
		struct timespec ts = { 1, 500000000 };

		while (nanosleep(&ts, &ts) != 0)
			;
		_exit(7);
	}
	check(p > 0, "vfork returned a pid (%d)", (int)p);
	end = now_ms() + VT_DEADLINE_MS;
	while (!fired && now_ms() < end)
		sleep_ms(10);
	sleep_ms(1200); /* a second firing would come by now */
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "the child phase outlived the alarm and exited 7 (status %#x)",
	      st);
	check_eq(fired_elsewhere, 0, "the alarm never fired in the child phase");
	check_eq(fired, 1, "the alarm fired once, in the parent");
}

/* alarm(0) in the child phase: no alarm to cancel; the parent keeps its
 * own. */
static void child_alarm0_returns_0(void)
{
	unsigned left;
	pid_t p;
	int st = -1;

	alarm(100);
	child_alarm0 = -1;
	p = vfork();
	if (p == 0) {
		child_alarm0 = (int)alarm(0);
		_exit(0);
	}
	waitpid(p, &st, 0);
	left = alarm(0);
	check_eq(child_alarm0, 0, "alarm(0) in the child phase returns 0");
	check(left >= 98 && left <= 100,
	      "the parent's alarm is untouched by it (%u s left)", left);
}

int main(int argc, char **argv)
{
	test_init(argv);
	parent_pid = getpid();
	alarm_fires_once_in_parent();
	child_alarm0_returns_0();
	return test_done();
}
