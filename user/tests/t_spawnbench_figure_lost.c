/*
 * t_spawnbench_figure_lost - the benchmark runs with N=5 and prints every
 * figure.
 *
 * Bug: a figure is lost or renamed (tools/bench.sh then shows a hole in
 * the table), spawnbench dies on a parent size the machine cannot hold
 * instead of printing "skipped", one of vfork/fork/posix_spawn/pipe fails
 * under it, or it prints a value that is not a positive number.
 *
 * Runs ../bin/spawnbench -x ../bin/true 5 beside this test, reads its
 * output through a pipe and checks each "figure NAME VALUE" line. The
 * figures with a parent size may instead be "skipped NAME ENOMEM".
 */
#include "tests/testlib.h"

#include <sys/wait.h>

#define OUT_BYTES	16384

static const char *const figures[] = {
	"vfork_exec_wait_us", "fork_exec_wait_us", "spawn_wait_us",
	"fork_exit_wait_us", "pipe_mbps",
	"vfork_exec_wait_16m_us", "fork_exec_wait_16m_us", "spawn_wait_16m_us",
	"vfork_exec_wait_64m_us", "fork_exec_wait_64m_us", "spawn_wait_64m_us",
	"vfork_exec_wait_256m_us", "fork_exec_wait_256m_us",
	"spawn_wait_256m_us",
};

static char out[OUT_BYTES];

/* run_bench - run spawnbench, its output into out; its wait status. */
static int run_bench(void)
{
	const char *bench = helper_path("../bin/spawnbench");
	const char *prog = helper_path("../bin/true");
	size_t len = 0;
	ssize_t n;
	int p[2], st = -1;
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(bench, bench, "-x", prog, "5", (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	while (len < sizeof(out) - 1 &&
	       (n = read(p[0], out + len, sizeof(out) - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += n;
	}
	out[len] = '\0';
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -1;
	return st;
}

/* find_line - the line of out that starts with "KIND NAME ", or NULL. */
static const char *find_line(const char *kind, const char *name)
{
	char key[80];
	size_t klen = snprintf(key, sizeof(key), "%s %s ", kind, name);

	for (const char *l = out; *l; ) {
		if (strncmp(l, key, klen) == 0)
			return l + klen;
		l = strchr(l, '\n');
		if (!l)
			break;
		l++;
	}
	return NULL;
}

static void check_figure(const char *name)
{
	const char *v = find_line("figure", name);
	int sized = strstr(name, "m_us") != NULL;
	char *end;
	double d;

	if (!v && sized && find_line("skipped", name)) {
		v = find_line("skipped", name);
		check(strncmp(v, "ENOMEM\n", 7) == 0,
		      "%s skipped for ENOMEM", name);
		return;
	}
	if (!v) {
		check(0, "%s printed", name);
		return;
	}
	d = strtod(v, &end);
	check(end != v && *end == '\n' && d > 0,
	      "%s is a positive number (%.1f)", name, d);
}

int main(int argc, char **argv)
{
	int st;

	test_init(argv);
	st = run_bench();
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "spawnbench 5 exits 0 (wait status %#x)", st);
	if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		fputs(out, stdout);
	for (unsigned i = 0; i < sizeof(figures) / sizeof(figures[0]); i++)
		check_figure(figures[i]);
	check(strstr(out, "\nerror ") == NULL, "no figure reports an error");
	return test_done();
}
