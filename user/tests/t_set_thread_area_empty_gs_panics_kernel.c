/*
 * t_set_thread_area_empty_gs_panics_kernel - a process that empties the
 * TLS descriptor its own %gs holds must not bring the kernel down.
 *
 * Bug: musl keeps %gs on its TLS slot (0x33 on Sleight). An unprivileged
 *
 *	unsigned d[4] = { gs >> 3, 0, 0, 0x28 };  read_exec_only|not_present
 *	syscall(SYS_set_thread_area, d);
 *
 * emptied the descriptor, and trap_return's popl %gs faulted in ring 0
 * (#GP, error 0x30): kernel panic. The same through %ss (the fault moves
 * to the iret) and through a sigreturn frame naming the emptied slot.
 *
 * Linux returns 0, and a data register naming the emptied slot reads 0
 * afterwards (do_set_thread_area reloads it, the load fails, the fixup
 * loads 0); an %ss naming it makes the return to user mode fail: SIGSEGV.
 * Each case runs in a forked child, which after emptying %gs can use no
 * musl call (they go through %gs) and so exits through a bare int $0x80;
 * the parent checks the statuses and runs on.
 */
#define _GNU_SOURCE
#include "testlib.h"

#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

#define NR_EXIT			1
#define NR_KILL			37
#define NR_SET_THREAD_AREA	243
#define UD_EMPTY		0x28	/* read_exec_only, not_present */

struct user_desc_abi {
	uint32_t entry_number, base_addr, limit, flags;
};

static struct user_desc_abi empty;
static volatile uint32_t handler_gs;

static uint32_t read_gs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xffff;
}

static uint32_t read_fs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%fs, %0" : "=r"(v));
	return v & 0xffff;
}

static __attribute__((noreturn)) void bare_exit(int code)
{
	__asm__ volatile("int $0x80" : : "a"(NR_EXIT), "b"(code));
	for (;;)
		;
}

static int bare_set_thread_area(struct user_desc_abi *d)
{
	int r = NR_SET_THREAD_AREA;

	__asm__ volatile("int $0x80" : "+a"(r) : "b"(d) : "memory");
	return r;
}

/* The child's TLS slot, emptied. */
static void prepare_empty(void)
{
	empty = (struct user_desc_abi){ .entry_number = read_gs() >> 3,
					.flags = UD_EMPTY };
}

/* Empty the live %gs slot: 0 when the call returned 0 and %gs then
 * reads 0; 1 for another return value, 2 for another %gs. */
static void case_gs(void)
{
	int r;

	prepare_empty();
	r = bare_set_thread_area(&empty);
	bare_exit(r != 0 ? 1 : read_gs() != 0 ? 2 : 0);
}

/* The same with %fs on the slot too: both read 0. */
static void case_fs(void)
{
	int r;

	prepare_empty();
	__asm__ volatile("movl %%gs, %%eax\n\tmovl %%eax, %%fs" : : : "eax");
	r = bare_set_thread_area(&empty);
	bare_exit(r != 0 ? 1 : read_gs() || read_fs() ? 2 : 0);
}

/* %ss on the slot: the way back to user mode cannot load it. Nothing
 * touches the stack between the loads of %ss. Exit 3: it came back. */
static void case_ss(void)
{
	prepare_empty();
	__asm__ volatile("movl %%ss, %%edx\n\t"
			 "movl %%gs, %%ecx\n\t"
			 "movl %%ecx, %%ss\n\t"
			 "int $0x80\n\t"
			 "movl %%edx, %%ss"
			 : : "a"(NR_SET_THREAD_AREA), "b"(&empty)
			 : "ecx", "edx", "memory");
	bare_exit(3);
}

static void put_gs_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	uc->uc_mcontext.gregs[REG_GS] = handler_gs;
}

/* Empty the slot, then return from a handler whose frame names it in
 * %gs: gs reads 0 after the sigreturn. */
static void case_sigreturn(void)
{
	struct sigaction sa = { .sa_sigaction = put_gs_handler,
				.sa_flags = SA_SIGINFO };
	uint32_t pid = (uint32_t)getpid(), r;

	sigaction(SIGUSR1, &sa, NULL);
	handler_gs = read_gs();
	prepare_empty();
	if (bare_set_thread_area(&empty) != 0)
		bare_exit(1);
	r = NR_KILL;
	__asm__ volatile("int $0x80"
			 : "+a"(r)
			 : "b"(pid), "c"(SIGUSR1)
			 : "memory");
	bare_exit(r != 0 ? 1 : read_gs() != 0 ? 2 : 0);
}

int main(int argc, char **argv)
{
	int st;

	test_init(argv);
	check(read_gs() != 0, "musl keeps %%gs on its TLS slot (%#x)",
	      read_gs());
	st = wait_status_of(case_gs);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "emptying the live %%gs slot returns 0 and %%gs reads 0 "
	      "(status %#x)", st);
	st = wait_status_of(case_fs);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "with %%fs on the slot too, both read 0 (status %#x)", st);
	st = wait_status_of(case_ss);
	check(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "with %%ss on the slot, the child dies of SIGSEGV (status %#x)",
	      st);
	st = wait_status_of(case_sigreturn);
	check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "a sigreturn frame naming the emptied slot in %%gs leaves 0 "
	      "(status %#x)", st);
	check(read_gs() != 0 && getpid() > 0,
	      "the parent's own TLS is untouched and it runs on");
	return test_done();
}
