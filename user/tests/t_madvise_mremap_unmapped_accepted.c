/*
 * t_madvise_mremap_unmapped_accepted - madvise and mremap refuse what
 * Linux refuses: unknown advice, ranges that are not mapped.
 *
 * Bug: madvise answered 0 for any advice value and for a range with no
 * mapping at all (Linux: EINVAL for advice it does not know, ENOMEM for
 * a range not wholly mapped, after applying it to the mapped part), and
 * mremap of an unmapped range said ENOMEM where Linux says EFAULT. Found
 * by comparing the fuzzer's memory calls with the host.
 */
#include "tests/testlib.h"

#include <sys/mman.h>
#include <sys/syscall.h>

#define PG 4096

int main(int argc, char **argv)
{
	char *p, *hole;

	test_init(argv);
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(p != MAP_FAILED && munmap(p + PG, PG) == 0,
	      "map three pages, unmap the middle one");
	if (p == MAP_FAILED)
		return test_done();
	hole = p + PG;
	check_errno(syscall(SYS_madvise, p, PG, 999), EINVAL,
		    "madvise with advice 999");
	check_errno(syscall(SYS_madvise, p, PG, 0x7FFFFFFF), EINVAL,
		    "madvise with advice 0x7fffffff");
	check_eq(syscall(SYS_madvise, p, PG, MADV_WILLNEED), 0,
		 "MADV_WILLNEED on a mapped page");
	check_eq(syscall(SYS_madvise, p, PG, MADV_NORMAL), 0,
		 "MADV_NORMAL on a mapped page");
	check_errno(syscall(SYS_madvise, hole, PG, MADV_WILLNEED), ENOMEM,
		    "madvise on the unmapped page");
	p[0] = 'x';
	check_errno(syscall(SYS_madvise, p, 3 * PG, MADV_DONTNEED), ENOMEM,
		    "MADV_DONTNEED over a range with a hole");
	check_eq(p[0], 0, "... still dropped the mapped page before the hole");
	check_eq(syscall(SYS_madvise, hole, 0, 999) == -1 ? errno : 0, EINVAL,
		 "unknown advice is refused even for length 0");
	check_errno(syscall(SYS_mremap, hole, PG, PG / 2, 0, 0), EFAULT,
		    "mremap of the unmapped page");
	check_eq(syscall(SYS_mremap, p, PG, PG, 0, 0), (long)p,
		 "mremap of a mapped page to its own size");
	munmap(p, 3 * PG);
	return test_done();
}
