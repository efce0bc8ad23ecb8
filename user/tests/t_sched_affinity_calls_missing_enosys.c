/*
 * t_sched_affinity_calls_missing_enosys - sched_yield, sched_getaffinity
 * and sched_setaffinity exist and follow Linux's rules
 * (sched_setaffinity(2), Linux kernel/sched/core.c).
 *
 * Bug: none of the three was implemented, so each returned ENOSYS:
 * musl's sched_getaffinity() failed, and a program that sizes a pool of
 * workers from CPU_COUNT of it had to guess; sched_yield, which musl's
 * and glibc's spin loops call, failed too. Checked here, on the raw
 * system calls:
 *   sched_yield returns 0;
 *   sched_getaffinity returns the bytes it wrote, a multiple of 4, and
 *   leaves the rest of a longer buffer alone; on Sleight exactly 4, the
 *   mask {CPU 0}; a length of 0 bytes or not a multiple of 4 is
 *   EINVAL, a bad buffer EFAULT, an unknown pid ESRCH;
 *   sched_setaffinity accepts the mask it was given back (and, on
 *   Sleight, {CPU 0} with any length) and refuses with EINVAL a mask
 *   that names no existing CPU.
 */
#define _GNU_SOURCE
#include "testlib.h"

#include <stdint.h>
#include <sys/syscall.h>

#define BUF_WORDS 32 /* 1024 CPUs */

static long getaff(int pid, unsigned len, void *mask)
{
	return syscall(SYS_sched_getaffinity, pid, len, mask);
}

static long setaff(int pid, unsigned len, const void *mask)
{
	return syscall(SYS_sched_setaffinity, pid, len, mask);
}

/* A pid that names no process: a child that has been reaped. */
static int gone_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return pid;
}

static void get_cases(uint32_t *mask, long *got)
{
	uint32_t buf[BUF_WORDS];
	long r;
	int i, rest_ok = 1, any = 0;

	memset(buf, 0xAA, sizeof(buf));
	r = getaff(0, sizeof(buf), buf);
	*got = r;
	check(r > 0 && r % 4 == 0 && r <= (long)sizeof(buf),
	      "sched_getaffinity returns the bytes written (got %ld)", r);
	for (i = 0; r > 0 && i < BUF_WORDS; i++) {
		if (i < r / 4)
			any |= buf[i] != 0;
		else if (buf[i] != 0xAAAAAAAAu)
			rest_ok = 0;
	}
	check(any, "the mask names at least one CPU");
	check(rest_ok, "bytes past the returned count are left alone");
	memcpy(mask, buf, sizeof(buf));
	if (on_sleight()) {
		check_eq(r, 4, "Sleight: the mask is one word");
		check_eq(buf[0], 1, "Sleight: the mask is {CPU 0}");
	}
	check_errno(getaff(0, 0, buf), EINVAL, "length 0");
	check_errno(getaff(0, 6, buf), EINVAL, "length not a multiple of 4");
	check_errno(getaff(0, sizeof(buf), NULL), EFAULT, "NULL buffer");
	check_errno(getaff(gone_pid(), sizeof(buf), buf), ESRCH,
		    "a pid that is gone");
	check(getaff(getppid(), sizeof(buf), buf) == r,
	      "another process's mask (the parent's)");
}

static void set_cases(const uint32_t *mask, long len)
{
	uint32_t none[BUF_WORDS] = {0}, far[BUF_WORDS] = {0}, cpu0 = 1;

	far[BUF_WORDS - 1] = 0x80000000u; /* CPU 1023 */
	check_eq(setaff(0, (unsigned)len, mask), 0,
		 "sched_setaffinity with the mask it reported");
	check_errno(setaff(0, sizeof(none), none), EINVAL, "an empty mask");
	check_errno(setaff(0, sizeof(far), far), EINVAL,
		    "a mask of only CPU 1023");
	check_errno(setaff(0, 0, mask), EINVAL,
		    "length 0 (the mask is empty)");
	check_errno(setaff(0, sizeof(none), NULL), EFAULT, "NULL mask");
	check_errno(setaff(gone_pid(), (unsigned)len, mask), ESRCH,
		    "a pid that is gone");
	if (on_sleight()) {
		check_eq(setaff(0, 4, &cpu0), 0, "Sleight: {CPU 0}");
		check_eq(setaff(0, 1, &cpu0), 0,
			 "Sleight: {CPU 0} in one byte");
	}
}

int main(int argc, char **argv)
{
	uint32_t mask[BUF_WORDS];
	long len = 0;

	test_init(argv);
	check_eq(syscall(SYS_sched_yield), 0, "sched_yield returns 0");
	get_cases(mask, &len);
	if (len > 0)
		set_cases(mask, len);
	return test_done();
}
