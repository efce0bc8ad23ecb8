/*
 * t_select_readonly_timeout_efault - select, pselect6 and ppoll with a
 * timeout in read-only memory return their normal result.
 *
 * Bug: after the wait, select and ppoll write the time left back into the
 * caller's timeout (a Linux extension); when that page is read-only the
 * copy fails and the call returns EFAULT, losing its result (here: one
 * ready descriptor, or a timeout). Linux ignores the failed write-back
 * (fs/select.c poll_select_finish: "we don't want the Linux-specific
 * update to the timeval to cause a fault after the select has completed
 * successfully"). Raw syscalls, so the C library's own copies of the
 * timeout do not hide the kernel's write.
 */
#include "tests/testlib.h"

#include <poll.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/syscall.h>

#define NR_newselect	142	/* i386 _newselect: struct timeval of longs */
#define NR_pselect6	308	/* i386 pselect6: 32-bit struct timespec */
#define NR_ppoll	309	/* i386 ppoll: 32-bit struct timespec */

/* A read-only page holding { sec, sub } (usec or nsec), or NULL. */
static int32_t *ro_time(int32_t sec, int32_t sub)
{
	int32_t *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	p[0] = sec;
	p[1] = sub;
	if (mprotect(p, 4096, PROT_READ)) {
		munmap(p, 4096);
		return NULL;
	}
	return p;
}

static void selects(int rd)
{
	int32_t *tv = ro_time(0, 20000);
	fd_set in;

	check(tv != NULL, "a read-only timeval (20 ms)");
	if (!tv)
		return;
	FD_ZERO(&in);
	FD_SET(rd, &in);
	check_eq(syscall(NR_newselect, rd + 1, &in, NULL, NULL, tv), 1,
		 "select on a ready pipe returns 1");
	check(FD_ISSET(rd, &in), "and marks the pipe readable");
	check_eq(syscall(NR_newselect, 0, NULL, NULL, NULL, tv), 0,
		 "select with no fds times out with 0");
	check(tv[0] == 0 && tv[1] == 20000, "the timeval is unchanged");
	munmap(tv, 4096);

	tv = ro_time(0, 20000000);
	check(tv != NULL, "a read-only timespec (20 ms)");
	if (!tv)
		return;
	FD_ZERO(&in);
	FD_SET(rd, &in);
	check_eq(syscall(NR_pselect6, rd + 1, &in, NULL, NULL, tv, NULL), 1,
		 "pselect6 on a ready pipe returns 1");
	check_eq(syscall(NR_pselect6, 0, NULL, NULL, NULL, tv, NULL), 0,
		 "pselect6 with no fds times out with 0");
	munmap(tv, 4096);
}

static void ppolls(int rd)
{
	int32_t *ts = ro_time(0, 20000000);
	struct pollfd p = { .fd = rd, .events = POLLIN };

	check(ts != NULL, "a read-only timespec (20 ms)");
	if (!ts)
		return;
	check_eq(syscall(NR_ppoll, &p, 1, ts, NULL, 8), 1,
		 "ppoll on a ready pipe returns 1");
	check(p.revents & POLLIN, "and reports POLLIN");
	check_eq(syscall(NR_ppoll, NULL, 0, ts, NULL, 8), 0,
		 "ppoll with no fds times out with 0");
	check(ts[0] == 0 && ts[1] == 20000000, "the timespec is unchanged");
	munmap(ts, 4096);
}

int main(int argc, char **argv)
{
	int p[2];

	test_init(argv);
	if (pipe(p) || write(p[1], "x", 1) != 1) {
		check(0, "a pipe with one byte queued");
		return test_done();
	}
	selects(p[0]);
	ppolls(p[0]);
	return test_done();
}
