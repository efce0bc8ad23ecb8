/*
 * t_wait_reaps_wrong_child - waitpid selects, blocks and reports the way
 * POSIX and Linux define.
 *
 * Bug: wait picks the wrong child or none. pid > 0 reaps some other
 * child, 0 and -pgid ignore process groups, WNOHANG blocks or reaps a
 * running child, unknown option bits are accepted, waiting with no
 * children blocks forever instead of ECHILD, SIGCHLD is not sent to the
 * parent (or lacks si_pid/si_status), or children of a parent that
 * ignores SIGCHLD become zombies instead of being reaped.
 */
#include "tests/testlib.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* spawn - fork a child that waits for EOF on *gate (if gate) and exits
 * with code; if own_group, it leads a new process group. */
static pid_t spawn(int code, int gate_fd, int *close_fd, int own_group)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		if (close_fd)
			close(*close_fd);
		if (gate_fd >= 0)
			read(gate_fd, &c, 1);
		_exit(code);
	}
	if (pid > 0 && own_group)
		setpgid(pid, pid); /* both sides, so no race */
	return pid;
}

static void by_pid(void)
{
	int gate[2], st = -1;
	pid_t a, b;

	pipe(gate);
	a = spawn(1, gate[0], &gate[1], 0);
	b = spawn(2, -1, NULL, 0);
	check_eq(waitpid(a, &st, WNOHANG), 0,
		 "WNOHANG on a running child returns 0");
	check_eq(waitpid(b, &st, 0), b, "waitpid(pid) reaps that child");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 2, "its status is 2");
	close(gate[1]);
	check_eq(waitpid(-1, &st, 0), a, "waitpid(-1) reaps the other");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 1, "its status is 1");
	close(gate[0]);
	check_errno(waitpid(-1, &st, 0), ECHILD, "no children: ECHILD");
	check_errno(waitpid(-1, &st, WNOHANG), ECHILD,
		    "no children with WNOHANG: ECHILD");
	check_errno(waitpid(a, &st, 0), ECHILD, "a reaped pid: ECHILD");
}

static void by_group(void)
{
	int done[2], gate[2], st = -1;
	pid_t other, mine;
	char c;

	pipe(done);
	pipe(gate);
	other = spawn(11, -1, &done[0], 1);
	close(done[1]);
	read(done[0], &c, 1); /* EOF: the other-group child has exited */
	close(done[0]);
	usleep(20000);
	mine = spawn(22, gate[0], &gate[1], 0);
	check_eq(waitpid(0, &st, WNOHANG), 0,
		 "waitpid(0) ignores an exited child in another group");
	close(gate[1]);
	check_eq(waitpid(0, &st, 0), mine,
		 "waitpid(0) reaps the child in our group");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 22, "its status is 22");
	check_eq(waitpid(-other, &st, 0), other,
		 "waitpid(-pgid) reaps the child in that group");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 11, "its status is 11");
	close(gate[0]);
}

static void bad_options(void)
{
	pid_t pid = spawn(0, -1, NULL, 0);

	check_errno(syscall(SYS_wait4, -1, NULL, 0x10, NULL), EINVAL,
		    "wait4 with option bit 0x10");
	check_errno(syscall(SYS_wait4, -1, NULL, 0x01000000, NULL), EINVAL,
		    "wait4 with WNOWAIT (not a wait4 option)");
	check_eq(waitpid(pid, NULL, 0), pid, "child still reapable");
}

static void status_codes(void)
{
	int st = -1;
	pid_t pid;

	pid = spawn(255, -1, NULL, 0);
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 255, "exit(255) -> 255");
	pid = spawn(256 + 3, -1, NULL, 0);
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "exit(259) keeps the low 8 bits");
	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WIFEXITED(st),
	      "killed by SIGTERM: WIFSIGNALED (status 0x%x)", st);
}

static volatile int chld_hits, chld_pid, chld_code, chld_status;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	chld_hits++;
	chld_pid = si->si_pid;
	chld_code = si->si_code;
	chld_status = si->si_status;
}

static void sigchld(void)
{
	struct sigaction sa;
	sigset_t block, old;
	pid_t pid;
	int st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_chld;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid = spawn(42, -1, NULL, 0);
	while (!chld_hits)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	check_eq(chld_hits, 1, "SIGCHLD delivered once");
	check_eq(chld_pid, pid, "si_pid is the child");
	check_eq(chld_code, CLD_EXITED, "si_code is CLD_EXITED");
	check_eq(chld_status, 42, "si_status is the exit code");
	check_eq(waitpid(pid, &st, 0), pid, "the child is still a zombie "
		 "to reap");

	signal(SIGCHLD, SIG_IGN);
	spawn(1, -1, NULL, 0);
	spawn(2, -1, NULL, 0);
	check_errno(waitpid(-1, &st, 0), ECHILD,
		    "SIGCHLD ignored: children reap themselves, wait gives "
		    "ECHILD");
	signal(SIGCHLD, SIG_DFL);
}

int main(int argc, char **argv)
{
	test_init(argv);
	by_pid();
	by_group();
	bad_options();
	status_codes();
	sigchld();
	return test_done();
}
