/*
 * t_vfork_exec_errno_wrong - spec vfork.md case 10 (and the other exec
 * errors the contract lists).
 *
 * Bug: exec in a child phase must check everything that can fail before
 * it builds the spawned process, and return the failure into the child
 * phase with the exact errno. A kernel that checks late spawns a broken
 * process (or kills the child phase) instead of returning; one that maps
 * errors loosely gives EACCES for a missing file, ENOENT for a directory,
 * or accepts a file of zeros. Shells and execvp decide what to do next
 * from this errno (execvp tries the next PATH entry only on ENOENT and
 * friends; sh runs a text file only on ENOEXEC). The failed exec must
 * leave the parent as it was.
 */
#include "vforklib.h"

/* One argument bigger than the per-string limit: E2BIG. */
#define BIG_ARG_BYTES (200 * 1024)

static volatile int c_errno;
static char big_arg[BIG_ARG_BYTES + 1];

/*
 * exec_errno - vfork; the child phase changes its umask, execs path with
 * argv and reports errno. Checks errno want and that the parent resumed
 * with its own umask and a status 127 child.
 */
static void exec_errno(const char *what, const char *path, char *const argv[],
		       int want)
{
	char *envp[] = { "VT=1", NULL };
	mode_t mask;
	int st = -1;
	pid_t pid, r;

	c_errno = 0;
	pid = vfork();
	if (pid == 0) {
		umask(077);
		execve(path, argv, envp);
		c_errno = errno;
		_exit(127);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(c_errno == want, "%s: errno %d %s (got %d %s)", what, want,
	      strerror(want), c_errno, strerror(c_errno));
	mask = umask(022);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 127 &&
	      mask == 022, "%s: parent resumed unaffected (status 0x%x, "
	      "umask %03o)", what, st, (unsigned)mask);
}

int main(int argc, char **argv)
{
	const char *reg = tmp_path("reg"), *noexec = tmp_path("noexec");
	const char *zeros = tmp_path("zeros"), *text = tmp_path("text");
	const char *loop = tmp_path("loop");
	char *plain[] = { "prog", NULL };
	char *big[] = { "exit_with", "0", big_arg, NULL };
	static char zero_page[4096], long_path[5000];
	char notdir[160];

	test_init(argv);
	umask(022);
	make_file(reg, "plain\n", 6, 0644);
	make_file(noexec, "\177ELF", 4, 0644);
	make_file(zeros, zero_page, sizeof(zero_page), 0755);
	make_file(text, "echo hello\n", 11, 0755);
	snprintf(notdir, sizeof(notdir), "%s/prog", reg);
	memset(big_arg, 'x', BIG_ARG_BYTES);
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';

	exec_errno("missing file", "/nonexistent/prog", plain, ENOENT);
	exec_errno("empty path", "", plain, ENOENT);
	exec_errno("regular file used as a directory", notdir, plain, ENOTDIR);
	exec_errno("directory", "/tmp", plain, EACCES);
	exec_errno("no execute bit", noexec, plain, EACCES);
	exec_errno("file of zeros", zeros, plain, ENOEXEC);
	exec_errno("text file without #!", text, plain, ENOEXEC);
	exec_errno("one 200 KiB argument", helper_path("exit_with"), big,
		   E2BIG);
	exec_errno("path longer than PATH_MAX", long_path, plain,
		   ENAMETOOLONG);
	if (symlink(loop, loop) == 0)
		exec_errno("symlink loop", loop, plain, ELOOP);
	else
		skip("symlink failed (%s); ELOOP not checked",
		       strerror(errno));

	unlink(reg);
	unlink(noexec);
	unlink(zeros);
	unlink(text);
	unlink(loop);
	return test_done();
}
