/*
 * t_vfork_returned_pid_differs_from_child_pid - spec vfork.md case 2.
 *
 * Bug: the pid reserved for the child phase, the pid of the program that
 * exec spawns from it and the pid vfork returns to the parent drift
 * apart (say the spawned process gets a fresh pid instead of the reserved
 * one), or the spawned program's parent is not the vforking process. The
 * parent then waits for a pid that never exits, or a second wait finds a
 * phantom child instead of ECHILD.
 */
#include "vforklib.h"

static volatile pid_t child_pid, child_ppid;

/* Exec pidinfo from a child phase; compare all the pids. */
static void pids_through_exec(void)
{
	char *argv[] = { "pidinfo", NULL };
	const char *path = helper_path("pidinfo");
	int p[2], status = -1, pid_p = 0, ppid_p = 0, pg, sid;
	char out[128];
	pid_t pid, r;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2 for pidinfo output");
		return;
	}
	child_pid = child_ppid = 0;
	pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		child_ppid = getppid();
		dup2(p[1], 1);
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	r = wait_for(pid, &status, VT_DEADLINE_MS);

	check(pid > 0, "exec: vfork returned a pid (got %d)", (int)pid);
	check(pid != getpid(), "exec: that pid is not the parent's own");
	check_eq(child_pid, pid, "exec: getpid() in child phase == returned pid");
	check_eq(child_ppid, getpid(),
		 "exec: getppid() in child phase == parent's pid");
	check(sscanf(out, "pid=%d ppid=%d pgid=%d sid=%d", &pid_p, &ppid_p, &pg,
		     &sid) == 4, "exec: pidinfo ran (output \"%s\")", out);
	check_eq(pid_p, pid, "exec: program's pid == returned pid");
	check_eq(ppid_p, getpid(), "exec: program's ppid == parent's pid");
	check_eq(r, pid, "exec: waitpid(returned pid) reaps it");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "exec: program exited 0 (status 0x%x)", status);
	check_errno(wait(&status), ECHILD, "exec: then wait() finds no child");
}

/* A child phase that ends in _exit: the zombie carries the reserved pid. */
static void pids_through_exit(void)
{
	int status = -1;
	pid_t pid, r;

	child_pid = child_ppid = 0;
	pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		child_ppid = getppid();
		_exit(child_pid == getpid() ? 9 : 8);
	}
	check(pid > 0, "_exit: vfork returned a pid (got %d)", (int)pid);
	check_eq(child_pid, pid, "_exit: getpid() in child phase == returned pid");
	check_eq(child_ppid, getpid(),
		 "_exit: getppid() in child phase == parent's pid");
	r = wait(&status);
	check_eq(r, pid, "_exit: wait() reaps exactly the returned pid");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 9,
	      "_exit: status 9 (got 0x%x)", status);
	check_errno(wait(&status), ECHILD, "_exit: then wait() finds no child");
}

/* Two child phases in a row get two different pids. */
static void pids_are_fresh(void)
{
	pid_t a, b;
	int st;

	a = vfork();
	if (a == 0)
		_exit(0);
	b = vfork();
	if (b == 0)
		_exit(0);
	check(a > 0 && b > 0 && a != b,
	      "two vforks in a row give distinct pids (%d, %d)", (int)a,
	      (int)b);
	waitpid(a, &st, 0);
	waitpid(b, &st, 0);
}

int main(int argc, char **argv)
{
	test_init(argv);
	pids_through_exec();
	pids_through_exit();
	pids_are_fresh();
	return test_done();
}
