/*
 * t_mm_regions_drift_from_page_tables - the program break and
 * mmap/munmap/mprotect manage the address space as Linux does.
 *
 * Bug: address-space bookkeeping drifts from the page tables. brk reports
 * growth it did not map, or shrinking leaves pages reachable; shared
 * anonymous memory is copied at fork instead of shared (or private memory
 * is shared); MAP_FIXED does not replace what was there; munmap or
 * mprotect update the region list but not the page tables (or the TLB),
 * so an access that must fault succeeds; a file mapping shows the wrong
 * bytes.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PG 4096

/* child_faults - run a store (or load) at addr in a child; true if the
 * child died of SIGSEGV. */
static int child_faults(volatile char *addr, int store)
{
	pid_t pid = fork();
	int st = -1;

	if (pid == 0) {
		if (store)
			*addr = 1;
		else
			(void)*addr;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

static void brk_moves(void)
{
	uintptr_t cur = syscall(SYS_brk, 0), top, back;
	volatile char *p = (volatile char *)cur;

	check(cur != 0, "brk(0) returns the current break (0x%lx)",
	      (unsigned long)cur);
	top = syscall(SYS_brk, cur + 64 * 1024);
	check(top == cur + 64 * 1024, "brk grows by 64 KiB");
	if (top != cur + 64 * 1024)
		return;
	p[0] = 1;
	p[64 * 1024 - 1] = 2;
	check(p[0] == 1 && p[64 * 1024 - 1] == 2, "grown break is writable");
	check(!child_faults(p + 32 * 1024, 1), "grown break is mapped");
	back = syscall(SYS_brk, cur);
	check(back == cur, "brk shrinks back");
	check(child_faults(p + 32 * 1024, 1),
	      "a store above the shrunk break faults");
	top = syscall(SYS_brk, cur + 8192);
	check(top == cur + 8192 && p[4096] == 0,
	      "brk re-grown memory reads as zero");
	syscall(SYS_brk, cur);
}

static void anon_maps(void)
{
	int *priv = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int *shared = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int i, zero = 1, st;
	pid_t pid;

	check(priv != MAP_FAILED && shared != MAP_FAILED, "mmap anonymous");
	if (priv == MAP_FAILED || shared == MAP_FAILED)
		return;
	check(((uintptr_t)priv & (PG - 1)) == 0, "mmap is page aligned");
	for (i = 0; i < 4 * PG / 4; i++)
		zero &= priv[i] == 0;
	check(zero, "anonymous memory starts zeroed");
	priv[0] = 7;
	*shared = 7;
	pid = fork();
	if (pid == 0) {
		priv[0] = 8;
		*shared = 8;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check_eq(*shared, 8, "MAP_SHARED: the child's write is seen");
	check_eq(priv[0], 7, "MAP_PRIVATE: the child's write is not seen");
	munmap(shared, PG);

	priv[PG / 4] = 11;
	priv[2 * PG / 4] = 22;
	priv[3 * PG / 4] = 33;
	int *fixed = mmap((char *)priv + PG, PG, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	check(fixed == (int *)((char *)priv + PG),
	      "MAP_FIXED maps at the address asked for");
	check(priv[PG / 4] == 0 && priv[0] == 7 && priv[2 * PG / 4] == 22,
	      "MAP_FIXED replaced only its page");
	check_eq(munmap((char *)priv + 2 * PG, PG), 0, "munmap one page");
	check(child_faults((char *)priv + 2 * PG, 0),
	      "a load from the unmapped page faults");
	check(!child_faults((char *)priv + 3 * PG, 1) && priv[3 * PG / 4] == 33,
	      "the page after the hole is intact");
	check_eq(mprotect(priv, PG, PROT_READ), 0, "mprotect read-only");
	check(priv[0] == 7, "read-only page still reads");
	check(child_faults((char *)priv, 1), "a store to it faults");
	check_eq(mprotect(priv, PG, PROT_READ | PROT_WRITE), 0,
		 "mprotect read-write again");
	priv[0] = 9;
	check_eq(priv[0], 9, "writable again");
	munmap(priv, 4 * PG);
	check(child_faults((char *)priv, 0), "munmap of the whole range");
}

static void bad_args(void)
{
	check(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	      MAP_FAILED && errno == EINVAL, "mmap length 0 gives EINVAL");
	check(mmap((void *)0x10000001, PG, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
	      MAP_FAILED && errno == EINVAL,
	      "unaligned MAP_FIXED gives EINVAL");
	check_errno(munmap((void *)0x10000001, PG), EINVAL,
		    "unaligned munmap gives EINVAL");
}

static void file_map(void)
{
	static char buf[2 * PG];
	char path[64];
	char *m;
	int fd, i;

	snprintf(path, sizeof(path),
		 "/tmp/t_mm_regions_drift_from_page_tables.%d",
		 (int)getpid());
	for (i = 0; i < 2 * PG; i++)
		buf[i] = (char)('a' + i % 26 + (i >= PG));
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0 && write(fd, buf, 2 * PG - 100) == 2 * PG - 100,
	      "write a file of 2 pages - 100 bytes");
	m = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	check(m != MAP_FAILED, "mmap the file read-only");
	if (m != MAP_FAILED) {
		check(memcmp(m, buf, 2 * PG - 100) == 0,
		      "the mapping shows the file contents");
		for (i = 2 * PG - 100; i < 2 * PG && !m[i]; i++)
			;
		check_eq(i, 2 * PG, "bytes past end of file read as zero");
		check(child_faults(m, 1), "a store to a PROT_READ file map "
		      "faults");
		munmap(m, 2 * PG);
	}
	m = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	check(m != MAP_FAILED && memcmp(m, buf + PG, 100) == 0,
	      "a mapping at file offset 4096 shows the second page");
	if (m != MAP_FAILED)
		munmap(m, PG);
	close(fd);
	unlink(path);
}

int main(int argc, char **argv)
{
	test_init(argv);
	brk_moves();
	anon_maps();
	bad_args();
	file_map();
	return test_done();
}
