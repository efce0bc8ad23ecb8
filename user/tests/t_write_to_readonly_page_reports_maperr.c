/*
 * t_write_to_readonly_page_reports_maperr - a page fault's si_code says
 * what Linux says: SEGV_ACCERR when a region holds the address but its
 * protection refuses the access, SEGV_MAPERR when no region does, and
 * si_addr is the faulting byte.
 *
 * Bug: the kernel chose the si_code from the #PF error code alone
 * (present bit set: ACCERR, else MAPERR). A read-only page nobody had
 * touched yet is not present, so a write to it reported SEGV_MAPERR
 * where Linux reports SEGV_ACCERR; a PROT_NONE page did the same for a
 * read; a read of a kernel page (present, supervisor) reported
 * SEGV_ACCERR, where Linux (no user region there) reports SEGV_MAPERR.
 * The fix asks the address space: no region is MAPERR, a region that
 * refuses the access is ACCERR.
 *
 * Each case runs through catch_fault (faultlib.h), so its SA_SIGINFO
 * handler sees siginfo_t and leaves through siglongjmp. The one known
 * difference: without PAE there is no no-execute bit, so on Sleight a
 * readable, writable page can be executed (checked under on_sleight());
 * Linux with NX refuses it with SEGV_ACCERR.
 */
#include "faultlib.h"

#include <fcntl.h>

#define PAGE 4096u
#define T_PGFLT 14

static volatile char *target;
static void (*volatile jump_to)(void);

static void do_read(void)
{
	(void)*target;
}

static void do_write(void)
{
	*target = 1;
}

static void do_call(void)
{
	jump_to();
}

static char *map(int prot)
{
	char *p = mmap(NULL, 2 * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static struct fault at(void (*fn)(void), volatile char *where)
{
	target = where;
	return catch_fault(fn);
}

static void readonly_cases(void)
{
	char *ro = map(PROT_READ);
	struct fault f;

	if (!ro) {
		check(0, "mmap PROT_READ (errno %d)", errno);
		return;
	}
	f = at(do_write, ro + 123);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)(ro + 123),
		    "write to an untouched read-only page");
	check_eq(f.trapno, T_PGFLT, "sigcontext trapno is #PF");
	f = at(do_read, ro + PAGE + 5);
	check_eq(f.sig, 0, "a read of the read-only page does not fault");
	f = at(do_write, ro + PAGE + 5);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)(ro + PAGE + 5),
		    "write to a read-only page already read");
	munmap(ro, 2 * PAGE);
	f = at(do_read, ro + 7);
	check_fault(f, SIGSEGV, SEGV_MAPERR, (uintptr_t)(ro + 7),
		    "read of an unmapped page");
}

static void protection_cases(void)
{
	char *rw = map(PROT_READ | PROT_WRITE), *none = map(PROT_NONE);
	struct fault f;

	if (!rw || !none) {
		check(0, "mmap (errno %d)", errno);
		return;
	}
	rw[0] = 1;
	mprotect(rw, PAGE, PROT_READ);
	f = at(do_write, rw + 9);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)(rw + 9),
		    "write to a page made read-only by mprotect");
	f = at(do_read, none + PAGE + 1);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)(none + PAGE + 1),
		    "read of a PROT_NONE page");
	jump_to = (void (*)(void))(void *)none;
	f = catch_fault(do_call);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)none,
		    "call into a PROT_NONE page");
	f = at(do_write, (volatile char *)(uintptr_t)do_read);
	check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)do_read,
		    "write to the program's text");
	rw[PAGE] = (char)0xc3; /* ret */
	jump_to = (void (*)(void))(void *)(rw + PAGE);
	f = catch_fault(do_call);
	if (on_sleight())
		check_eq(f.sig, 0, "a data page executes (no NX bit)");
	else
		check_fault(f, SIGSEGV, SEGV_ACCERR, (uintptr_t)(rw + PAGE),
			    "call into a data page (NX)");
	munmap(rw, 2 * PAGE);
	munmap(none, 2 * PAGE);
}

static void unmapped_cases(void)
{
	struct fault f;

	f = at(do_read, NULL);
	check_fault(f, SIGSEGV, SEGV_MAPERR, 0, "NULL read");
	f = at(do_write, (volatile char *)0xC0000010u);
	check_fault(f, SIGSEGV, SEGV_MAPERR, 0xC0000010u,
		    "write at 0xC0000010 (Sleight's kernel base)");
	f = at(do_read, (volatile char *)0xC0100004u);
	check_fault(f, SIGSEGV, SEGV_MAPERR, 0xC0100004u,
		    "read at 0xC0100004 (Sleight's kernel text)");
	jump_to = (void (*)(void))0x00000800u;
	f = catch_fault(do_call);
	check_fault(f, SIGSEGV, SEGV_MAPERR, 0x800u,
		    "call to an address in the never-mapped first page");
}

int main(int argc, char **argv)
{
	test_init(argv);
	readonly_cases();
	protection_cases();
	unmapped_cases();
	return test_done();
}
