/*
 * t_vfork_child_close_leaks_into_parent - spec vfork.md case 3.
 *
 * Bug: the child phase runs in the parent's own process, so a kernel
 * that forgets to back up the fd table (or restores it badly) lets the
 * child phase's close(0), open and dup2 land in the parent: the parent
 * comes back with /dev/null as its input, a pipe as its output, an extra
 * descriptor it never opened, or a file whose offset was reset. Equally
 * wrong: the spawned program not getting exactly the numbers the child
 * phase arranged (the lowest-free rule broken in the child's copy).
 * Checked with exec and with _exit ending the child phase.
 */
#include "vforklib.h"

static volatile int r_null, r_dup2, r_new, r_a_open, r_a_read;

/* The parent's state before a child phase, to compare with after. */
struct before {
	struct stat in, out;
	int fd_a;		/* scratch file, offset 5, not close-on-exec */
	int lowest_free;	/* what open() returns next in the parent */
};

static void take_before(struct before *b, int fd_a)
{
	fstat(0, &b->in);
	fstat(1, &b->out);
	b->fd_a = fd_a;
	lseek(fd_a, 5, SEEK_SET);
	b->lowest_free = dup(0);
	close(b->lowest_free);
}

/*
 * Checks that the parent's table is as it was: fd_a at offset a_off and
 * the pipe's write end pw still close-on-exec.
 */
static void check_after(const char *how, const struct before *b, off_t a_off,
			int pw)
{
	check(same_file(0, &b->in), "%s: parent's fd 0 is its original", how);
	check(same_file(1, &b->out), "%s: parent's fd 1 is its original", how);
	check_eq(lseek(b->fd_a, 0, SEEK_CUR), a_off,
		 "parent's fd above 0..2 open at the expected offset");
	check_eq(fcntl(pw, F_GETFD), FD_CLOEXEC,
		 "pipe end the child dup2'd from: parent's flag unchanged");
	check_errno(fcntl(b->lowest_free, F_GETFD), EBADF,
		    "child phase's extra fd is EBADF in the parent");
	check_eq(open("/dev/null", O_RDONLY | O_CLOEXEC), b->lowest_free,
		 "parent's next open gets its own lowest free number");
	close(b->lowest_free);
}

static void child_table_then_exec(int fd_a)
{
	char *argv[] = { "fdlist", NULL };
	const char *path = helper_path("fdlist");
	const char *scratch = tmp_path("b");
	char out[256], want[64];
	struct before b;
	int p[2], st = -1, lo;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	take_before(&b, fd_a);
	lo = b.lowest_free;
	pid = vfork();
	if (pid == 0) {
		close(0);
		r_null = open("/dev/null", O_RDONLY);
		r_dup2 = dup2(p[1], 1);
		r_new = open(scratch, O_RDWR | O_CREAT, 0644);
		execv(path, argv);
		_exit(127);
	}
	check_after("exec", &b, 5, p[1]);
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);

	check_eq(r_null, 0, "exec: child phase's open after close(0) gets 0");
	check_eq(r_dup2, 1, "exec: child phase's dup2(pipe, 1) gives 1");
	check_eq(r_new, lo, "exec: child phase's open gets the lowest free fd");
	/* The program holds 0 1 2, the scratch fd_a and the child's file. */
	if (fd_a < lo)
		snprintf(want, sizeof(want), "0 1 2 %d %d\n", fd_a, lo);
	else
		snprintf(want, sizeof(want), "0 1 2 %d %d\n", lo, fd_a);
	check(strcmp(out, want) == 0, "exec: program sees \"%.*s\" (got "
	      "\"%.*s\")", (int)strlen(want) - 1, want,
	      (int)strcspn(out, "\n"), out);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "exec: fdlist exited 0 (status 0x%x)", st);
	unlink(scratch);
}

static void child_table_then_exit(int fd_a)
{
	const char *scratch = tmp_path("c");
	struct before b;
	int p[2], st = -1, lo;
	char buf[3];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	take_before(&b, fd_a);
	lo = b.lowest_free;
	pid = vfork();
	if (pid == 0) {
		close(0);
		r_null = open("/dev/null", O_RDONLY);
		r_dup2 = dup2(p[1], 1);
		r_new = open(scratch, O_RDWR | O_CREAT, 0644);
		r_a_read = read(fd_a, buf, sizeof(buf));
		r_a_open = close(fd_a);
		_exit(0);
	}
	wait_for(pid, &st, VT_DEADLINE_MS);

	check_eq(r_null, 0, "_exit: child phase's open after close(0) gets 0");
	check_eq(r_dup2, 1, "_exit: child phase's dup2(pipe, 1) gives 1");
	check_eq(r_new, lo, "_exit: child phase's open gets the lowest free fd");
	check_eq(r_a_read, 3, "_exit: child phase read 3 bytes of the file");
	check_eq(r_a_open, 0, "_exit: child phase closed the parent's file");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "_exit: status 0 (got 0x%x)", st);
	/* Shared open file description: the child's read moved the offset. */
	check_after("_exit", &b, 8, p[1]);
	close(p[1]);
	close(p[0]);
	unlink(scratch);
}

int main(int argc, char **argv)
{
	const char *in = tmp_path("in"), *a = tmp_path("a");
	int fd_in, fd_a;

	test_init(argv);
	close_stray_fds();
	/* A stdin of our own, so a /dev/null that leaks back is visible. */
	make_file(in, "in\n", 3, 0644);
	fd_in = open(in, O_RDONLY);
	dup2(fd_in, 0);
	close(fd_in);
	make_file(a, "0123456789abcdef", 16, 0644);
	fd_a = open(a, O_RDWR);
	child_table_then_exec(fd_a);
	child_table_then_exit(fd_a);
	check(fd_open(fd_a), "parent's file still open after both");
	unlink(in);
	unlink(a);
	return test_done();
}
