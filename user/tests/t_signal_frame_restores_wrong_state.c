/*
 * t_signal_frame_restores_wrong_state - signal delivery, handler frames and
 * sigreturn.
 *
 * Bug: the signal frame is built or restored wrongly. A handler is not run
 * (or gets the wrong siginfo), sigreturn does not restore every register,
 * the flags or the x87 state of the interrupted code (so a loop computing
 * in registers gives a wrong answer after a timer signal), a blocked
 * signal is lost or delivered twice, the mask is not restored after the
 * handler, SIGKILL can be caught, or a blocking read interrupted by a
 * signal neither restarts (SA_RESTART) nor fails with EINTR.
 */
#include "tests/testlib.h"

#include <signal.h>
#include <stdint.h>
#include <sys/time.h>

#define LOOP_LIMIT 200000000u

/* kill_regs(pid, sig, out[7]) - kill via int $0x80 with known values in
 * every register; stores eax ebx ecx edx esi edi ebp as they are after. */
void kill_regs(int pid, int sig, uint32_t *out);
/* reg_loop(flag, out[6]) - a hash kept only in registers, run until
 * *flag >= 3 or LOOP_LIMIT rounds; stores ebx ecx edx esi edi ebp. */
void reg_loop(volatile int *flag, uint32_t *out);
/* clobber_regs() - put junk in every general register and the flags. */
void clobber_regs(void);

__asm__(".text\n"
	".globl kill_regs\n"
	"kill_regs:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl 20(%esp), %ebx\n"
	"	movl 24(%esp), %ecx\n"
	"	movl $0x11223344, %edx\n"
	"	movl $0x55667788, %esi\n"
	"	movl $0x99aabbcc, %edi\n"
	"	movl $0xddeeff00, %ebp\n"
	"	movl $37, %eax\n" /* __NR_kill */
	"	int $0x80\n"
	"	pushl %eax\n"
	"	movl 32(%esp), %eax\n"
	"	popl 0(%eax)\n"
	"	movl %ebx, 4(%eax)\n	movl %ecx, 8(%eax)\n"
	"	movl %edx, 12(%eax)\n	movl %esi, 16(%eax)\n"
	"	movl %edi, 20(%eax)\n	movl %ebp, 24(%eax)\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n"
	"	ret\n"
	".globl reg_loop\n"
	"reg_loop:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl $0x12345678, %esi\n	movl $0x9abcdef0, %edi\n"
	"	movl $0x0badf00d, %ebx\n	movl $0xdeadbeef, %edx\n"
	"	xorl %ecx, %ecx\n	xorl %ebp, %ebp\n"
	"1:	addl $0x9e3779b9, %esi\n"
	"	xorl %esi, %edi\n"
	"	roll $5, %edi\n"
	"	addl %edi, %ebx\n"
	"	xorl %ebx, %edx\n"
	"	addl $3, %edx\n"
	"	decl %ebp\n"
	"	incl %ecx\n"
	"	cmpl $200000000, %ecx\n"
	"	jae 2f\n"
	"	movl 20(%esp), %eax\n"
	"	cmpl $3, (%eax)\n"
	"	jl 1b\n"
	"2:	movl 24(%esp), %eax\n"
	"	movl %ebx, 0(%eax)\n	movl %ecx, 4(%eax)\n"
	"	movl %edx, 8(%eax)\n	movl %esi, 12(%eax)\n"
	"	movl %edi, 16(%eax)\n	movl %ebp, 20(%eax)\n"
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n"
	"	ret\n"
	".globl clobber_regs\n"
	"clobber_regs:\n"
	"	pushl %ebp\n	pushl %ebx\n	pushl %esi\n	pushl %edi\n"
	"	movl $0xbad0bad0, %eax\n	movl %eax, %ebx\n"
	"	movl %eax, %ecx\n	movl %eax, %edx\n	movl %eax, %esi\n"
	"	movl %eax, %edi\n	movl %eax, %ebp\n"
	"	std\n	cld\n	cmpl %eax, %ecx\n" /* flags: ZF set */
	"	popl %edi\n	popl %esi\n	popl %ebx\n	popl %ebp\n"
	"	ret\n");

