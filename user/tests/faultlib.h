/*
 * faultlib.h - run a piece of code that faults and record what the
 * SA_SIGINFO handler saw, for the tests of fault signals.
 *
 * catch_fault(fn) installs one handler for SIGSEGV, SIGBUS, SIGILL,
 * SIGFPE and SIGTRAP, calls fn, and returns what the first of those
 * signals carried (siginfo_t and the interrupted registers); the handler
 * leaves through siglongjmp, so fn never resumes after its fault. A
 * fault of .sig 0 means fn returned without a signal. Include before
 * anything else (it needs _GNU_SOURCE for the ucontext register names).
 * No locking: one thread.
 */
#ifndef SLEIGHT_FAULTLIB_H
#define SLEIGHT_FAULTLIB_H

#define _GNU_SOURCE
#include "testlib.h"

#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

struct fault {
	int sig;	/* 0: no signal */
	int code;	/* si_code */
	uintptr_t addr; /* si_addr */
	uintptr_t eip;	/* the interrupted eip (uc_mcontext) */
	int trapno;	/* the sigcontext's trapno */
};

static struct fault f_got;
static sigjmp_buf f_jmp;

static void f_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	f_got.sig = sig;
	f_got.code = si->si_code;
	f_got.addr = (uintptr_t)si->si_addr;
	f_got.eip = (uintptr_t)uc->uc_mcontext.gregs[REG_EIP];
	f_got.trapno = (int)uc->uc_mcontext.gregs[REG_TRAPNO];
	siglongjmp(f_jmp, 1);
}

/* catch_fault - call fn with the fault handler installed (sigaction(2)
 * SA_SIGINFO); what its first fault signal carried, .sig 0 if none. The
 * old actions are put back afterwards. */
static __attribute__((unused)) struct fault catch_fault(void (*fn)(void))
{
	static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
	struct sigaction sa, old[5];
	unsigned i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = f_handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < 5; i++)
		sigaction(sigs[i], &sa, &old[i]);
	memset(&f_got, 0, sizeof(f_got));
	if (sigsetjmp(f_jmp, 1) == 0)
		fn();
	for (i = 0; i < 5; i++)
		sigaction(sigs[i], &old[i], NULL);
	return f_got;
}

/* check_fault - one check that fault f is signal sig with si_code code
 * and si_addr addr, printing all three when it is not. */
static __attribute__((unused)) void check_fault(struct fault f, int sig,
						int code, uintptr_t addr,
						const char *what)
{
	check(f.sig == sig && f.code == code && f.addr == addr,
	      "%s: signal %d si_code %d si_addr %#lx (got %d, %d, %#lx)",
	      what, sig, code, (unsigned long)addr, f.sig, f.code,
	      (unsigned long)f.addr);
}

#endif
