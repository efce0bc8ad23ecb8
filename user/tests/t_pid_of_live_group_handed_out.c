/*
 * t_pid_of_live_group_handed_out - a pid still in use as a process group
 * id is not handed out to a new process.
 *
 * Bug: the pid allocator skipped only the pids processes carry. Once a
 * group's leader has exited and been reaped, the group lives on in its
 * other members under the leader's old pid, and the allocator handed that
 * pid to a new process: the newcomer, a group leader's pid without being
 * in the group, then made kill(-pgid) ambiguous and its own setpgid(0, 0)
 * fail with EPERM (POSIX setpgid: a new group's id must be unused). Linux
 * keeps a struct pid allocated while any process refers to it as pid,
 * process group or session, and alloc_pid never returns it.
 *
 * What this checks: leader L (with a pid above 300, where the counter
 * wraps to) makes its own group, member M joins it, L exits and is
 * reaped; then vfork + _exit goes round the whole pid space (the counter
 * wraps: Sleight's pid_max is 32768, as on this host) and none of those
 * children gets L's pid. On a host with a larger pid_max
 * the counter does not wrap in a reasonable time and that check skips.
 */
#include "vforklib.h"

#define MAX_VFORKS 70000
#define PID_RESERVED 300 /* where the counter wraps to (Linux RESERVED_PIDS) */

static volatile pid_t v_pid;

/* The pid of a vfork child that exits at once (reaped), or -1. */
static pid_t vfork_reap(void)
{
	pid_t p = vfork();

	if (p == 0)
		_exit(0);
	if (p > 0)
		waitpid(p, NULL, 0);
	return p;
}

/* Fork the leader: its own group, then it waits for a byte on go and
 * exits. Returns its pid once its group exists. */
static pid_t start_leader(int go)
{
	pid_t l = fork();
	char c;

	if (l == 0) {
		setpgid(0, 0);
		read(go, &c, 1);
		_exit(0);
	}
	setpgid(l, l); /* both sides, as shells do: no race */
	return l;
}

/* Fork the member: it joins group pgid and blocks until the write end
 * of hold closes. */
static pid_t start_member(pid_t pgid, const int hold[2])
{
	pid_t m = fork();
	char c;

	if (m == 0) {
		close(hold[1]);
		setpgid(0, pgid);
		read(hold[0], &c, 1);
		_exit(0);
	}
	setpgid(m, pgid);
	return m;
}

int main(int argc, char **argv)
{
	int go[2], hold[2], n = 0, clash = 0, wrapped = 0, st;
	pid_t l, m, g, prev = 0;

	test_init(argv);
	if (pipe(go) < 0 || pipe(hold) < 0)
		return 1;
	/* The leader's pid must lie where the counter comes back to. */
	while (n++ < MAX_VFORKS && (g = vfork_reap()) > 0 &&
	       g < PID_RESERVED + 100)
		;
	n = 0;
	l = start_leader(go[0]);
	m = start_member(l, hold);
	check(m > 0 && getpgid(m) == l, "the member is in the leader's group");
	write(go[1], "x", 1);
	check(waitpid(l, &st, 0) == l, "the leader exits and is reaped");
	check(getpgid(m) == l, "the group lives on in the member");

	while (n < MAX_VFORKS && (g = vfork_reap()) > 0) {
		n++;
		clash += g == l;
		wrapped |= g < prev;
		prev = g;
		if (wrapped && g > l)
			break; /* the counter went round, past l */
	}
	if (!wrapped)
		skip("the pid counter did not wrap in %d vforks", n);
	else
		check(clash == 0, "no child got the group's id %d in %d "
		      "vforks round the pid space (%d did)", (int)l, n, clash);
	close(hold[1]);
	check(waitpid(m, &st, 0) == m && WIFEXITED(st),
	      "the member exits once released");
	return test_done();
}
