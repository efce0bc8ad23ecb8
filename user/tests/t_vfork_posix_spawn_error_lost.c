/*
 * t_vfork_posix_spawn_error_lost - spec vfork.md case 8.
 *
 * Bug: musl's posix_spawn runs its child on a small stack inside its own
 * frame with clone(CLONE_VM|CLONE_VFORK) and sends a failing exec's errno
 * back through a pipe. A kernel that gets that entry wrong returns 0 for
 * a missing program (the error is lost, a zombie is left behind), lets
 * the file actions land in the parent (adddup2 onto 1 swaps the parent's
 * standard output), turns a failing addopen into a success, or drops the
 * POSIX_SPAWN_SETSIGMASK / SETSIGDEF attributes on the way to the
 * program.
 */
#include <spawn.h>

#include "vforklib.h"

extern char **environ;

/* Spawns path with stdout on a pipe; returns posix_spawn's result. */
static int spawn_out(const char *path, char *const argv[], char *const envp[],
		     const posix_spawnattr_t *attr, char *out, size_t cap,
		     int *status, pid_t *pidp)
{
	posix_spawn_file_actions_t fa;
	int p[2], r;
	pid_t pid = -1;

	out[0] = '\0';
	*status = -1;
	if (pipe2(p, O_CLOEXEC) != 0)
		return errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	r = posix_spawn(&pid, path, &fa, attr, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (r == 0) {
		read_all(p[0], out, cap, VT_DEADLINE_MS);
		wait_for(pid, status, VT_DEADLINE_MS);
	}
	close(p[0]);
	if (pidp)
		*pidp = pid;
	return r;
}

static void missing_program(void)
{
	char *argv[] = { "missing", NULL };
	pid_t pid = -1;
	int r;

	r = posix_spawn(&pid, "/nonexistent/missing", NULL, NULL, argv,
			environ);
	check_eq(r, ENOENT, "posix_spawn of a missing program returns ENOENT");
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD,
		    "nothing left to reap after it");
	r = posix_spawnp(&pid, "vt_no_such_program", NULL, NULL, argv,
			 environ);
	check_eq(r, ENOENT, "posix_spawnp of a missing program returns ENOENT");
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD,
		    "nothing left to reap after that either");
}

static void capture_with_adddup2(void)
{
	char *argv[] = { "argdump", "one", "two words", "tab\there", NULL };
	char *envp[] = { "VT=1", NULL };
	/* argdump's lines up to the auxiliary vector, which follows. */
	static const char want[] = "argc 4\nargv[0] \"argdump\"\n"
				   "argv[1] \"one\"\nargv[2] \"two words\"\n"
				   "argv[3] \"tab\\x09here\"\nenvp[0] \"VT=1\"\n";
	char out[512];
	struct stat out_before;
	int st, r;
	pid_t pid;

	fstat(1, &out_before);
	r = spawn_out(helper_path("argdump"), argv, envp, NULL, out,
		      sizeof(out), &st, &pid);
	check_eq(r, 0, "posix_spawn with adddup2(pipe, 1) succeeds");
	check(strncmp(out, want, sizeof(want) - 1) == 0 &&
	      strncmp(out + sizeof(want) - 1, "AT_", 3) == 0,
	      "output captured through the pipe (got \"%.*s\")",
	      (int)sizeof(want) + 8, out);
	check(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "returned pid %d reaped, status 0x%x", (int)pid, st);
	check(fd_open(1) && same_file(1, &out_before),
	      "parent's fd 1 still its own standard output");
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "no other child");
}

static void spawnp_uses_path(void)
{
	char *argv[] = { "argdump", NULL };
	posix_spawn_file_actions_t fa;
	char out[4096];
	int p[2], st = -1, r;
	pid_t pid = -1;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	setenv("PATH", helper_path(""), 1);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	r = posix_spawnp(&pid, "argdump", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	check_eq(r, 0, "posix_spawnp finds argdump through PATH");
	if (r == 0) {
		read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
		wait_for(pid, &st, VT_DEADLINE_MS);
		check(strncmp(out, "argc 1\nargv[0] \"argdump\"\n", 24) == 0,
		      "and it ran (output starts \"%.30s\")", out);
	}
	close(p[0]);
}

static void addopen_missing(void)
{
	char *argv[] = { "argdump", NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	int r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 5, "/nonexistent/dir/file",
					 O_RDONLY, 0);
	r = posix_spawn(&pid, helper_path("argdump"), &fa, NULL, argv,
			environ);
	posix_spawn_file_actions_destroy(&fa);
	check_eq(r, ENOENT, "addopen of a missing path returns ENOENT");
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD,
		    "nothing left to reap after it");
	check(!fd_open(5), "addopen did not open fd 5 in the parent");
}

static void attributes_reach_program(void)
{
	char *argv[] = { "sigstate", NULL };
	posix_spawnattr_t attr;
	sigset_t mask, def, now;
	char out[1024];
	int st, r;

	signal(SIGUSR2, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	posix_spawnattr_init(&attr);
	sigemptyset(&mask);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGUSR1);
	sigemptyset(&def);
	sigaddset(&def, SIGUSR2);
	posix_spawnattr_setsigmask(&attr, &mask);
	posix_spawnattr_setsigdefault(&attr, &def);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	r = spawn_out(helper_path("sigstate"), argv, environ, &attr, out,
		      sizeof(out), &st, NULL);
	posix_spawnattr_destroy(&attr);
	check_eq(r, 0, "posix_spawn with SETSIGMASK|SETSIGDEF succeeds");
	check(has_line(out, "blocked: 1 10"),
	      "POSIX_SPAWN_SETSIGMASK reaches the program (SIGHUP, SIGUSR1)");
	check(has_line(out, "12 DFL"),
	      "POSIX_SPAWN_SETSIGDEF resets the ignored SIGUSR2");
	check(has_line(out, "13 IGN"), "ignored SIGPIPE stays ignored");
	sigprocmask(SIG_BLOCK, NULL, &now);
	check(sigismember(&now, SIGHUP) == 0 && sigismember(&now, SIGUSR1) == 0,
	      "parent's own mask untouched");
	check(signal(SIGUSR2, SIG_DFL) == SIG_IGN,
	      "parent's SIGUSR2 still ignored");
	signal(SIGPIPE, SIG_DFL);
}

static void pid_is_the_program(void)
{
	char *argv[] = { "pidinfo", NULL };
	int st, r, pid_p = 0, ppid_p = 0;
	char out[128];
	pid_t pid = -1;

	r = spawn_out(helper_path("pidinfo"), argv, environ, NULL, out,
		      sizeof(out), &st, &pid);
	check_eq(r, 0, "posix_spawn of pidinfo succeeds");
	sscanf(out, "pid=%d ppid=%d", &pid_p, &ppid_p);
	check_eq(pid_p, pid, "the pid posix_spawn returned is the program's");
	check_eq(ppid_p, getpid(), "the program's parent is the caller");
}

int main(int argc, char **argv)
{
	sigset_t none;

	test_init(argv);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	missing_program();
	capture_with_adddup2();
	spawnp_uses_path();
	addopen_missing();
	attributes_reach_program();
	pid_is_the_program();
	return test_done();
}
