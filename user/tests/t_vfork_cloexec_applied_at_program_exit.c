/*
 * t_vfork_cloexec_applied_at_program_exit - spec vfork.md case 4.
 *
 * Bug: close-on-exec handled at the wrong time or on the wrong table.
 * (a) A kernel that lets the spawned program inherit a close-on-exec pipe
 * end and only drops it when the program exits keeps the parent's read
 * from returning end-of-file until then: a shell's command substitution
 * hangs for as long as a background program runs. (b) FD_CLOEXEC is a
 * per-slot flag: F_SETFD in the child phase must not change the parent's
 * slot. (c) dup, dup2 and F_DUPFD must give slots without the flag,
 * dup2(fd, fd) must change nothing, dup3(fd, fd, 0) is EINVAL and
 * F_DUPFD_CLOEXEC sets the flag; the program sees exactly the slots
 * without it.
 */
#include "vforklib.h"

/* How long exit_with sleeps in part (a), in milliseconds. */
#define PROGRAM_MS 1000
#define STR_(x) #x
#define STR(x) STR_(x)

static volatile int r_flag_c, r_flag_d;
static volatile int r_dup, r_dup_fl, r_dup2, r_dup2_fl, r_dupfd, r_dupfd_fl;
static volatile int r_self, r_self_fl, r_dup3, r_dup3_errno;
static volatile int r_dupfd_cx, r_dupfd_cx_fl, r_dup3_cx, r_dup3_cx_fl;

/* (a) End of file on a close-on-exec pipe comes as soon as exec did. */
static void eof_at_exec(void)
{
	char *argv[] = { "exit_with", "0", STR(PROGRAM_MS), NULL };
	const char *path = helper_path("exit_with");
	long long t0, t1;
	int p[2], st = -1, alive;
	char buf[8];
	ssize_t n;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2(O_CLOEXEC)");
		return;
	}
	t0 = now_ms();
	pid = vfork();
	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	n = read_all(p[0], buf, sizeof(buf), VT_DEADLINE_MS);
	t1 = now_ms();
	alive = waitpid(pid, &st, WNOHANG) == 0;
	close(p[0]);
	check_eq(n, 0, "read on the close-on-exec pipe returns end of file");
	check(alive, "end of file came while the program still ran");
	check(t1 - t0 < PROGRAM_MS * 8 / 10,
	      "end of file after %lld ms, well before the program's %d ms",
	      t1 - t0, PROGRAM_MS);
	wait_for(pid, &st, VT_DEADLINE_MS);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "program then exited 0 (status 0x%x)", st);
}

/* Runs fdlist with output to a pipe; child phase clears/sets flags first. */
static void setfd_in_child(void)
{
	char *argv[] = { "fdlist", NULL };
	const char *path = helper_path("fdlist");
	int c, d, p[2], st = -1;
	char out[128], want[64];
	pid_t pid;

	c = open("/dev/null", O_RDONLY | O_CLOEXEC);
	d = open("/dev/null", O_RDONLY);
	if (c < 0 || d < 0 || pipe2(p, O_CLOEXEC) != 0) {
		check(0, "setup: open /dev/null, pipe2");
		return;
	}
	pid = vfork();
	if (pid == 0) {
		fcntl(c, F_SETFD, 0);
		fcntl(d, F_SETFD, FD_CLOEXEC);
		r_flag_c = fcntl(c, F_GETFD);
		r_flag_d = fcntl(d, F_GETFD);
		dup2(p[1], 1);
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	check_eq(fcntl(c, F_GETFD), FD_CLOEXEC,
		 "F_SETFD 0 in child phase leaves parent's FD_CLOEXEC set");
	check_eq(fcntl(d, F_GETFD), 0,
		 "F_SETFD FD_CLOEXEC in child phase leaves parent's slot clear");
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);
	check_eq(r_flag_c, 0, "child phase saw its own F_SETFD 0");
	check_eq(r_flag_d, FD_CLOEXEC, "child phase saw its own FD_CLOEXEC");
	snprintf(want, sizeof(want), "0 1 2 %d\n", c);
	check(strcmp(out, want) == 0,
	      "program got the cleared slot %d, not %d (fdlist \"%.*s\")", c, d,
	      (int)strcspn(out, "\n"), out);
	close(c);
	close(d);
}

