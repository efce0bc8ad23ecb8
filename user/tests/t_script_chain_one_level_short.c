/*
 * t_script_chain_one_level_short - a #! script may name another script as
 * its interpreter as deeply as Linux allows: five scripts in a chain run,
 * a sixth is ELOOP.
 *
 * Bug: exec follows at most four #! interpreters, one fewer than Linux,
 * so a chain of five scripts in front of a program fails with ELOOP.
 * Linux (fs/exec.c exec_binprm) runs the binary handlers for depth 0..5
 * and gives ELOOP at depth 6: five interpreter rewrites, then the
 * program. Each chain here is scripts s1 -> s2 -> ... -> sN, where sN's
 * interpreter is exit_with 7, run with execve in a child.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define MAX_CHAIN 7

static char dir[64];

static void script_path(char *buf, size_t size, int i)
{
	snprintf(buf, size, "%s/s%d", dir, i);
}

/* Write sN..s1 so that s(i) runs s(i+1) and sN runs exit_with 7. */
static int write_chain(int n, const char *exit_with)
{
	char path[96], line[400];
	int fd, len, ok;

	for (int i = 1; i <= n; i++) {
		char next[96];

		script_path(next, sizeof(next), i + 1);
		len = i == n ? snprintf(line, sizeof(line), "#!%s 7\n",
					exit_with)
			     : snprintf(line, sizeof(line), "#!%s\n", next);
		script_path(path, sizeof(path), i);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
		if (fd < 0)
			return -1;
		ok = write(fd, line, len) == len;
		close(fd);
		chmod(path, 0755);
		if (!ok)
			return -1;
	}
	return 0;
}

/* execve s1 in a child: exec_in_child (testlib.h) of the chain's head. */
static int run_s1(void)
{
	char s1[96];

	script_path(s1, sizeof(s1), 1);
	return exec_in_child(s1);
}

/* The helper's absolute path (a #! line is not resolved against cwd
 * the way the test was started). */
static void abs_helper(char *buf, size_t size)
{
	const char *h = helper_path("exit_with");
	char cwd[256];

	if (h[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		snprintf(buf, size, "%s", h);
	else
		snprintf(buf, size, "%s/%s", cwd, h);
}

int main(int argc, char **argv)
{
	char helper[320], path[96];

	test_init(argv);
	abs_helper(helper, sizeof(helper));
	snprintf(dir, sizeof(dir), "/tmp/t_script_chain.%d", (int)getpid());
	check_eq(mkdir(dir, 0755), 0, "make a directory for the scripts");
	for (int n = 1; n <= 5; n++) {
		check_eq(write_chain(n, helper), 0, "write a chain");
		check_eq(run_s1(), 7, n == 5 ? "a chain of 5 scripts runs "
			 "(Linux's limit)" : "a shorter chain runs");
	}
	check_eq(write_chain(6, helper), 0, "write a chain of 6");
	check_eq(run_s1(), 1000 + ELOOP, "a chain of 6 scripts is ELOOP");
	for (int i = 1; i <= MAX_CHAIN; i++) {
		script_path(path, sizeof(path), i);
		unlink(path);
	}
	rmdir(dir);
	return test_done();
}