static volatile int usr1_hits, usr1_signo, usr1_pid, usr1_code;
static volatile int usr1_masked, usr2_hits, alrm_hits, alrm_fpu;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;

	usr1_hits++;
	usr1_signo = si->si_signo;
	usr1_pid = si->si_pid;
	usr1_code = si->si_code;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	usr1_masked = sigismember(&cur, SIGUSR1);
	clobber_regs();
}

static void on_usr2(int sig)
{
	usr2_hits++;
}

/* Handler that wrecks the x87 state: reinitialise it and switch the
 * rounding mode to "toward zero"; sigreturn must undo both. */
static void on_alrm(int sig)
{
	volatile double d = 3.0;
	unsigned short cw = 0x0f7f;

	alrm_hits++;
	__asm__ volatile("fninit\n\tfldcw %0" : : "m"(cw));
	d = d / 7.0;
	alrm_fpu += d > 0.4;
	clobber_regs();
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static void handler_runs(void)
{
	struct sigaction sa;
	uint32_t r[7];
	sigset_t cur;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction SA_SIGINFO");
	check_eq(kill(getpid(), SIGUSR1), 0, "kill(getpid(), SIGUSR1)");
	check_eq(usr1_hits, 1, "handler ran once before kill returned");
	check_eq(usr1_signo, SIGUSR1, "si_signo");
	check_eq(usr1_pid, getpid(), "si_pid is the sender");
	check_eq(usr1_code, SI_USER, "si_code is SI_USER");
	check(usr1_masked, "SIGUSR1 is blocked while its handler runs");
	sigprocmask(SIG_BLOCK, NULL, &cur);
	check(!sigismember(&cur, SIGUSR1), "mask restored after sigreturn");

	kill_regs(getpid(), SIGUSR1, r);
	check_eq(usr1_hits, 2, "handler ran for the int $0x80 kill");
	check(r[0] == 0 && r[1] == (uint32_t)getpid() && r[2] == SIGUSR1 &&
	      r[3] == 0x11223344 && r[4] == 0x55667788 &&
	      r[5] == 0x99aabbcc && r[6] == 0xddeeff00,
	      "after handler+sigreturn eax=0 and ebx ecx edx esi edi ebp "
	      "are intact (%x %x %x %x %x %x %x)", r[0], r[1], r[2], r[3],
	      r[4], r[5], r[6]);
}

static void expect_loop(uint32_t n, uint32_t *w)
{
	uint32_t esi = 0x12345678, edi = 0x9abcdef0, ebx = 0x0badf00d;
	uint32_t edx = 0xdeadbeef, i;

	for (i = 0; i < n; i++) {
		esi += 0x9e3779b9u;
		edi ^= esi;
		edi = (edi << 5) | (edi >> 27);
		ebx += edi;
		edx ^= ebx;
		edx += 3;
	}
	w[0] = ebx;
	w[1] = n;
	w[2] = edx;
	w[3] = esi;
	w[4] = edi;
	w[5] = -n;
}

/* x87 arithmetic kept in registers (long double is the 80-bit x87
 * format, so no value is rounded on a spill): run until *flag reaches 3
 * or n rounds, returning the value and the rounds done in *done. */
static long double fpu_loop(volatile int *flag, long n, long *done)
{
	long double x = 1.0L;
	long i;

	for (i = 0; i < n && (!flag || *flag < 3); i++)
		x = x * 1.0000001L + 0.25L;
	*done = i;
	return x;
}

static void timer_interrupts_registers(void)
{
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } }, off = { 0 };
	uint32_t got[6], w[6];
	long double a, b;
	long n, n2;

	set_handler(SIGALRM, on_alrm, 0);
	alrm_hits = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	reg_loop(&alrm_hits, got);
	check(got[1] < LOOP_LIMIT && alrm_hits >= 3,
	      "timer signals interrupted the register loop (%d)", alrm_hits);
	expect_loop(got[1], w);
	check(memcmp(got, w, sizeof(w)) == 0,
	      "register loop result is exact after %u rounds and %d "
	      "signals", got[1], alrm_hits);

	/* x87: the same computation with and without signals. */
	alrm_hits = 0;
	a = fpu_loop(&alrm_hits, 100000000, &n);
	setitimer(ITIMER_REAL, &off, NULL);
	check(n < 100000000 && alrm_hits >= 3,
	      "timer signals interrupted the x87 loop (%d)", alrm_hits);
	b = fpu_loop(NULL, n, &n2);
	check(a == b, "x87 result intact after %ld rounds and %d handlers "
	      "that reset the FPU (%.20Lg vs %.20Lg)", n, alrm_hits, a, b);
	check(alrm_fpu > 0, "handler's own x87 arithmetic works");
}

