/*
 * t_sigreturn_callee_saved_lost - sigreturn restores every register.
 *
 * Bug: a kernel whose sigreturn restores only some registers goes
 * unnoticed by handlers written in C, because the compiler saves and
 * restores ebx, esi, edi and ebp inside the handler itself. A handler in
 * assembly that overwrites all of them shows it: the interrupted code
 * must find ebx, esi, edi and ebp (and eax, ecx, edx) exactly as they
 * were when the signal arrived.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "testlib.h"

/* A handler that trashes every general register and returns. */
void trash_handler(int sig);
__asm__(".text\n"
	".globl trash_handler\n"
	"trash_handler:\n"
	"	movl $0xdead0001, %eax\n"
	"	movl $0xdead0002, %ebx\n"
	"	movl $0xdead0003, %ecx\n"
	"	movl $0xdead0004, %edx\n"
	"	movl $0xdead0005, %esi\n"
	"	movl $0xdead0006, %edi\n"
	"	movl $0xdead0007, %ebp\n"
	"	ret\n");

int main(int argc, char **argv)
{
	uint32_t out[6];
	struct sigaction sa = { .sa_handler = trash_handler };

	test_init(argv);
	sigaction(SIGUSR1, &sa, NULL);
	/* kill(getpid(), SIGUSR1) by hand, with known values in the other
	 * registers; the handler runs on the way back from the syscall. */
	__asm__ volatile(
		"pushl %%ebp\n\t"
		"pushl %%eax\n\t"		/* out */
		"movl $20, %%eax\n\t"		/* getpid */
		"int $0x80\n\t"
		"movl %%eax, %%ebx\n\t"		/* pid */
		"movl $10, %%ecx\n\t"		/* SIGUSR1 */
		"movl $0x11111111, %%edx\n\t"
		"movl $0x22222222, %%esi\n\t"
		"movl $0x33333333, %%edi\n\t"
		"movl $0x44444444, %%ebp\n\t"
		"movl $37, %%eax\n\t"		/* kill */
		"int $0x80\n\t"
		"xchgl %%ebp, (%%esp)\n\t"	/* ebp <-> out */
		"movl %%ecx, 0(%%ebp)\n\t"
		"movl %%edx, 4(%%ebp)\n\t"
		"movl %%esi, 8(%%ebp)\n\t"
		"movl %%edi, 12(%%ebp)\n\t"
		"movl %%ebx, 16(%%ebp)\n\t"
		"popl %%ecx\n\t"		/* the saved ebp value */
		"movl %%ecx, 20(%%ebp)\n\t"
		"popl %%ebp\n\t"
		:
		: "a"(out)
		: "ebx", "ecx", "edx", "esi", "edi", "memory");
	check_eq(out[0], 10, "ecx as it was at the signal");
	check_eq(out[1], 0x11111111, "edx as it was at the signal");
	check_eq(out[2], 0x22222222, "esi as it was at the signal");
	check_eq(out[3], 0x33333333, "edi as it was at the signal");
	check_eq(out[4], getpid(), "ebx as it was at the signal");
	check_eq(out[5], 0x44444444, "ebp as it was at the signal");
	return test_done();
}
