/*
 * t_vfork_exec_bad_argv_crashes - spec vfork.md case 11.
 *
 * Bug: exec in a child phase must copy path, argv and envp into the
 * kernel before anything else, since the parent reuses that memory as
 * soon as it resumes. A copy with a fixed-size table truncates or
 * overflows on a long argument list (5,000 arguments must arrive intact);
 * a copy that trusts user pointers faults in the kernel, or kills the
 * child phase, on an argv array that runs into an unmapped page, a string
 * that does, or a path or envp pointer into one. Those must be EFAULT
 * returned into the child phase. The raw execve system call is used so
 * that libc cannot look at the arguments first.
 */
#include <sys/mman.h>
#include <sys/syscall.h>

#include "vforklib.h"

#define MANY_ARGS 5000
#define PAGE 4096

static char *many[MANY_ARGS + 2];
static char many_text[MANY_ARGS * 8];
static char out[MANY_ARGS * 24 + 65536];
static volatile int c_ret, c_errno;

static void many_arguments(void)
{
	char *p = many_text, line[32];
	int i, st = -1, ok = 1;
	ssize_t n;

	many[0] = "argdump";
	for (i = 0; i < MANY_ARGS; i++) {
		many[i + 1] = p;
		p += sprintf(p, "a%d", i) + 1;
	}
	many[MANY_ARGS + 1] = NULL;
	n = run_capture(helper_path("argdump"), many, out, sizeof(out), &st);
	check(n > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "exec with %d arguments runs (status 0x%x, %zd bytes out)",
	      MANY_ARGS, st, n);
	snprintf(line, sizeof(line), "argc %d", MANY_ARGS + 1);
	check(has_line(out, line), "program got argc %d", MANY_ARGS + 1);
	for (i = 0; i < MANY_ARGS; i += 997) {
		snprintf(line, sizeof(line), "argv[%d] \"a%d\"", i + 1, i);
		ok &= has_line(out, line);
	}
	snprintf(line, sizeof(line), "argv[%d] \"a%d\"", MANY_ARGS,
		 MANY_ARGS - 1);
	check(ok && has_line(out, line), "arguments arrived intact and in "
	      "order, up to %s", line);
}

/* The parent reuses the argument memory at once: the program has a copy. */
static void arguments_copied_before_resume(void)
{
	static char arg[] = "original", env[] = "VT=original";
	char *argv[] = { "argdump", arg, NULL };
	char *envp[] = { env, NULL };
	const char *path = helper_path("argdump");
	int p[2], st = -1;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		check(0, "pipe2");
		return;
	}
	pid = vfork();
	if (pid == 0) {
		dup2(p[1], 1);
		execve(path, argv, envp);
		_exit(127);
	}
	memcpy(arg, "CLOBBER", 7);
	memcpy(env, "VT=CLOBBER", 10);
	argv[1] = "replaced";
	close(p[1]);
	read_all(p[0], out, sizeof(out), VT_DEADLINE_MS);
	close(p[0]);
	wait_for(pid, &st, VT_DEADLINE_MS);
	check(has_line(out, "argv[1] \"original\"") &&
	      has_line(out, "envp[0] \"VT=original\""), "program got argv and envp"
	      " as they were at exec, not as the parent changed them after");
}

/* Raw execve from a child phase; the child phase reports the result. */
static void raw_exec_efault(const char *what, const char *path,
			    char *const argv[], char *const envp[])
{
	int st = -1;
	pid_t pid, r;

	c_ret = 0;
	c_errno = 0;
	pid = vfork();
	if (pid == 0) {
		c_ret = syscall(SYS_execve, path, argv, envp);
		c_errno = errno;
		_exit(127);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(c_ret == -1 && c_errno == EFAULT, "%s: EFAULT (got %d errno %d)",
	      what, c_ret, c_errno);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 127,
	      "%s: child phase survived to _exit(127) (status 0x%x)", what,
	      st);
}

/* The control: the same raw execve with good arguments runs the program. */
static void raw_exec_control(const char *path, char *const argv[],
			     char *const envp[])
{
	int st = -1;
	pid_t pid, r;

	pid = vfork();
	if (pid == 0) {
		syscall(SYS_execve, path, argv, envp);
		_exit(127);
	}
	r = wait_for(pid, &st, VT_DEADLINE_MS);
	check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "control: raw execve with good arguments runs (status 0x%x)",
	      st);
}

static void unmapped_arguments(void)
{
	const char *prog = helper_path("exit_with");
	char *envp[] = { "VT=1", NULL };
	char *plain[] = { "exit_with", "0", NULL };
	char *str_argv[] = { "exit_with", NULL, NULL };
	char **tail;
	char *m;
	int i;

	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || munmap(m + PAGE, PAGE) != 0) {
		check(0, "mmap two pages and unmap the second");
		return;
	}
	/* The last four slots of the page: pointers, and no NULL after. */
	tail = (char **)(m + PAGE) - 4;
	for (i = 0; i < 4; i++)
		tail[i] = "0";
	raw_exec_efault("argv array running into an unmapped page", prog,
			tail, envp);
	/* A string with its last bytes at the end of the page, no NUL. */
	memcpy(m + PAGE - 3, "abc", 3);
	str_argv[1] = m + PAGE - 3;
	raw_exec_efault("argv string running into an unmapped page", prog,
			str_argv, envp);
	raw_exec_efault("envp array in an unmapped page", prog, plain,
			(char **)(m + PAGE));
	raw_exec_efault("path in an unmapped page", m + PAGE, plain, envp);
	munmap(m, PAGE);
	/* The same exec with good arguments works: the failures were ours. */
	raw_exec_control(prog, plain, envp);
}

int main(int argc, char **argv)
{
	test_init(argv);
	close_stray_fds();
	many_arguments();
	arguments_copied_before_resume();
	unmapped_arguments();
	return test_done();
}
