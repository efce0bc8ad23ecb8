/*
 * t_vfork_child_empties_tls_panics_kernel - a vfork child phase that
 * empties the TLS descriptor must not take the parent (or the kernel)
 * down when the parent resumes.
 *
 * Bug: Sleight's child phase runs in the parent's process, and the vfork
 * frame did not save the TLS descriptor. A child that emptied it with
 * set_thread_area and then _exited resumed the parent with %gs = 0x33 on
 * an empty descriptor: trap_return's popl %gs faulted in ring 0, a kernel
 * panic. With only the selector checked, the parent would come back with
 * %gs = 0 and die on its next musl call (they go through %gs). On Linux
 * the child is its own process and its TLS change is its own; Sleight's
 * frame now saves and restores the descriptor.
 */
#include <stdint.h>
#include "vforklib.h"

#define NR_EXIT			1
#define NR_SET_THREAD_AREA	243
#define UD_EMPTY		0x28	/* read_exec_only, not_present */

struct user_desc_abi {
	uint32_t entry_number, base_addr, limit, flags;
};

static uint32_t read_gs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xffff;
}

/* In the child phase: empty the slot %gs names, then exit through a
 * bare int $0x80 (no musl call works without %gs). */
static __attribute__((noreturn)) void empty_tls_and_exit(int code)
{
	static struct user_desc_abi d;
	int r = NR_SET_THREAD_AREA;

	d = (struct user_desc_abi){ .entry_number = read_gs() >> 3,
				    .flags = UD_EMPTY };
	__asm__ volatile("int $0x80" : "+a"(r) : "b"(&d) : "memory");
	__asm__ volatile("int $0x80" : : "a"(NR_EXIT), "b"(r ? 99 : code));
	for (;;)
		;
}

int main(int argc, char **argv)
{
	uint32_t gs = 0;
	pid_t p;
	int st = -1;

	test_init(argv);
	gs = read_gs();
	p = vfork();
	if (p == 0)
		empty_tls_and_exit(7);
	check(p > 0, "vfork returned a pid to the parent (%d)", (int)p);
	check_eq(read_gs(), gs, "the parent's %gs is what it was");
	errno = 0;			/* errno lives in the TLS */
	check(waitpid(p, &st, 0) == p && errno == 0,
	      "the parent's musl calls (through %%gs) still work");
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "the child exited 7 after emptying the slot (status %#x)", st);
	p = vfork();
	if (p == 0)
		empty_tls_and_exit(8);
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 8,
	      "and again (status %#x)", st);
	return test_done();
}