static void mask_and_pending(void)
{
	sigset_t set, pend;

	set_handler(SIGUSR2, on_usr2, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR2);
	check_eq(usr2_hits, 0, "blocked signal is not delivered");
	sigpending(&pend);
	check(sigismember(&pend, SIGUSR2), "blocked signal is pending");
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check_eq(usr2_hits, 1, "unblocking delivers it exactly once");
	sigpending(&pend);
	check(!sigismember(&pend, SIGUSR2), "nothing pending afterwards");

	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigprocmask(SIG_SETMASK, NULL, &pend);
	check(!sigismember(&pend, SIGKILL) && !sigismember(&pend, SIGSTOP),
	      "SIGKILL and SIGSTOP cannot be blocked");
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

static void uncatchable(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr2;
	check_errno(sigaction(SIGKILL, &sa, NULL), EINVAL,
		    "sigaction(SIGKILL) with a handler");
	sa.sa_handler = SIG_IGN;
	check_errno(sigaction(SIGKILL, &sa, NULL), EINVAL,
		    "sigaction(SIGKILL, SIG_IGN)");
	sa.sa_handler = on_usr2;
	check_errno(sigaction(SIGSTOP, &sa, NULL), EINVAL,
		    "sigaction(SIGSTOP) with a handler");
	check_errno(sigaction(0, &sa, NULL), EINVAL, "sigaction(0)");
	check_errno(sigaction(65, &sa, NULL), EINVAL, "sigaction(65)");
}

static int alrm_pipe = -1;

static void on_alrm_write(int sig)
{
	write(alrm_pipe, "r", 1);
}

/* A read blocked on an empty pipe, interrupted by SIGALRM whose handler
 * writes one byte into that pipe. */
static ssize_t interrupted_read(int flags, int *err)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	int p[2];
	ssize_t r;
	char c;

	if (pipe(p) < 0)
		return -2;
	alrm_pipe = p[1];
	set_handler(SIGALRM, on_alrm_write, flags);
	setitimer(ITIMER_REAL, &it, NULL);
	errno = 0;
	r = read(p[0], &c, 1);
	*err = errno;
	close(p[0]);
	close(p[1]);
	return r;
}

static void restart_vs_eintr(void)
{
	ssize_t r;
	int e;

	r = interrupted_read(0, &e);
	check(r == -1 && e == EINTR,
	      "without SA_RESTART the read fails with EINTR (r=%zd e=%d)", r,
	      e);
	r = interrupted_read(SA_RESTART, &e);
	check(r == 1, "with SA_RESTART the read restarts and gets the "
	      "handler's byte (r=%zd e=%d)", r, e);
	set_handler(SIGALRM, SIG_DFL, 0);
}

int main(int argc, char **argv)
{
	test_init(argv);
	handler_runs();
	timer_interrupts_registers();
	mask_and_pending();
	uncatchable();
	restart_vs_eintr();
	return test_done();
}
