/*
 * t_tmpfs_full_starves_system - a full /tmp must not take the machine's
 * last memory.
 *
 * Bug: tmpfs with no size limit lets one "yes > /tmp/big" take every
 * free page frame; afterwards no program can start (exec needs pages),
 * not even the rm that would free them. Like Linux's tmpfs (size= half
 * of RAM by default), Sleight's tmpfs stops at a budget: the write fails
 * with ENOSPC, programs still run, and unlinking gives it all back.
 * The fill runs on Sleight only: on the host, /tmp may be a large disk.
 */
#include <fcntl.h>
#include "vforklib.h"

static int run_true(void)
{
	char *argv[] = { "exit_with", "0", NULL };
	int st = -1;
	pid_t p = vfork();

	if (p == 0) {
		execv(helper_path("exit_with"), argv);
		_exit(127);
	}
	if (p < 0)
		return -1;
	waitpid(p, &st, 0);
	return st;
}

int main(int argc, char **argv)
{
	static char chunk[65536];
	char path[64];
	long long total = 0;
	ssize_t n;
	int fd, err = 0;

	test_init(argv);
	if (!on_sleight()) {
		skip("the fill runs on Sleight only");
		return test_done();
	}
	snprintf(path, sizeof(path), "/tmp/t_tmpfs_full.%d", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	check(fd >= 0, "created %s", path);
	memset(chunk, 'y', sizeof(chunk));
	while ((n = write(fd, chunk, sizeof(chunk))) > 0)
		total += n;
	err = errno;
	close(fd);
	check(n < 0 && err == ENOSPC,
	      "filling /tmp ends in ENOSPC (n %zd errno %d) after %lld MiB",
	      n, err, total >> 20);
	check(total > (1 << 20), "more than a MiB fitted first");
	check_eq(run_true(), 0, "a program still starts with /tmp full");
	check(unlink(path) == 0, "the file is removed");
	check_eq(run_true(), 0, "and programs run after");
	return test_done();
}
