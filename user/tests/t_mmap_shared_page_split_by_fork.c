/*
 * t_mmap_shared_page_split_by_fork - a MAP_SHARED|MAP_ANONYMOUS page is
 * one page for the parent and every forked child, whether or not it was
 * touched before the fork (mmap(2): "Updates to the mapping are visible
 * to other processes mapping the same region").
 *
 * Bug: fork shared only the pages of a shared region that were present
 * then; a page first touched after the fork got a zeroed frame of its
 * own on each side, so a child's store never reached the parent (and a
 * futex in such a page never matched across the two). The fix gives a
 * shared region's absent pages their frames at fork.
 */
#include "testlib.h"

#define PAGE 4096u
#define PAGES 3

int main(int argc, char **argv)
{
	volatile unsigned *m;
	int status = -1;
	pid_t pid;

	(void)argc;
	test_init(argv);
	m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS, 3 pages");
	if (m == MAP_FAILED)
		return test_done();
	m[0] = 1; /* page 0 touched before the fork, pages 1 and 2 not */

	pid = fork();
	if (pid == 0) {
		m[0] = 10;
		m[PAGE / 4] = 11;	  /* untouched page, written by the child */
		(void)m[2 * PAGE / 4]; /* untouched page, read by the child */
		_exit(0);
	}
	check(pid > 0, "fork");
	check(waitpid(pid, &status, 0) == pid && status == 0,
	      "the child wrote and exited 0");
	check_eq(m[0], 10, "a store to a page touched before the fork is seen");
	check_eq(m[PAGE / 4], 11,
		 "a store to a page untouched before the fork is seen");

	pid = fork();
	if (pid == 0) {
		m[2 * PAGE / 4] = 12; /* the page the first child only read */
		_exit(0);
	}
	check(waitpid(pid, &status, 0) == pid && status == 0,
	      "a second child wrote and exited 0");
	check_eq(m[2 * PAGE / 4], 12,
		 "a store to the page another child only read is seen");
	munmap((void *)m, PAGES * PAGE);
	return test_done();
}
