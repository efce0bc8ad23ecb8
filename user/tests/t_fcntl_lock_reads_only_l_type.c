/*
 * t_fcntl_lock_reads_only_l_type - fcntl's record-lock commands read
 * and write the whole struct flock, as Linux does.
 *
 * Bug: F_GETLK, F_SETLK and their 64-bit forms copied in only l_type,
 * the struct's first two bytes. A struct flock that ran from a mapped
 * page into an unmapped one was accepted (Linux: EFAULT), and F_GETLK
 * wrote back only l_type. Found by the straddling cases of
 * t_syscall_dereferences_unchecked_pointer. Raw syscall() so the C
 * library cannot pick the command for us.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* The i386 ABI: struct flock is 16 bytes, struct flock64 24. */
#define CMD_GETLK	5
#define CMD_SETLK	6
#define CMD_GETLK64	12
#define CMD_SETLK64	13

static void straddling(int fd, char *end)
{
	static const struct {
		long nr;
		int cmd, size;
		const char *what;
	} c[] = {
		{ SYS_fcntl, CMD_GETLK, 16, "F_GETLK" },
		{ SYS_fcntl, CMD_SETLK, 16, "F_SETLK" },
		{ SYS_fcntl64, CMD_GETLK64, 24, "F_GETLK64" },
		{ SYS_fcntl64, CMD_SETLK64, 24, "F_SETLK64" },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		/* l_type = F_RDLCK (0) mapped, the rest in the hole */
		char *lk = end - 4;

		memset(lk, 0, 4);
		check_errno(syscall(c[i].nr, fd, c[i].cmd, lk), EFAULT,
			    c[i].what);
	}
}

static void getlk_answers_unlocked(int fd)
{
	uint16_t lk[12] = { F_WRLCK, SEEK_SET };

	check_eq(syscall(SYS_fcntl64, fd, CMD_GETLK64, lk), 0,
		 "F_GETLK64 on a whole struct");
	check_eq(lk[0], F_UNLCK, "no lock held: l_type F_UNLCK");
}

int main(int argc, char **argv)
{
	char path[64], *p;
	int fd;

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_fcntl_lock.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(fd >= 0 && p != MAP_FAILED && munmap(p + 4096, 4096) == 0,
	      "a file, and a page followed by a hole");
	if (fd >= 0 && p != MAP_FAILED) {
		straddling(fd, p + 4096);
		getlk_answers_unlocked(fd);
	}
	unlink(path);
	return test_done();
}
