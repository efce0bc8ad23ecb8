/*
 * t_vfork_child_setsid_moves_parent_session - spec vfork.md case 7.
 *
 * Bug: process group and session belong to the process, and the child
 * phase runs in the parent's process. Without a backup the child phase's
 * setpgid(0, 0) or setsid() moves the parent: a shell ends up in its job's
 * process group or loses its controlling terminal. Also wrong: setsid()
 * failing with EPERM in the child phase because the parent leads a
 * process group (the child phase's pid is not a leader), or the program
 * not being in the group or session the child phase made.
 */
#include "vforklib.h"

static volatile int c_setpgid, c_pgid, c_pid, c_setsid, c_sid;

/* Runs pidinfo after the child phase did setpgid (mode 0) or setsid. */
static void new_group(int use_setsid, pid_t pgid0, pid_t sid0)
{
	char *argv[] = { "pidinfo", NULL };
	const char *path = helper_path("pidinfo");
	const char *how = use_setsid ? "setsid" : "setpgid";
	int p[2], st = -1, pid_p = 0, ppid_p, pg_p = 0, sid_p = 0;
	char out[128];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	c_setpgid = c_setsid = -2;
	pid = vfork();
	if (pid == 0) {
		c_pid = getpid();
		if (use_setsid)
			c_setsid = setsid();
		else
			c_setpgid = setpgid(0, 0);
		c_pgid = getpgid(0);
		c_sid = getsid(0);
		dup2(p[1], 1);
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	check_eq(getpgid(0), pgid0, "parent's process group unchanged");
	check_eq(getsid(0), sid0, "parent's session unchanged");
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);

	if (use_setsid) {
		check_eq(c_setsid, pid, "setsid() in child phase returns its pid");
		check_eq(c_sid, pid, "setsid: child phase leads a new session");
	} else {
		check_eq(c_setpgid, 0, "setpgid(0, 0) in child phase works");
		check_eq(c_sid, sid0, "setpgid: child phase keeps the session");
	}
	check_eq(c_pgid, pid, "child phase leads a new process group");
	check(sscanf(out, "pid=%d ppid=%d pgid=%d sid=%d", &pid_p, &ppid_p,
		     &pg_p, &sid_p) == 4, "%s: pidinfo ran", how);
	check_eq(pg_p, pid, "program is in the child phase's group");
	check_eq(sid_p, use_setsid ? pid : sid0,
		 "program is in the child phase's session");
	check_eq(getpgid(0), pgid0, "parent's process group still unchanged");
	check_eq(getsid(0), sid0, "parent's session still unchanged");
}

int main(int argc, char **argv)
{
	pid_t pgid0, sid0;

	test_init(argv);
	/*
	 * Lead a process group of our own, so that setsid() in the child
	 * phase would be EPERM if the kernel took the parent's pid for it.
	 * (A session leader cannot do this; then the group is already ours.)
	 */
	if (getsid(0) != getpid())
		setpgid(0, 0);
	pgid0 = getpgid(0);
	sid0 = getsid(0);
	check_eq(pgid0, getpid(), "parent leads its process group");
	new_group(0, pgid0, sid0);
	new_group(1, pgid0, sid0);
	return test_done();
}
