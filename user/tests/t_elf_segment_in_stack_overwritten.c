/*
 * t_elf_segment_in_stack_overwritten - execve refuses a program whose
 * segment lies where Sleight puts the stack, instead of mapping the
 * stack over it.
 *
 * Bug: exec maps the PT_LOAD segments, then maps the 8 MiB stack below
 * VM_STACK_TOP (0xBFFF0000) over whatever is there, so a segment inside
 * [0xBF7F0000, 0xBFFF0000) is silently replaced by zeroed stack pages and
 * the program jumps into them. Linux maps the stack first and loads
 * segments with MAP_FIXED_NOREPLACE, so a clash fails the exec (after its
 * point of no return, killing the process); Sleight finds the clash while
 * planning and fails execve with ENOEXEC, the caller intact
 * (docs/exec.md). A 32-bit process on x86-64 Linux has its stack near
 * 4 GiB, so there the same program runs: the ENOEXEC check is Sleight's
 * own. Both systems must run the same program placed just below the
 * stack area.
 */
#include "tests/testlib.h"

#include <elf.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define IN_STACK	0xBFF00000u	/* inside Sleight's stack area */
#define BELOW_STACK	0xBF000000u	/* in the gap below it */

/* _exit(42): mov $1,%eax; mov $42,%ebx; int $0x80 */
static const unsigned char code[] = {
	0xb8, 0x01, 0x00, 0x00, 0x00, 0xbb, 0x2a, 0x00, 0x00, 0x00,
	0xcd, 0x80,
};

struct tiny_elf {
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	unsigned char code[sizeof(code)];
};

/* A static ELF with one R+X PT_LOAD at vaddr holding the headers and
 * code; returns 0 or -1. */
static int write_elf(const char *path, uint32_t vaddr)
{
	struct tiny_elf img;
	int fd, ok;

	memset(&img, 0, sizeof(img));
	memcpy(img.eh.e_ident, ELFMAG, SELFMAG);
	img.eh.e_ident[EI_CLASS] = ELFCLASS32;
	img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
	img.eh.e_ident[EI_VERSION] = EV_CURRENT;
	img.eh.e_type = ET_EXEC;
	img.eh.e_machine = EM_386;
	img.eh.e_version = EV_CURRENT;
	img.eh.e_entry = vaddr + offsetof(struct tiny_elf, code);
	img.eh.e_phoff = sizeof(img.eh);
	img.eh.e_ehsize = sizeof(img.eh);
	img.eh.e_phentsize = sizeof(img.ph);
	img.eh.e_phnum = 1;
	img.ph.p_type = PT_LOAD;
	img.ph.p_vaddr = img.ph.p_paddr = vaddr;
	img.ph.p_filesz = img.ph.p_memsz = sizeof(img);
	img.ph.p_flags = PF_R | PF_X;
	img.ph.p_align = 4096;
	memcpy(img.code, code, sizeof(code));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0)
		return -1;
	ok = write(fd, &img, sizeof(img)) == sizeof(img);
	close(fd);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	volatile unsigned canary = 0xc0ffee11;
	char path[64];

	test_init(argv);
	snprintf(path, sizeof(path), "/tmp/t_elf_stack.%d", (int)getpid());
	check_eq(write_elf(path, BELOW_STACK), 0, "write a program at "
		 "0xBF000000");
	check_eq(exec_in_child(path), 42, "it runs and exits 42");
	check_eq(write_elf(path, IN_STACK), 0, "write a program at "
		 "0xBFF00000");
	if (on_sleight()) {
		char *av[] = { path, NULL }, *ev[] = { NULL };

		check_eq(exec_in_child(path), 1000 + ENOEXEC,
			 "a segment in the stack area: execve fails with "
			 "ENOEXEC");
		errno = 0;
		execve(path, av, ev);
		check(errno == ENOEXEC && canary == 0xc0ffee11,
		      "and the caller of the failed execve is intact");
	} else {
		check_eq(exec_in_child(path), 42, "host: the stack is elsewhere, it "
			 "runs and exits 42");
	}
	unlink(path);
	return test_done();
}
