/*
 * t_exec_initial_stack_laid_out_wrong - execve builds the new program's
 * stack exactly: argv, envp and the auxiliary vector, for ELF programs and
 * #! scripts, and closes close-on-exec descriptors.
 *
 * Bug: the initial stack is laid out wrongly. Empty strings or strings
 * with spaces are dropped or split, a long argument list is truncated or
 * overflows a page, envp runs into argv, auxv entries are missing or wrong
 * (musl needs AT_PAGESZ, AT_PHDR, AT_RANDOM; AT_EXECFN must be the path
 * execve was given), a #! line's optional argument is split on spaces or
 * the script path is not passed, or an O_CLOEXEC descriptor survives
 * execve.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char out[65536];
static char want[65536];

/* run - execve path with argv/envp, stdout captured into out[]. Returns
 * the child's wait status. */
static int run(const char *path, char *const argv[], char *const envp[])
{
	int p[2], n = 0, r, st = -1;
	pid_t pid;

	out[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execve(path, argv, envp);
		_exit(127);
	}
	close(p[1]);
	while (n < (int)sizeof(out) - 1 &&
	       (r = read(p[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += r;
	out[n] = '\0';
	close(p[0]);
	waitpid(pid, &st, 0);
	return st;
}

/* quote - append s the way argdump prints it. */
static int quote(char *dst, const char *s)
{
	int n = 0;

	dst[n++] = '"';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			n += sprintf(dst + n, "\\x%02x", c);
		else
			dst[n++] = c;
	}
	n += sprintf(dst + n, "\"\n");
	return n;
}

/* expect_args - want[] = what argdump prints for argv and envp. */
static void expect_args(char *const argv[], char *const envp[])
{
	int i, argc = 0, n;

	while (argv[argc])
		argc++;
	n = sprintf(want, "argc %d\n", argc);
	for (i = 0; i < argc; i++) {
		n += sprintf(want + n, "argv[%d] ", i);
		n += quote(want + n, argv[i]);
	}
	for (i = 0; envp[i]; i++) {
		n += sprintf(want + n, "envp[%d] ", i);
		n += quote(want + n, envp[i]);
	}
}

/* args_match - out[] starts with want[] and the auxv part follows. */
static int args_match(void)
{
	size_t n = strlen(want);

	return strncmp(out, want, n) == 0 &&
	       strncmp(out + n, "AT_PAGESZ ", 10) == 0;
}

/* field - the text after "NAME " on its line in out[], or "". */
static const char *field(const char *name)
{
	static char val[512];
	char key[32];
	const char *p, *e;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(out, key);
	val[0] = '\0';
	if (!p)
		return val;
	p += strlen(key);
	e = strchr(p, '\n');
	snprintf(val, sizeof(val), "%.*s", e ? (int)(e - p) : 0, p);
	return val;
}

static void check_ids(const char *name, unsigned self)
{
	unsigned a = ~0u, b = ~1u;

	sscanf(field(name), "%u %*s %u", &a, &b);
	check(a == self && b == self, "%s is %u (auxv %u, call %u)", name,
	      self, a, b);
}

static void check_auxv(const char *path)
{
	char randhex[40] = "";
	unsigned long v;

	check(strcmp(field("AT_PAGESZ"), "4096") == 0, "AT_PAGESZ is 4096");
	v = strtoul(field("AT_PHDR"), NULL, 16);
	check(v != 0, "AT_PHDR nonzero (0x%lx)", v);
	v = strtoul(field("AT_PHNUM"), NULL, 10);
	check(v != 0, "AT_PHNUM nonzero (%lu)", v);
	v = strtoul(field("AT_ENTRY"), NULL, 16);
	check(v != 0, "AT_ENTRY nonzero (0x%lx)", v);
	snprintf(randhex, sizeof(randhex), "%s", field("AT_RANDOM"));
	check(strlen(randhex) == 32, "AT_RANDOM points at 16 readable bytes");
	check_ids("AT_UID", getuid());
	check_ids("AT_EUID", geteuid());
	check_ids("AT_GID", getgid());
	check_ids("AT_EGID", getegid());
	check(strcmp(field("AT_SECURE"), "0") == 0, "AT_SECURE is 0");
	quote(want, path);
	want[strlen(want) - 1] = '\0';
	check(strcmp(field("AT_EXECFN"), want) == 0,
	      "AT_EXECFN is the path given to execve (%s)", field("AT_EXECFN"));
}

static void exec_elf(const char *argdump)
{
	static char *many[320];
	static char names[300][12];
	static char longarg[3001];
	char *argv[] = { "argdump", "", "two words", " lead", "tab\there",
			 "", "quote\"back\\slash", NULL };
	char *envp[] = { "A=1", "EMPTY=", "SP=a b", "", NULL };
	char *noenv[] = { NULL };
	char rand1[40];
	int st, i;

	st = run(argdump, argv, envp);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "argdump runs and exits 0 (status 0x%x)", st);
	expect_args(argv, envp);
	check(args_match(), "argv with empty strings and spaces, and envp, "
	      "arrive exactly");
	check_auxv(argdump);
	snprintf(rand1, sizeof(rand1), "%s", field("AT_RANDOM"));

	many[0] = "argdump";
	for (i = 1; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "arg-%d", i);
		many[i] = names[i];
	}
	memset(longarg, 'L', 3000);
	many[300] = longarg;
	many[301] = NULL;
	st = run(argdump, many, noenv);
	expect_args(many, noenv);
	check(WIFEXITED(st) && args_match(),
	      "301 arguments (one of 3000 bytes) and empty envp arrive");
	check(strcmp(field("AT_RANDOM"), rand1) != 0,
	      "AT_RANDOM differs between two execs");
}

/* script - write a #! file naming interp and return its wait status
 * when run with argv {"ignored", "a1", "a 2"}. */
static int script(const char *path, const char *line)
{
	char *argv[] = { "ignored", "a1", "a 2", NULL };
	char *envp[] = { "S=1", NULL };
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	write(fd, line, strlen(line));
	close(fd);
	return run(path, argv, envp);
}

static void exec_script(const char *argdump)
{
	char path[64], line[512];
	char *envp[] = { "S=1", NULL };
	int st;

	snprintf(path, sizeof(path),
		 "/tmp/t_exec_initial_stack_laid_out_wrong.%d.sh",
		 (int)getpid());
	snprintf(line, sizeof(line), "#!%s optarg\necho not a shell\n",
		 argdump);
	st = script(path, line);
	{
		char *want_argv[] = { (char *)argdump, "optarg", path, "a1",
				      "a 2", NULL };

		expect_args(want_argv, envp);
	}
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0 && args_match(),
	      "#! script: argv is interpreter, optarg, script path, args");

	snprintf(line, sizeof(line), "#! %s  two  words \n", argdump);
	st = script(path, line);
	{
		char *want_argv[] = { (char *)argdump, "two  words", path,
				      "a1", "a 2", NULL };

		expect_args(want_argv, envp);
	}
	check(WIFEXITED(st) && args_match(),
	      "#! optional argument is one string, trailing blanks cut");

	snprintf(line, sizeof(line), "#!%s\n", argdump);
	st = script(path, line);
	{
		char *want_argv[] = { (char *)argdump, path, "a1", "a 2",
				      NULL };

		expect_args(want_argv, envp);
	}
	check(WIFEXITED(st) && args_match(), "#! without an argument");
	unlink(path);
}

