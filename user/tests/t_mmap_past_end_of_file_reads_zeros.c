/*
 * t_mmap_past_end_of_file_reads_zeros - touching a page of a file
 * mapping that lies wholly past the end of the file is SIGBUS with
 * BUS_ADRERR and the address, as on Linux (mmap(2): "Use of a mapped
 * region can result in ... SIGBUS: Attempted access to a page of the
 * buffer that lies beyond the end of the mapped file").
 *
 * Bug: file mappings are copies made at mmap time, and every page past
 * the file's last byte was an ordinary zero page, so such an access
 * read zeros (and a write succeeded) instead of raising SIGBUS. The
 * fix maps those pages as a region of their own that faults with
 * SIGBUS. The rest of the file's last page still reads zeros, and a
 * read(2) into a page past the end fails with EFAULT, as Linux's does.
 */
#include "faultlib.h"

#include <fcntl.h>

#define PAGE 4096u

static volatile char *target;

static void do_read(void)
{
	(void)*target;
}

static void do_write(void)
{
	*target = 1;
}

static struct fault at(void (*fn)(void), volatile char *where)
{
	target = where;
	return catch_fault(fn);
}

/* A file of `size` bytes of 'x' under /tmp; its fd, or -1. */
static int make_file(size_t size)
{
	char buf[PAGE + 100];
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/t_mmap_eof.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	unlink(path);
	memset(buf, 'x', sizeof(buf));
	if (size > sizeof(buf) || write(fd, buf, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	return fd;
}

static void private_cases(int fd)
{
	char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE,
		       fd, 0);
	int pipefd[2];

	if (p == MAP_FAILED) {
		check(0, "mmap of a 100-byte file (errno %d)", errno);
		return;
	}
	check(p[99] == 'x' && p[100] == 0 && p[PAGE - 1] == 0,
	      "the file's last page: its bytes, then zeros");
	check_fault(at(do_read, p + PAGE + 8), SIGBUS, BUS_ADRERR,
		    (uintptr_t)(p + PAGE + 8),
		    "read of the first page past the end");
	check_fault(at(do_write, p + 2 * PAGE + 1), SIGBUS, BUS_ADRERR,
		    (uintptr_t)(p + 2 * PAGE + 1),
		    "write to the second page past the end");
	if (pipe(pipefd) == 0) {
		write(pipefd[1], "abc", 3);
		check_errno(read(pipefd[0], p + PAGE, 3), EFAULT,
			    "read(2) into a page past the end");
		close(pipefd[0]);
		close(pipefd[1]);
	}
	munmap(p, 3 * PAGE);
}

static void readonly_and_offset_cases(int fd)
{
	char *ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	char *off = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);

	if (ro == MAP_FAILED || off == MAP_FAILED) {
		check(0, "mmap (errno %d)", errno);
		return;
	}
	check_fault(at(do_write, ro + PAGE), SIGSEGV, SEGV_ACCERR,
		    (uintptr_t)(ro + PAGE),
		    "write to a read-only page past the end: protection first");
	check_fault(at(do_read, ro + PAGE + 2), SIGBUS, BUS_ADRERR,
		    (uintptr_t)(ro + PAGE + 2),
		    "read past the end of a shared read-only mapping");
	check_fault(at(do_read, off), SIGBUS, BUS_ADRERR, (uintptr_t)off,
		    "read of a mapping that starts past the end");
	munmap(ro, 2 * PAGE);
	munmap(off, PAGE);
}

int main(int argc, char **argv)
{
	int fd;

	test_init(argv);
	fd = make_file(100);
	if (fd < 0) {
		check(0, "create the file (errno %d)", errno);
		return test_done();
	}
	private_cases(fd);
	readonly_and_offset_cases(fd);
	close(fd);
	return test_done();
}
