/*
 * uapi/signal.h - the i386 signal ABI: signal numbers, dispositions,
 * SA_* flags, sigprocmask how, sigaltstack flags, si_code values
 * (asm/signal.h, asm-generic/signal-defs.h, asm-generic/siginfo.h), and
 * the layouts rt_sigaction(2) and sigaltstack(2) pass. Every member is a
 * 32-bit word, so the layouts are the same for the host unit tests.
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: signal(7), rt_sigaction(2), sigaltstack(2).
 */
#ifndef SLEIGHT_UAPI_SIGNAL_H
#define SLEIGHT_UAPI_SIGNAL_H

#include <stdint.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define SIG_DFL 0u
#define SIG_IGN 1u

#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO 0x00000004u
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK 0x08000000u
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u
#define SA_RESETHAND 0x80000000u

#define SIGRTMIN 32		 /* first real-time signal (kernel) */
#define _NSIG 64		 /* signals 1.._NSIG */
#define SIGSET_BYTES (_NSIG / 8) /* the sigset_t of the rt_* calls */

/* rt_sigprocmask(2) how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sigaltstack(2) */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31) /* accepted, not honoured */
#define MINSIGSTKSZ 2048	 /* bytes */

/* si_code values (asm-generic/siginfo.h) */
#define SI_USER 0 /* kill(2) */
#define SI_KERNEL 0x80
#define SI_TKILL (-6) /* tkill(2), tgkill(2) */
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define TRAP_HWBKPT 4
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* struct k_sigaction as musl and glibc pass it to rt_sigaction (20 bytes). */
struct sigaction_abi {
	uint32_t handler;  /* SIG_DFL, SIG_IGN or an address */
	uint32_t flags;	   /* SA_* */
	uint32_t restorer; /* with SA_RESTORER: the return path */
	uint32_t mask[2];  /* signals 1..32, 33..64 */
};

/* stack_t (sigaltstack(2)). */
struct stack_abi {
	uint32_t ss_sp;
	int32_t ss_flags; /* SS_ONSTACK, SS_DISABLE */
	uint32_t ss_size; /* bytes */
};

_Static_assert(sizeof(struct sigaction_abi) == 20, "k_sigaction");
_Static_assert(sizeof(struct stack_abi) == 12, "stack_t");

#endif
