/*
 * t_rw_fault_midbuffer_loses_count - a read or write whose buffer runs
 * into an unmapped page moves the bytes before the page and returns their
 * count.
 *
 * Bug: read and write check the whole user buffer before moving anything
 * and fail with EFAULT when any page of it is unmapped, although the
 * bytes before that page could be moved. Linux moves up to the fault and
 * returns the count when it is not zero (read(2): "partial" transfers;
 * mm/filemap.c filemap_read, drivers/char/mem.c read_iter_zero); the file
 * offset advances by that count only. Pipes move whole pages of the
 * transfer (fs/pipe.c: a page buffer whose copy faults is not taken), so
 * a fault within the first page is EFAULT and leaves the pipe's bytes in
 * place. Every expectation here is what host Linux does.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PG 4096

static char src[2 * PG];

/* Two pages, the second unmapped: returns the first. */
static char *page_before_hole(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p + PG, PG);
	memset(p, 'a', PG);
	return p;
}

static void file_reads(char *pg, const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

	check(fd >= 0 && write(fd, src, sizeof(src)) == sizeof(src),
	      "make an 8 KiB file");
	lseek(fd, 0, SEEK_SET);
	check_eq(read(fd, pg + PG - 100, 200), 100,
		 "file read of 200 with 100 bytes before the hole");
	check_eq(lseek(fd, 0, SEEK_CUR), 100, "the offset moved by 100");
	check(memcmp(pg + PG - 100, src, 100) == 0, "the 100 bytes arrived");
	lseek(fd, 0, SEEK_SET);
	check_eq(read(fd, pg, 2 * PG), PG,
		 "file read of 8192 into one page before the hole");
	check_eq(lseek(fd, 0, SEEK_CUR), PG, "the offset moved by 4096");
	check_errno(read(fd, pg + PG, 100), EFAULT,
		    "file read straight into the hole");
	check_eq(lseek(fd, 0, SEEK_CUR), PG, "the offset did not move");
	check_eq(pread(fd, pg + PG - 10, 50, 0), 10,
		 "pread of 50 with 10 bytes before the hole");
	close(fd);
}

static void file_writes(char *pg, const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct stat st;

	check(fd >= 0, "open a file for writing");
	check_eq(write(fd, pg + PG - 100, 200), 100,
		 "file write of 200 with 100 bytes before the hole");
	st.st_size = -1;
	fstat(fd, &st);
	check_eq(st.st_size, 100, "the file holds 100 bytes");
	check_eq(write(fd, pg, 2 * PG), PG,
		 "file write of 8192 from one page before the hole");
	check_errno(write(fd, pg + PG, 100), EFAULT,
		    "file write straight from the hole");
	st.st_size = -1;
	fstat(fd, &st);
	check_eq(st.st_size, 100 + PG, "the file holds 4196 bytes");
	close(fd);
	unlink(path);
}

static void zero_reads(char *pg)
{
	int fd = open("/dev/zero", O_RDONLY);

	memset(pg, 'a', PG);
	check_eq(read(fd, pg + PG - 100, 200), 100,
		 "/dev/zero read of 200 with 100 bytes before the hole");
	check(pg[PG - 100] == 0 && pg[PG - 1] == 0 && pg[PG - 101] == 'a',
	      "exactly those 100 bytes were zeroed");
	check_eq(read(fd, pg, 3 * PG), PG,
		 "/dev/zero read of 12288 into one page before the hole");
	close(fd);
}

static void pipe_reads(char *pg)
{
	char buf[PG];
	int p[2];

	check_eq(pipe(p), 0, "make a pipe");
	write(p[1], src, 200);
	check_errno(read(p[0], pg + PG - 100, 200), EFAULT,
		    "pipe read of 200 queued bytes, hole after 100");
	check_eq(read(p[0], buf, sizeof(buf)), 200,
		 "the 200 bytes are still queued");
	write(p[1], src, PG);
	write(p[1], src + PG, PG);
	check_eq(read(p[0], pg, 2 * PG), PG,
		 "pipe read of 8192 queued bytes into one page before the "
		 "hole");
	check_eq(read(p[0], buf, sizeof(buf)), PG,
		 "the second page is still queued");
	check(memcmp(buf, src + PG, PG) == 0, "and holds the right bytes");
	close(p[0]);
	close(p[1]);
}

static void pipe_writes(char *pg)
{
	char buf[2 * PG];
	int p[2];

	check_eq(pipe(p), 0, "make a pipe");
	check_errno(write(p[1], pg + PG - 100, 200), EFAULT,
		    "pipe write of 200, hole after 100");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	check_errno(read(p[0], buf, sizeof(buf)), EAGAIN,
		    "nothing was queued");
	check_eq(write(p[1], pg, 2 * PG), PG,
		 "pipe write of 8192 from one page before the hole");
	check_eq(read(p[0], buf, sizeof(buf)), PG, "4096 bytes queued");
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	char *pg = page_before_hole();
	char path[64];

	test_init(argv);
	check(pg != NULL, "a page followed by an unmapped page");
	if (!pg)
		return test_done();
	for (size_t i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7 + i / 256);
	snprintf(path, sizeof(path), "/tmp/t_rw_fault.%d", (int)getpid());
	file_reads(pg, path);
	file_writes(pg, path);
	zero_reads(pg);
	pipe_reads(pg);
	pipe_writes(pg);
	return test_done();
}
