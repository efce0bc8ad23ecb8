/*
 * t_vfork_exec_missing_program_status - spec vfork.md case 1.
 *
 * Bug: when execve fails in a vfork child phase and the child phase then
 * calls _exit(127), the kernel reports a different status, or reports it
 * under another pid than the one vfork returned, or loses the zombie
 * altogether (the parent's waitpid on exactly that pid blocks or fails
 * with ECHILD). A shell turns these statuses into "command not found"
 * (127) and "permission denied" (126), so a wrong one misleads users.
 * The child phase tells ENOENT from EACCES the way a shell does, so the
 * errno it saw must be right as well.
 */
#include "vforklib.h"

static volatile int child_errno;

/*
 * exec_status - vfork; the child phase execs path and on failure exits
 * 127 for ENOENT, 126 otherwise. Checks that waitpid(pid) reaps exactly
 * that pid, once, with status want and that the child phase saw want_errno.
 */
static void exec_status(const char *what, const char *path, int want_errno,
			int want)
{
	char *argv[] = { (char *)path, NULL };
	char msg[160];
	int status = 0;
	pid_t pid, r;

	child_errno = 0;
	pid = vfork();
	if (pid == 0) {
		execv(path, argv);
		child_errno = errno;
		_exit(errno == ENOENT ? 127 : 126);
	}
	snprintf(msg, sizeof(msg), "%s: vfork returned a pid", what);
	check(pid > 0, "%s (got %d)", msg, (int)pid);
	if (pid <= 0)
		return;
	r = wait_for(pid, &status, VT_DEADLINE_MS);
	snprintf(msg, sizeof(msg), "%s: waitpid(pid) reaps that pid", what);
	check_eq(r, pid, msg);
	snprintf(msg, sizeof(msg), "%s: exited normally with status %d", what,
		 want);
	check(WIFEXITED(status) && WEXITSTATUS(status) == want,
	      "%s (got status 0x%x)", msg, status);
	snprintf(msg, sizeof(msg), "%s: child phase saw errno %d", what,
		 want_errno);
	check_eq(child_errno, want_errno, msg);
	snprintf(msg, sizeof(msg), "%s: zombie reaped only once", what);
	check_errno(waitpid(pid, &status, WNOHANG), ECHILD, msg);
}

int main(int argc, char **argv)
{
	const char *noexec = tmp_path("noexec");
	static const char text[] = "not a program\n";

	test_init(argv);
	make_file(noexec, text, sizeof(text) - 1, 0644);

	exec_status("missing program", "/nonexistent/program", ENOENT, 127);
	exec_status("missing program in cwd", tmp_path("missing"), ENOENT,
		    127);
	exec_status("directory", "/tmp", EACCES, 126);
	exec_status("file without execute bit", noexec, EACCES, 126);
	/* The helper really runs: a failure above is not the harness. */
	{
		char *ok_argv[] = { "exit_with", "0", NULL };
		char out[16];
		int st = -1;

		run_capture(helper_path("exit_with"), ok_argv, out,
			    sizeof(out), &st);
		check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "a program that exists runs and exits 0 (status 0x%x)",
		      st);
	}
	unlink(noexec);
	return test_done();
}
