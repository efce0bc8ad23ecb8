/*
 * t_ps_misses_processes_past_first_page - /dev/ps lists every process,
 * however many there are.
 *
 * Bug: /dev/ps formatted its snapshot into one page. With the table at
 * 64 slots that always fit; now that the table grows with demand, a
 * few hundred processes overflow the page and ps(1) silently shows only
 * the first hundred or so. Linux's /proc has a directory for every
 * process.
 *
 * What this checks: with 300 children alive (blocked on a pipe), every
 * one of them can be found by pid: in /dev/ps on Sleight, in /proc on
 * Linux.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define KIDS 300
#define PS_MAX (1 << 20) /* bytes of /dev/ps read at most */

static pid_t kids[KIDS];
static char ps[PS_MAX];

/* Read all of /dev/ps into ps; its length, or -1. */
static long read_ps(void)
{
	int fd = open("/dev/ps", O_RDONLY);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while (len < PS_MAX - 1 &&
	       (n = read(fd, ps + len, PS_MAX - 1 - len)) > 0)
		len += n;
	close(fd);
	ps[len] = '\0';
	return len;
}

/* Is pid listed: a /dev/ps line that starts with it, or /proc/pid? */
static int listed(pid_t pid)
{
	char want[24], path[32];
	struct stat st;

	if (!on_sleight()) {
		snprintf(path, sizeof(path), "/proc/%d", (int)pid);
		return stat(path, &st) == 0;
	}
	snprintf(want, sizeof(want), "\n%d ", (int)pid);
	return strstr(ps, want) != NULL;
}

int main(int argc, char **argv)
{
	int hold[2], n = 0, found = 0;
	long len = 0;

	test_init(argv);
	if (pipe(hold) < 0)
		return 1;
	for (; n < KIDS; n++) {
		kids[n] = fork();
		if (kids[n] == 0) {
			char c;

			close(hold[1]);
			read(hold[0], &c, 1);
			_exit(0);
		}
		if (kids[n] < 0)
			break;
	}
	check_eq(n, KIDS, "children forked and blocked");
	if (on_sleight())
		len = read_ps();
	for (int i = 0; i < n; i++)
		found += listed(kids[i]);
	check(found == n, "every child is listed (%d of %d; /dev/ps %ld "
	      "bytes)", found, n, len);
	close(hold[1]);
	close(hold[0]);
	while (wait(NULL) > 0)
		;
	return test_done();
}