static void exec_cloexec(const char *fdlist)
{
	char *argv[] = { "fdlist", NULL };
	char *envp[] = { NULL };
	char expect[1024] = "", num[8];
	int keep, gone, gone2, fd, st;

	keep = open("/dev/null", O_RDONLY);
	gone = open("/dev/null", O_RDONLY | O_CLOEXEC);
	gone2 = open("/dev/null", O_RDONLY);
	fcntl(gone2, F_SETFD, FD_CLOEXEC);
	check(keep >= 0 && gone >= 0 && gone2 >= 0, "opened /dev/null 3x");
	for (fd = 0; fd < 256; fd++) {
		int fl = fcntl(fd, F_GETFD);

		if (fl < 0 || (fl & FD_CLOEXEC))
			continue;
		snprintf(num, sizeof(num), "%s%d", expect[0] ? " " : "", fd);
		strcat(expect, num);
	}
	strcat(expect, "\n");
	st = run(fdlist, argv, envp);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fdlist runs");
	check(strcmp(out, expect) == 0, "after execve exactly the fds "
	      "without FD_CLOEXEC are open (got \"%.*s\", want \"%.*s\")",
	      (int)strcspn(out, "\n"), out, (int)strcspn(expect, "\n"),
	      expect);
	close(keep);
	close(gone);
	close(gone2);
}

/* absolute - helper_path made absolute (a #! line needs a full path). */
static const char *absolute(const char *name)
{
	static char buf[2][512];
	static int i;
	const char *p = helper_path(name);
	char cwd[256];

	i ^= 1;
	if (p[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		snprintf(buf[i], sizeof(buf[i]), "%s", p);
	else
		snprintf(buf[i], sizeof(buf[i]), "%s/%s", cwd, p);
	return buf[i];
}

int main(int argc, char **argv)
{
	const char *argdump, *fdlist;

	test_init(argv);
	argdump = absolute("argdump");
	fdlist = absolute("fdlist");
	exec_elf(argdump);
	exec_script(argdump);
	exec_cloexec(fdlist);
	return test_done();
}
