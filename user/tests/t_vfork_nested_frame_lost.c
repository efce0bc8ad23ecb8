/*
 * t_vfork_nested_frame_lost - spec vfork.md case 12, and the nesting and
 * fork rules of the contract.
 *
 * Bug: a vfork in a child phase must push a second vfork frame on top of
 * the first. A kernel with a single frame per process overwrites the
 * parent's saved context and backup: when the grandchild execs, control
 * returns to the wrong level, the top parent resumes twice or never, or
 * gets the grandchild's status (3) instead of the child phase's (4).
 * Each level must see its own pid and its parent's, at least 8 levels
 * deep. A fork() in a child phase is a real copy: its stores must not
 * reach the parent's memory, and its parent is the child phase's pid.
 */
#include "vforklib.h"

#define NEST 8

static volatile pid_t g_pid, g_reaped;
static volatile int g_status;
static volatile int level, lv_errno;
static volatile pid_t lv_pid[NEST + 1], lv_ppid[NEST + 1];
static volatile int f_wrote, f_status;
static volatile pid_t f_pid, f_reaped, c_pid;

/* A child phase vforks a grandchild that execs exit_with 3, then exits 4. */
static void grandchild_exec(void)
{
	char *argv[] = { "exit_with", "3", NULL };
	const char *path = helper_path("exit_with");
	int st = -1;
	pid_t pid, r;

	g_pid = g_reaped = 0;
	g_status = -1;
	pid = vfork();
	if (pid == 0) {
		pid_t g = vfork();
		int s = -1;

		if (g == 0) {
			execv(path, argv);
			_exit(127);
		}
		g_pid = g;
		g_reaped = waitpid(g, &s, 0);
		g_status = s;
		_exit(4);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 4,
	      "top parent gets the child phase's status 4 (pid %d, 0x%x)",
	      (int)r, st);
	check(g_pid > 0 && g_pid != pid && g_pid != getpid(),
	      "grandchild got a pid of its own (%d)", (int)g_pid);
	check_eq(g_reaped, g_pid, "child phase reaped its grandchild");
	check(WIFEXITED(g_status) && WEXITSTATUS(g_status) == 3,
	      "grandchild's program exited 3 (0x%x)", g_status);
	check_errno(wait(NULL), ECHILD, "top parent has no other child");
}

/* Each level's getppid() must be the getpid() of the level above it. */
static int levels_linked(void)
{
	int i, ok = 1;

	for (i = 1; i <= NEST; i++) {
		ok &= lv_ppid[i] == lv_pid[i - 1];
		ok &= lv_pid[i] != lv_pid[i - 1] && lv_pid[i] > 0;
	}
	return ok;
}

/*
 * Eight child phases, each vforking the next: the deepest exits 1, each
 * level above exits one more than its child, so the top parent gets 8.
 */
static void eight_levels(void)
{
	int st = -1;
	pid_t p;

	level = 0;
	lv_errno = 0;
	lv_pid[0] = getpid();
	for (;;) {
		p = vfork();
		if (p == 0) {
			level++;
			lv_pid[level] = getpid();
			lv_ppid[level] = getppid();
			if (level < NEST)
				continue;
			_exit(1);
		}
		if (p < 0) {
			lv_errno = errno;
			if (level == 0)
				break;
			_exit(100);
		}
		level--;
		if (waitpid(p, &st, 0) != p)
			st = 0xff00;
		if (level == 0)
			break;
		_exit(WIFEXITED(st) ? WEXITSTATUS(st) + 1 : 200);
	}
	check_eq(lv_errno, 0, "no vfork failed down to 8 levels");
	check_eq(level, 0, "top parent resumed at level 0");
	check(WIFEXITED(st) && WEXITSTATUS(st) == NEST,
	      "every level resumed once: top parent gets %d (0x%x)", NEST, st);
	check(levels_linked(), "each level's getppid() is the level above's getpid()");
	check_errno(wait(NULL), ECHILD, "no child left over");
}

/* fork() in a child phase: a real copy whose parent is the child phase. */
static void fork_in_child_phase(void)
{
	int st = -1;
	pid_t pid, r;

	f_wrote = 0;
	f_status = -1;
	pid = vfork();
	if (pid == 0) {
		pid_t f;
		int s = -1;

		c_pid = getpid();
		f = fork();
		if (f == 0) {
			f_wrote = 1;
			/* 9 only if its parent is the child phase's pid. */
			_exit(getppid() == c_pid ? 9 : 8);
		}
		f_pid = f;
		f_reaped = waitpid(f, &s, 0);
		f_status = s;
		_exit(0);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child phase that forked exits 0 (0x%x)", st);
	check(f_pid > 0 && f_reaped == f_pid && WIFEXITED(f_status) &&
	      WEXITSTATUS(f_status) == 9, "child phase reaped its fork "
	      "child, status 9: its parent was the child phase (pid %d, "
	      "0x%x)", (int)f_pid, f_status);
	check_eq(f_wrote, 0, "the fork child's store did not reach the "
		 "parent's memory");
	check_errno(wait(NULL), ECHILD, "no child left over");
}

int main(int argc, char **argv)
{
	test_init(argv);
	grandchild_exec();
	eight_levels();
	fork_in_child_phase();
	return test_done();
}
