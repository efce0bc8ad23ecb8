/*
 * t_ldt_in_user_memory_enters_ring0 - a selector with the table
 * indicator set (an LDT selector) faults with #GP, SIGSEGV SI_KERNEL, as
 * on Linux for a process with no LDT of its own, even when the process
 * has written a valid descriptor at the low address the CPU's reset LDTR
 * points at.
 *
 * Bug: the kernel never loaded the LDTR, which kept its reset state
 * (base 0, limit 0xFFFF, Intel SDM vol. 3, table 10-1). A process could
 * map page 0x1000, write descriptors there and load them: a DPL-3 call
 * gate to the kernel's code segment then ran its own code in ring 0 as
 * any user. The fix loads a null LDTR at boot (lldt 0). The test only
 * loads a data segment from the planted table, never a gate.
 */
#include "faultlib.h"

#define LDT_PAGE 0x1000u
#define SEL_DATA 0x1007u /* LDT index 512 (byte 0x1000), RPL 3 */

static void load_fs(void)
{
	__asm__ volatile("movw %w0, %%fs" : : "r"(SEL_DATA));
}

static void load_other(void)
{
	__asm__ volatile("movw %w0, %%gs" : : "r"(0x1234u));
}

int main(int argc, char **argv)
{
	void *m;
	struct fault f;

	(void)argc;
	test_init(argv);
	/* Root may map page 0x1000 on Linux too (mmap_min_addr); a user
	 * there cannot, and the load must fault just the same. */
	m = mmap((void *)LDT_PAGE, 4096, PROT_READ | PROT_WRITE,
		 MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == (void *)LDT_PAGE) {
		uint32_t *d = m;

		d[0] = 0x0000ffff; /* base 0, limit 4 GiB, data r/w, DPL 3 */
		d[1] = 0x00cff200;
	} else {
		skip("page 0x1000 cannot be mapped here (mmap_min_addr): the "
		     "planted descriptor is left out");
	}
	f = catch_fault(load_fs);
	check_fault(f, SIGSEGV, SI_KERNEL, 0,
		    "loading %fs from a descriptor planted where the reset "
		    "LDTR points");
	f = catch_fault(load_other);
	check_fault(f, SIGSEGV, SI_KERNEL, 0, "any LDT selector, planted or not");
	check_eq(f.trapno, 13, "the fault is a #GP");
	return test_done();
}
