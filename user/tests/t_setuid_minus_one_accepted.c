/*
 * t_setuid_minus_one_accepted - setuid(-1), setgid(-1) and a -1 in
 * setgroups are EINVAL, and a failed setgroups leaves the list as it
 * was, as on Linux.
 *
 * Bug: as root, setuid32(0xFFFFFFFF) and setgid32(0xFFFFFFFF) succeeded
 * and left the process with uid or gid 4294967295 (Linux: EINVAL, -1 is
 * no id), and setgroups32 copied the new list straight over the old
 * one, so a list running into an unmapped page left the first groups
 * replaced. Found by comparing probes of the fuzzer's calls with the
 * host. Run as root (the checks that need it are skipped otherwise).
 */
#include "tests/testlib.h"

#include <grp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* In a child, so the parent keeps its ids whatever happens. */
static void minus_one(void)
{
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		int bad = 0;

		errno = 0;
		bad |= syscall(SYS_setuid32, -1) != -1 || errno != EINVAL;
		bad |= getuid() != 0 ? 2 : 0;
		errno = 0;
		bad |= syscall(SYS_setgid32, -1) != -1 || errno != EINVAL ? 4 : 0;
		bad |= getgid() != 0 ? 8 : 0;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && !(WEXITSTATUS(st) & 3),
	      "setuid(-1) is EINVAL and the uid stays 0 (status %#x)", st);
	check(WIFEXITED(st) && !(WEXITSTATUS(st) & 12),
	      "setgid(-1) is EINVAL and the gid stays 0 (status %#x)", st);
}

static void groups(void)
{
	gid_t two[2] = { 5, 6 }, now[4] = { 0 };
	uint32_t *edge;
	char *p;

	check_eq(setgroups(2, two), 0, "setgroups {5, 6}");
	check_errno(syscall(SYS_setgroups32, 2, (uint32_t[2]){ 7, -1 }),
		    EINVAL, "setgroups with a -1 in the list");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p + 4096, 4096)) {
		check(0, "a page followed by a hole");
		return;
	}
	edge = (uint32_t *)(p + 4096 - 4);
	*edge = 9;	/* the first entry is mapped, the second is not */
	check_errno(syscall(SYS_setgroups32, 2, edge), EFAULT,
		    "setgroups with a list running into a hole");
	check_eq(getgroups(4, now), 2, "... still two groups");
	check(now[0] == 5 && now[1] == 6, "... still {5, 6} (got {%u, %u})",
	      (unsigned)now[0], (unsigned)now[1]);
	setgroups(0, NULL);
}

int main(int argc, char **argv)
{
	test_init(argv);
	if (getuid() != 0) {
		check(1, "not root: nothing to check");
		return test_done();
	}
	minus_one();
	groups();
	return test_done();
}
