/*
 * t_segv_kills_only_child - a CPU fault in user mode becomes a signal that
 * kills only the faulting process.
 *
 * Bug: a user-mode page fault, invalid opcode or divide error is treated
 * as a kernel fault (panic), kills the wrong process, reports the wrong
 * signal in the wait status, or leaves the parent's memory damaged. Each
 * fault runs in a child; the parent checks the status and that it still
 * works.
 */
#include "tests/testlib.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static volatile int parent_value = 12345;

static void null_store(void)
{
	*(volatile int *)0 = 1;
}

static void null_load(void)
{
	parent_value = *(volatile int *)0;
}

static void kernel_store(void)
{
	*(volatile int *)0xC0001000 = 1;
}

static void jump_to_null(void)
{
	void (*volatile fn)(void) = 0;

	fn();
}

static void write_to_text(void)
{
	*(volatile unsigned char *)(void *)null_store = 0x90;
}

static void ud2(void)
{
	__asm__ volatile("ud2");
}

static void divide_by_zero(void)
{
	__asm__ volatile("xorl %%ecx, %%ecx\n\tmovl $1, %%eax\n\t"
			 "xorl %%edx, %%edx\n\tdivl %%ecx"
			 : : : "eax", "ecx", "edx");
}

static void divide_overflow(void)
{
	/* INT_MIN / -1 does not fit: also a divide error (#DE). */
	__asm__ volatile("movl $0x80000000, %%eax\n\tcltd\n\t"
			 "movl $-1, %%ecx\n\tidivl %%ecx"
			 : : : "eax", "ecx", "edx");
}

static volatile char stack_sink;

/* recurse - 64 KiB per frame; the depth bound (64 GiB) is never reached,
 * it only tells the compiler the recursion ends. */
static void recurse(unsigned depth)
{
	volatile char big[1 << 16];

	big[0] = (char)depth;
	if (depth < (1u << 20))
		recurse(depth + 1);
	stack_sink = big[0];
}

static void stack_overflow(void)
{
	recurse(0);
}

/* expect_death - run fn in a child; it must die of sig. The child first
 * writes a byte to a pipe so we know it ran up to the fault. */
static void expect_death(const char *what, void (*fn)(void), int sig)
{
	int p[2], st = -1;
	pid_t pid;
	char c = 0;

	if (pipe(p) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		write(p[1], "r", 1);
		parent_value = 0;
		fn();
		_exit(99);
	}
	close(p[1]);
	read(p[0], &c, 1);
	close(p[0]);
	waitpid(pid, &st, 0);
	check(c == 'r' && WIFSIGNALED(st) && WTERMSIG(st) == sig,
	      "%s: child dies of signal %d (status 0x%x)", what, sig, st);
	check_eq(parent_value, 12345, "parent memory intact afterwards");
}

int main(int argc, char **argv)
{
	pid_t pid;
	int st;

	test_init(argv);
	expect_death("store through NULL", null_store, SIGSEGV);
	expect_death("load through NULL", null_load, SIGSEGV);
	expect_death("store to a kernel address", kernel_store, SIGSEGV);
	expect_death("call through NULL", jump_to_null, SIGSEGV);
	expect_death("store into program text", write_to_text, SIGSEGV);
	expect_death("ud2", ud2, SIGILL);
	expect_death("divide by zero", divide_by_zero, SIGFPE);
	expect_death("INT_MIN / -1", divide_overflow, SIGFPE);
	expect_death("unbounded recursion", stack_overflow, SIGSEGV);

	/* the system still forks and runs children normally */
	pid = fork();
	if (pid == 0)
		_exit(5);
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "a normal child still exits normally (status 0x%x)", st);
	return test_done();
}
