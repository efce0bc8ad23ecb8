/*
 * t_vfork_group_kill_misses_suspended_parent - kill(0), kill(-pgid) and
 * kill(-1), sent from a vfork child phase or from another process, reach
 * the parent suspended in vfork and are delivered when it resumes.
 *
 * Bug: Sleight's child phase took over the parent's process record and
 * hid the parent's identity in a vfork frame. A signal to the parent's
 * own pid was held in the frame, but the group walks (kill(0, sig),
 * kill(-pgid, sig), kill(-1, sig), the tty's ^C) saw only the child
 * phase, so the parent never got them. On Linux the parent is a process
 * like any other while it waits in vfork: the signals stay pending and
 * are delivered as soon as vfork returns in it. The child phase now has
 * its own record and the parent stays in the table, untouched.
 *
 * The test runs in a process group of its own. kill(-1) reaches every
 * process the caller may signal, on a host as root the whole machine:
 * it is sent (SIGURG, ignored by default) on Sleight, and on a host
 * only when T_KILL_ALL_OK is set, which `unshare -p -f --mount-proc`
 * makes safe (a PID namespace of its own).
 */
#include <stdlib.h>
#include "vforklib.h"

#define NSIGS 65

static pid_t parent_pid;
static volatile sig_atomic_t in_parent[NSIGS], in_child[NSIGS];
static volatile int early; /* what the parent had got during the phase */
static int kill_all; /* may kill(-1) be sent here? */

static void on_sig(int sig)
{
	if (getpid() == parent_pid)
		in_parent[sig]++;
	else
		in_child[sig]++;
}

static const int sigs[] = { SIGUSR1, SIGUSR2, SIGURG, SIGWINCH, SIGPROF };

/* read one byte, through the signals this test sends itself */
static int read1(int fd)
{
	char c;
	ssize_t r;

	do
		r = read(fd, &c, 1);
	while (r < 0 && errno == EINTR);
	return r == 1;
}

static int parent_total(void)
{
	int n = 0;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		n += in_parent[sigs[i]];
	return n;
}

/* Another process of the group: on a byte from `go`, kill the group
 * with SIGWINCH and the parent by pid with SIGPROF, then answer. */
static pid_t start_helper(int go, int done)
{
	pid_t h = fork();

	if (h != 0)
		return h;
	if (read1(go)) {
		kill(-parent_pid, SIGWINCH);
		kill(parent_pid, SIGPROF);
		write(done, "k", 1);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_sig, .sa_flags = SA_RESTART };
	int go[2], done[2], st = -1;
	pid_t helper, p;

	test_init(argv);
	kill_all = on_sleight() || getenv("T_KILL_ALL_OK");
	setpgid(0, 0);
	parent_pid = getpid();
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	check(pipe(go) == 0 && pipe(done) == 0, "pipes");
	helper = start_helper(go[0], done[1]);
	p = vfork();
	if (p == 0) {
		kill(0, SIGUSR1);
		kill(-parent_pid, SIGUSR2);
		if (kill_all)
			kill(-1, SIGURG);
		write(go[1], "g", 1);
		read1(done[0]);
		early = parent_total();
		_exit(0);
	}
	/* Whatever was pending has been delivered as vfork returned. */
	check_eq(early, 0, "nothing ran in the parent during the child phase");
	check_eq(in_parent[SIGUSR1], 1, "kill(0) from the child phase");
	check_eq(in_parent[SIGUSR2], 1, "kill(-pgid) from the child phase");
	if (kill_all)
		check_eq(in_parent[SIGURG], 1, "kill(-1) from the child phase");
	else
		skip("kill(-1) on a host outside a PID namespace of its own");
	check_eq(in_parent[SIGWINCH], 1, "kill(-pgid) from another process");
	check_eq(in_parent[SIGPROF], 1, "kill(pid) from another process");
	check_eq(in_child[SIGUSR1], 1,
		 "kill(0) reached the child phase itself too");
	st = waitpid(p, &st, 0) == p ? st : -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the child phase exited 0 (status %#x)", st);
	st = waitpid(helper, &st, 0) == helper ? st : -1;
	check(WIFEXITED(st), "the helper exited (status %#x)", st);
	return test_done();
}
