/*
 * t_exec_bad_elf_kills_caller - execve rejects files it cannot run, and the
 * caller survives.
 *
 * Bug: the ELF loader trusts the file. It reads program headers through
 * an offset past the end of the file, accepts a 64-bit or foreign-machine
 * image, runs a text file without #!, or, worst, tears down the caller's
 * address space before it has found the image bad, so a failed execve
 * kills the process instead of returning an error. Each execve here runs
 * in the test process itself; after each failure its memory must be
 * intact. The images are copies of /bin/false, so one that wrongly runs
 * ends the test with status 1.
 */
#include "tests/testlib.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>

static char image[1 << 20];
static int image_len;
static volatile unsigned canary = 0xc0ffee11;

static int write_file(const char *path, const void *data, int len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	int ok;

	if (fd < 0)
		return -1;
	ok = write(fd, data, len) == len;
	close(fd);
	chmod(path, mode);
	return ok ? 0 : -1;
}

static int load_image(void)
{
	int fd = open(helper_path("../bin/false"), O_RDONLY), r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, image + image_len,
			 sizeof(image) - image_len)) > 0)
		image_len += r;
	close(fd);
	return image_len > (int)sizeof(Elf32_Ehdr) ? 0 : -1;
}

/* try_exec - execve path in this process; it must fail with errno e. */
static void try_exec(const char *what, const char *path, int e)
{
	volatile unsigned local = 0x5eed5eed;
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { NULL };

	errno = 0;
	execve(path, argv, envp);
	check(errno == e, "%s: execve fails with %s (got %d %s)", what,
	      strerror(e), errno, strerror(errno));
	check(canary == 0xc0ffee11 && local == 0x5eed5eed,
	      "memory intact after the failed execve");
}

/* corrupt - write a copy of the image with one header change applied. */
static void exec_corrupt(const char *what, const char *path,
			 void (*edit)(Elf32_Ehdr *), int e)
{
	static char copy[sizeof(image)];

	memcpy(copy, image, image_len);
	edit((Elf32_Ehdr *)copy);
	if (write_file(path, copy, image_len, 0755) < 0) {
		check(0, "write %s", path);
		return;
	}
	try_exec(what, path, e);
}

static void bad_phoff(Elf32_Ehdr *h)
{
	h->e_phoff = 0x7ffffff0;
}

static void bad_phentsize(Elf32_Ehdr *h)
{
	h->e_phentsize = 12;
}

static void zero_phnum(Elf32_Ehdr *h)
{
	h->e_phnum = 0;
}

/* A 64-bit x86-64 ELF header with an empty program header table. */
static void write_elf64(const char *path)
{
	Elf64_Ehdr h;

	memset(&h, 0, sizeof(h));
	memcpy(h.e_ident, ELFMAG, SELFMAG);
	h.e_ident[EI_CLASS] = ELFCLASS64;
	h.e_ident[EI_DATA] = ELFDATA2LSB;
	h.e_ident[EI_VERSION] = EV_CURRENT;
	h.e_type = ET_EXEC;
	h.e_machine = EM_X86_64;
	h.e_version = EV_CURRENT;
	h.e_entry = 0x401000;
	h.e_phoff = sizeof(h);
	h.e_ehsize = sizeof(h);
	h.e_phentsize = sizeof(Elf64_Phdr);
	write_file(path, &h, sizeof(h), 0755);
}

static void machine_arm(Elf32_Ehdr *h)
{
	h->e_machine = EM_ARM;
}

static void bad_version(Elf32_Ehdr *h)
{
	h->e_ident[EI_MAG1] = 'X';
}

int main(int argc, char **argv)
{
	static const char elf_start[10] = "\177ELF\1\1\1";
	static char zeros[256];
	char path[64], d[80];

	test_init(argv);
	check_eq(load_image(), 0, "read /bin/false as a template");
	snprintf(path, sizeof(path), "/tmp/t_exec_bad_elf_kills_caller.%d",
		 (int)getpid());

	write_file(path, zeros, sizeof(zeros), 0755);
	try_exec("a file of zeros", path, ENOEXEC);
	write_file(path, elf_start, sizeof(elf_start), 0755);
	try_exec("a truncated ELF header", path, ENOEXEC);
	write_file(path, image, sizeof(Elf32_Ehdr), 0755);
	try_exec("an ELF header whose program headers are missing", path,
		 ENOEXEC);
	exec_corrupt("e_phoff beyond the file", path, bad_phoff, ENOEXEC);
	exec_corrupt("wrong e_phentsize", path, bad_phentsize, ENOEXEC);
	exec_corrupt("e_phnum 0", path, zero_phnum, ENOEXEC);
	write_elf64(path);
	try_exec("a 64-bit ELF header", path, ENOEXEC);
	exec_corrupt("an ARM ELF", path, machine_arm, ENOEXEC);
	exec_corrupt("bad ELF magic", path, bad_version, ENOEXEC);
	write_file(path, "echo hello\nexit 0\n", 18, 0755);
	try_exec("a text file without #!", path, ENOEXEC);
	write_file(path, image, image_len, 0644);
	try_exec("a good ELF without execute permission", path, EACCES);
	unlink(path);
	try_exec("a missing file", path, ENOENT);
	snprintf(d, sizeof(d), "%s.d", path);
	mkdir(d, 0755);
	try_exec("a directory", d, EACCES);
	rmdir(d);
	return test_done();
}
