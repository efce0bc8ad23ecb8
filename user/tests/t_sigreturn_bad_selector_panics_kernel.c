/*
 * t_sigreturn_bad_selector_panics_kernel - a signal handler that puts an
 * unusable segment selector into its saved context must not bring the
 * kernel down.
 *
 * Bug: sigreturn and rt_sigreturn load cs, ss, ds, es, fs and gs from
 * the frame on the user stack. The kernel pops the data selectors and
 * irets in ring 0; a selector naming a missing, empty or kernel
 * descriptor (or one beyond the GDT) faulted there with #GP and the
 * kernel panicked. gs = 0x33 was accepted whenever a TLS base was set,
 * even with the descriptor emptied; bad cs and ss were silently replaced
 * instead of refused.
 *
 * What Linux does, and what this checks on both kernels: a data selector
 * (ds, es, fs, gs) that cannot be loaded reads 0 after the return (the
 * loadsegment fixup); a bad cs or ss makes the return to user mode fail
 * and the process dies of SIGSEGV. A good selector stays. Every case runs
 * in a forked child, through both the old (sigreturn, 119) and the
 * SA_SIGINFO (rt_sigreturn, 173) frame; the parent checks each status
 * and goes on.
 */
#define _GNU_SOURCE
#include "testlib.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/wait.h>

/* Word indexes of struct sigcontext (i386), the same as REG_* of the
 * ucontext's gregs. */
enum { W_GS = 0, W_FS = 1, W_ES = 2, W_DS = 3, W_CS = 15, W_SS = 18 };

enum seg { SEG_DS, SEG_ES, SEG_FS, SEG_GS, SEG_SS, SEG_CS, NSEGS };

static const char *const seg_name[NSEGS] = { "ds", "es", "fs", "gs", "ss",
					     "cs" };
static const int seg_word[NSEGS] = { W_DS, W_ES, W_FS, W_GS, W_SS, W_CS };

/*
 * Selectors no user segment register can hold, on Sleight and on Linux
 * (i386, or x86_64 running this i386 program): an LDT selector with no
 * LDT, a kernel descriptor, GDT slot 7 (empty on both) and one far past
 * the end of the GDT.
 */
static const uint32_t bad_sel[] = { 0x0007, 0x0013, 0x003b, 0xfffb };

static volatile enum seg target;
static volatile uint32_t new_sel;

static void put_selector(uint32_t *regs)
{
	regs[seg_word[target]] = new_sel;
}

static __attribute__((noinline)) void old_handler(int sig)
{
	/* The old frame: pretcode (our return address), sig, then struct
	 * sigcontext; above the saved ebp that is ebp + 12. */
	char *volatile fp = __builtin_frame_address(0);

	put_selector((uint32_t *)(void *)(fp + 12));
}

static void rt_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	put_selector((uint32_t *)(void *)uc->uc_mcontext.gregs);
}

/*
 * Load ss's value into the segment register under test (so a good value
 * that stays is told from one that became 0), send ourselves SIGUSR1
 * with a bare int $0x80, read the register back and restore it. Nothing
 * touches memory between the return and the restore. Returns the value
 * read after the handler returned.
 */
#define PROBE(seg)							\
	__asm__ volatile("movl %%" #seg ", %%edi\n\t"			\
			 "movl %%ss, %%esi\n\t"				\
			 "movl %%esi, %%" #seg "\n\t"			\
			 "int $0x80\n\t"				\
			 "movl %%" #seg ", %%esi\n\t"			\
			 "movl %%edi, %%" #seg				\
			 : "=S"(seen), "+a"(nr)				\
			 : "b"(pid), "c"(SIGUSR1)			\
			 : "edi", "memory")

static uint32_t probe(enum seg s)
{
	uint32_t seen = 0, nr = 37, pid = (uint32_t)getpid();	/* kill */

	switch (s) {
	case SEG_DS:
		PROBE(ds);
		break;
	case SEG_ES:
		PROBE(es);
		break;
	case SEG_FS:
		PROBE(fs);
		break;
	case SEG_GS:
		PROBE(gs);
		break;
	default:	/* ss, cs: the process must not come back */
		__asm__ volatile("int $0x80"
				 : "+a"(nr)
				 : "b"(pid), "c"(SIGUSR1)
				 : "memory");
		__asm__ volatile("movl %%ss, %0" : "=r"(seen));
		break;
	}
	return seen & 0xffff;
}

static uint32_t ss_value(void)
{
	uint32_t v;

	__asm__ volatile("movl %%ss, %0" : "=r"(v));
	return v & 0xffff;
}

/* In a child: install the handler, probe, exit with what was seen:
 * 0 for a register that read 0, 1 for one that kept ss's value, 2 for
 * anything else, 3 when cs or ss came back at all. */
static void child(enum seg s, uint32_t sel, bool rt)
{
	struct sigaction sa = { 0 };
	uint32_t seen;

	target = s;
	new_sel = sel;
	if (rt) {
		sa.sa_sigaction = rt_handler;
		sa.sa_flags = SA_SIGINFO;
	} else {
		sa.sa_handler = old_handler;
	}
	sigaction(SIGUSR1, &sa, NULL);
	seen = probe(s);
	if (s == SEG_SS || s == SEG_CS)
		_exit(3);
	_exit(seen == 0 ? 0 : seen == ss_value() ? 1 : 2);
}

static int run(enum seg s, uint32_t sel, bool rt)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		child(s, sel, rt);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void check_bad(enum seg s, uint32_t sel, bool rt)
{
	const char *how = rt ? "rt_sigreturn" : "sigreturn";
	int st = run(s, sel, rt);

	if (s == SEG_SS || s == SEG_CS)
		check(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		      "%s with %s = %#x kills only the child with SIGSEGV "
		      "(status %#x)", how, seg_name[s], sel, st);
	else
		check(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "%s with %s = %#x: the child goes on and %s reads 0 "
		      "(status %#x)", how, seg_name[s], sel, seg_name[s], st);
}

int main(int argc, char **argv)
{
	test_init(argv);
	for (int rt = 0; rt < 2; rt++) {
		for (enum seg s = 0; s < NSEGS; s++) {
			for (size_t i = 0; i < sizeof(bad_sel) /
			     sizeof(bad_sel[0]); i++)
				check_bad(s, bad_sel[i], rt);
		}
		/* ss or cs of 0 (RPL forced to 3: a null selector). */
		check_bad(SEG_SS, 0, rt);
		check_bad(SEG_CS, 0, rt);
		/* A good selector is kept. */
		for (enum seg s = SEG_DS; s <= SEG_FS; s++) {
			int st = run(s, ss_value(), rt);

			check(st >= 0 && WIFEXITED(st) &&
			      WEXITSTATUS(st) == 1,
			      "%s with %s = the user data selector keeps it "
			      "(status %#x)", rt ? "rt_sigreturn" : "sigreturn",
			      seg_name[s], st);
		}
	}
	check(getpid() > 0, "the parent runs on after every child");
	return test_done();
}
