/*
 * argdump - print what execve handed this program, one item per line, so a
 * test can compare it with what it passed.
 *
 * Output (strings are quoted; bytes outside printable ASCII, the quote and
 * the backslash are written as \xHH, so empty strings and spaces are
 * unambiguous):
 *	argc N
 *	argv[I] "..."
 *	envp[I] "..."
 *	AT_PAGESZ N
 *	AT_PHDR 0xHEX, AT_PHNUM N, AT_ENTRY 0xHEX
 *	AT_RANDOM HEX (the 16 bytes, read through the pointer)
 *	AT_UID N uid N (the auxv value, then what the system call says);
 *	likewise AT_EUID, AT_GID, AT_EGID
 *	AT_SECURE N
 *	AT_EXECFN "..."
 * Exits 0.
 */
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

static void put_quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	puts("\"");
}

static void dump_auxv(void)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	int i;

	printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
	printf("AT_PHDR 0x%lx\n", getauxval(AT_PHDR));
	printf("AT_PHNUM %lu\n", getauxval(AT_PHNUM));
	printf("AT_ENTRY 0x%lx\n", getauxval(AT_ENTRY));
	printf("AT_RANDOM ");
	for (i = 0; rnd && i < 16; i++)
		printf("%02x", rnd[i]);
	putchar('\n');
	printf("AT_UID %lu uid %u\n", getauxval(AT_UID), (unsigned)getuid());
	printf("AT_EUID %lu euid %u\n", getauxval(AT_EUID),
	       (unsigned)geteuid());
	printf("AT_GID %lu gid %u\n", getauxval(AT_GID), (unsigned)getgid());
	printf("AT_EGID %lu egid %u\n", getauxval(AT_EGID),
	       (unsigned)getegid());
	printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
	printf("AT_EXECFN ");
	put_quoted(execfn ? execfn : "(none)");
}

int main(int argc, char **argv, char **envp)
{
	int i;

	printf("argc %d\n", argc);
	for (i = 0; i < argc; i++) {
		printf("argv[%d] ", i);
		put_quoted(argv[i]);
	}
	for (i = 0; envp[i]; i++) {
		printf("envp[%d] ", i);
		put_quoted(envp[i]);
	}
	dump_auxv();
	return 0;
}
