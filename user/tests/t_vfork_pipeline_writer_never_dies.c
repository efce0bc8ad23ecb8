/*
 * t_vfork_pipeline_writer_never_dies - spec vfork.md case 13.
 *
 * Bug: a shell builds a pipeline by vforking once per stage; each child
 * phase dup2s pipe ends onto 0 and 1 and execs. If any copy of a pipe's
 * write end survives where it should not (close-on-exec not applied to
 * the spawned program, the child phase's table leaking into the parent,
 * a child phase's descriptors not dropped when it execs), the reader
 * never sees end of file and, worse, when the reader exits the writer
 * never gets SIGPIPE: `yes | head -n 3` runs forever. The spawned
 * programs must also see exactly 0, 1 and 2 and no stray descriptors.
 */
#include "vforklib.h"

#define MAX_STAGES 4
/* "At once": the whole pipeline is done well inside this (milliseconds). */
#define PROMPT_MS 3000

/*
 * One pipeline stage: a helper program, or (path NULL) a child phase that
 * writes text to its standard output and exits 0, as a shell's builtin
 * echo does in a pipeline.
 */
struct stage {
	const char *path;
	char *argv[4];
	const char *text;
};

/*
 * start_stage - vfork; the child phase puts in (if >= 0) on 0 and out on
 * 1, then runs the stage. Returns the pid, or -1 when vfork failed.
 */
static pid_t start_stage(const struct stage *st, int in, int out)
{
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		if (in >= 0)
			dup2(in, 0);
		dup2(out, 1);
		if (!st->path) {
			write(1, st->text, strlen(st->text));
			_exit(0);
		}
		execv(st->path, st->argv);
		_exit(127);
	}
	return pid;
}

/*
 * run_pipeline - start n stages connected by pipes, the first reading
 * this process's standard input, the last writing into a pipe whose read
 * end goes to *out_fd. Pids go to pids[]. Every descriptor made here is
 * close-on-exec, so the programs hold only what dup2 gave them. Returns 0,
 * or -1 when a pipe or vfork failed.
 */
static int run_pipeline(const struct stage *st, int n, pid_t pids[],
			int *out_fd)
{
	int cap[2], p[2], in = -1, out, i;

	if (pipe2(cap, O_CLOEXEC) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		p[0] = -1;
		if (i < n - 1 && pipe2(p, O_CLOEXEC) != 0)
			return -1;
		out = i < n - 1 ? p[1] : cap[1];
		pids[i] = start_stage(&st[i], in, out);
		if (in >= 0)
			close(in);
		close(out);
		in = p[0];
		if (pids[i] < 0)
			return -1;
	}
	*out_fd = cap[0];
	return 0;
}

/*
 * pipeline - run the stages, collect the output into buf and every
 * stage's wait status into status[]. Returns the time taken in
 * milliseconds, or -1 when anything hung past the deadline.
 */
static long long pipeline(const struct stage *st, int n, char *buf,
			  size_t cap, int status[])
{
	long long t0 = now_ms();
	pid_t pids[MAX_STAGES];
	int fd, i, hung = 0;

	if (run_pipeline(st, n, pids, &fd) != 0)
		return -1;
	if (read_all(fd, buf, cap, VT_DEADLINE_MS) < 0)
		hung = 1;
	close(fd);
	for (i = 0; i < n; i++) {
		status[i] = -1;
		if (wait_for(pids[i], &status[i], VT_DEADLINE_MS) != pids[i])
			hung = 1;
	}
	return hung ? -1 : now_ms() - t0;
}

static int killed_by_sigpipe(int status)
{
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE;
}

static void yes_head(void)
{
	struct stage st[2] = {
		{ helper_path("yes_helper"), { "yes_helper", NULL }, NULL },
		{ helper_path("head_helper"), { "head_helper", "3", NULL },
		  NULL },
	};
	int status[2];
	char out[64];
	long long ms;

	ms = pipeline(st, 2, out, sizeof(out), status);
	check(ms >= 0 && ms < PROMPT_MS, "yes | head -n 3 finishes at once "
	      "(%lld ms)", ms);
	check(strcmp(out, "y\ny\ny\n") == 0, "and prints three lines");
	check(WIFEXITED(status[1]) && WEXITSTATUS(status[1]) == 0,
	      "head exits 0 (0x%x)", status[1]);
	check(killed_by_sigpipe(status[0]), "yes dies of SIGPIPE (0x%x)",
	      status[0]);
}

static void yes_cat_cat_head(void)
{
	const char *cat = helper_path("cat_helper");
	struct stage st[4] = {
		{ helper_path("yes_helper"), { "yes_helper", NULL }, NULL },
		{ cat, { "cat_helper", NULL }, NULL },
		{ cat, { "cat_helper", NULL }, NULL },
		{ helper_path("head_helper"), { "head_helper", "1", NULL },
		  NULL },
	};
	int status[4];
	char out[64];
	long long ms;

	ms = pipeline(st, 4, out, sizeof(out), status);
	check(ms >= 0 && ms < PROMPT_MS, "yes | cat | cat | head -n 1 "
	      "finishes at once (%lld ms)", ms);
	check(strcmp(out, "y\n") == 0, "and prints one line");
	check(WIFEXITED(status[3]) && WEXITSTATUS(status[3]) == 0,
	      "head exits 0 (0x%x)", status[3]);
	check(killed_by_sigpipe(status[0]) && killed_by_sigpipe(status[1]) &&
	      killed_by_sigpipe(status[2]), "yes and both cats die of SIGPIPE "
	      "(0x%x 0x%x 0x%x)", status[0], status[1], status[2]);
}

static void echo_fdlist(void)
{
	struct stage st[2] = {
		{ NULL, { NULL }, "hi\n" },
		{ helper_path("fdlist"), { "fdlist", NULL }, NULL },
	};
	int status[2];
	char out[256];
	long long ms;

	ms = pipeline(st, 2, out, sizeof(out), status);
	check(ms >= 0, "echo hi | fdlist finishes (%lld ms)", ms);
	check(strcmp(out, "0 1 2\n") == 0, "fdlist sees exactly 0 1 2 "
	      "(got \"%.*s\")", (int)strcspn(out, "\n"), out);
	check(WIFEXITED(status[0]) && WEXITSTATUS(status[0]) == 0 &&
	      WIFEXITED(status[1]) && WEXITSTATUS(status[1]) == 0,
	      "both stages exit 0 (0x%x 0x%x)", status[0], status[1]);
}

int main(int argc, char **argv)
{
	test_init(argv);
	close_stray_fds();
	signal(SIGPIPE, SIG_DFL);
	yes_head();
	yes_cat_cat_head();
	echo_fdlist();
	check_eq(dup(0), 3, "parent holds no pipe ends afterwards");
	close(3);
	check_errno(wait(NULL), ECHILD, "no child left over");
	return test_done();
}