/* (c) The dup family's flags, made in a child phase, seen by a program. */
static void dup_flags_in_child(void)
{
	char *argv[] = { "fdlist", NULL };
	const char *path = helper_path("fdlist");
	int c, p[2], st = -1;
	char out[128], want[64];
	pid_t pid;

	c = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (c < 0 || pipe2(p, O_CLOEXEC) != 0) {
		check(0, "setup: open /dev/null, pipe2");
		return;
	}
	pid = vfork();
	if (pid == 0) {
		dup2(p[1], 1);
		r_dup = dup(c);
		r_dup_fl = fcntl(r_dup, F_GETFD);
		r_dup2 = dup2(c, 20);
		r_dup2_fl = fcntl(20, F_GETFD);
		r_dupfd = fcntl(c, F_DUPFD, 30);
		r_dupfd_fl = fcntl(r_dupfd, F_GETFD);
		r_self = dup2(c, c);
		r_self_fl = fcntl(c, F_GETFD);
		r_dup3 = dup3(c, c, 0);
		r_dup3_errno = errno;
		r_dupfd_cx = fcntl(c, F_DUPFD_CLOEXEC, 40);
		r_dupfd_cx_fl = fcntl(r_dupfd_cx, F_GETFD);
		r_dup3_cx = dup3(c, 50, O_CLOEXEC);
		r_dup3_cx_fl = fcntl(50, F_GETFD);
		execv(path, argv);
		_exit(127);
	}
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);

	check(r_dup > 2 && r_dup_fl == 0, "dup gives a slot without FD_CLOEXEC "
	      "(fd %d flags %d)", r_dup, r_dup_fl);
	check(r_dup2 == 20 && r_dup2_fl == 0, "dup2 gives a slot without "
	      "FD_CLOEXEC (fd %d flags %d)", r_dup2, r_dup2_fl);
	check(r_dupfd >= 30 && r_dupfd_fl == 0, "F_DUPFD gives a slot without "
	      "FD_CLOEXEC (fd %d flags %d)", r_dupfd, r_dupfd_fl);
	check(r_self == c && r_self_fl == FD_CLOEXEC, "dup2(fd, fd) returns fd "
	      "and keeps its flag (got %d flags %d)", r_self, r_self_fl);
	check(r_dup3 == -1 && r_dup3_errno == EINVAL, "dup3(fd, fd, 0) is "
	      "EINVAL (got %d errno %d)", r_dup3, r_dup3_errno);
	check(r_dupfd_cx >= 40 && r_dupfd_cx_fl == FD_CLOEXEC, "F_DUPFD_CLOEXEC "
	      "sets the flag (fd %d flags %d)", r_dupfd_cx, r_dupfd_cx_fl);
	check(r_dup3_cx == 50 && r_dup3_cx_fl == FD_CLOEXEC, "dup3(O_CLOEXEC) "
	      "sets the flag (fd %d flags %d)", r_dup3_cx, r_dup3_cx_fl);
	snprintf(want, sizeof(want), "0 1 2 %d 20 %d\n", r_dup, r_dupfd);
	check(strcmp(out, want) == 0,
	      "program sees exactly the slots without the flag (want \"%.*s\","
	      " got \"%.*s\")", (int)strlen(want) - 1, want,
	      (int)strcspn(out, "\n"), out);
	check(!fd_open(20) && !fd_open(r_dupfd) && !fd_open(40) &&
	      !fd_open(50) && !fd_open(r_dup),
	      "none of the child phase's dups exists in the parent");
	check_eq(fcntl(c, F_GETFD), FD_CLOEXEC, "parent's slot keeps its flag");
	close(c);
}

int main(int argc, char **argv)
{
	test_init(argv);
	close_stray_fds();
	eof_at_exec();
	setfd_in_child();
	dup_flags_in_child();
	return test_done();
}
