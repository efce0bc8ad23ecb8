/*
 * t_exec_text_changes_under_program - a running program's code must not
 * change when its file is written.
 *
 * Bug: exec maps the pages of the program file into the new process
 * instead of copying them (so that all runs of a program share their
 * text). A file system that then writes into those same pages in place
 * changes the code of every running copy: it crashes, or runs garbage.
 * Linux refuses the write (ETXTBSY); Sleight lets it happen on a private
 * copy of the page. Either way the running program must finish intact.
 * The same holds when the file is truncated, and when it is deleted and
 * its pages reused.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include "testlib.h"

static char path[64];

/* Copy the helper to path; 0 on success. */
static int copy_helper(const char *from)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	unlink(path);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return 0;
}

/* Start path sleeping 300 ms, then exiting 5; return its pid. */
static pid_t start(void)
{
	char *argv[] = { path, "5", "300", NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	usleep(50000);		/* let it get into its sleep */
	return pid;
}

/* Overwrite the whole file with zeros; the errno of open, or 0. */
static int clobber(void)
{
	static char zeros[8192];
	int fd = open(path, O_WRONLY);

	if (fd < 0)
		return errno;
	for (int i = 0; i < 64; i++)
		write(fd, zeros, sizeof(zeros));
	close(fd);
	return 0;
}

static void expect_exit5(pid_t pid, const char *what)
{
	int st = -1;
	pid_t r = waitpid(pid, &st, 0);

	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "%s: the program still exits 5 (0x%x)", what, st);
}

int main(int argc, char **argv)
{
	pid_t pid;
	int e;

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_exec_text.%d", (int)getpid());
	check(copy_helper(helper_path("exit_with")) == 0, "helper copied");

	pid = start();
	e = clobber();
	check(e == 0 || e == ETXTBSY,
	      "writing the running program: done or ETXTBSY (%d)", e);
	expect_exit5(pid, "file overwritten with zeros");

	check(copy_helper(helper_path("exit_with")) == 0, "helper copied");
	pid = start();
	e = truncate(path, 0) ? errno : 0;
	check(e == 0 || e == ETXTBSY, "truncating it: done or ETXTBSY (%d)",
	      e);
	expect_exit5(pid, "file truncated");

	check(copy_helper(helper_path("exit_with")) == 0, "helper copied");
	pid = start();
	check(unlink(path) == 0, "the running program's file is unlinked");
	expect_exit5(pid, "file unlinked");
	unlink(path);
	return test_done();
}
