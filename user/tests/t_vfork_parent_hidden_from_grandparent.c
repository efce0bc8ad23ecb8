/*
 * t_vfork_parent_hidden_from_grandparent - while a process is suspended
 * in vfork, its own parent sees it as it is: waitpid(WNOHANG) on it
 * returns 0, kill(pid, 0) succeeds, and the child phase is a separate
 * process whose parent is it.
 *
 * Bug: Sleight's child phase swapped the parent's identity out of its
 * process record, so during the child phase the grandparent's children
 * list held a process with the child's pid: waitpid(parent, WNOHANG)
 * gave ECHILD, as if the parent did not exist, and a listing showed the
 * child phase in the parent's place. On Linux the vforking parent is an
 * ordinary process waiting for its child. The child phase now has its
 * own record, and the parent's stays untouched in the table.
 */
#include "vforklib.h"

static volatile int g_wait, g_wait_errno, g_kill, g_kill_errno;
static char g_parent_stat = '?';
static int g_children_of_parent = -1;

/* Sleight's /dev/ps: the parent's state letter and how many processes
 * name it as their parent. */
static void read_ps(pid_t parent)
{
	static char buf[8192];
	int fd = open("/dev/ps", O_RDONLY | O_CLOEXEC), pid, ppid, pg, sid;
	ssize_t n = fd < 0 ? -1 : read_all(fd, buf, sizeof(buf), 2000);
	char st, *line;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return;
	g_children_of_parent = 0;
	for (line = buf; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (sscanf(line, "%d %d %d %d %c", &pid, &ppid, &pg, &sid,
			   &st) != 5)
			continue;
		if (pid == parent)
			g_parent_stat = st;
		g_children_of_parent += ppid == parent;
	}
}

/* The grandparent: on a byte from the child phase, look at the parent. */
static void look_at(pid_t parent, int go, int done)
{
	char c = 0;

	check(read(go, &c, 1) == 1 && c == 'g',
	      "the child phase reported in");
	errno = 0;
	g_wait = waitpid(parent, NULL, WNOHANG);
	g_wait_errno = errno;
	errno = 0;
	g_kill = kill(parent, 0);
	g_kill_errno = errno;
	if (on_sleight())
		read_ps(parent);
	write(done, "k", 1);
}

/* The parent: vfork, and in the child phase let the grandparent look. */
static void parent(int go, int done, int out)
{
	pid_t me = getpid(), child;
	int st = -1, ppid_ok = 0;

	child = vfork();
	if (child == 0) {
		char c;

		ppid_ok = getppid() == me && getpid() != me;
		write(go, "g", 1);
		read(done, &c, 1);
		_exit(ppid_ok ? 0 : 3);
	}
	waitpid(child, &st, 0);
	write(out, &st, sizeof(st));
	_exit(0);
}

int main(int argc, char **argv)
{
	int go[2], done[2], out[2], st = -1, cst = -1;
	pid_t p;

	test_init(argv);
	check(pipe(go) == 0 && pipe(done) == 0 && pipe(out) == 0, "pipes");
	p = fork();
	if (p == 0)
		parent(go[1], done[0], out[1]);
	look_at(p, go[0], done[1]);
	check(g_wait == 0, "waitpid(parent, WNOHANG) during its child phase "
	      "returns 0 (got %d errno %d)", g_wait, g_wait_errno);
	check(g_kill == 0, "kill(parent, 0) during its child phase succeeds "
	      "(got %d errno %d)", g_kill, g_kill_errno);
	if (on_sleight()) {
		check(g_parent_stat == 'V', "/dev/ps lists the parent as "
		      "suspended in vfork (%c)", g_parent_stat);
		check_eq(g_children_of_parent, 1, "/dev/ps lists the child "
			 "phase as a process whose parent is it");
	}
	if (read(out[0], &cst, sizeof(cst)) != sizeof(cst))
		cst = -1;
	check(WIFEXITED(cst) && WEXITSTATUS(cst) == 0,
	      "in the child phase getppid() is the parent, getpid() is not "
	      "(status %#x)", cst);
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the parent exited 0 (status %#x)", st);
	return test_done();
}
