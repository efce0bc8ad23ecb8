/*
 * uapi/sigcontext.h - what a signal handler is shown: the i386 struct
 * sigcontext (asm/sigcontext.h, the registers in pt_regs order), struct
 * ucontext (asm-generic/ucontext.h, with the kernel's 64-bit mask last)
 * and the 128-byte siginfo_t (asm-generic/siginfo.h). Every member is a
 * 32-bit or smaller word, so the host unit tests see the same layout.
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: sigaction(2), getcontext(3).
 */
#ifndef SLEIGHT_UAPI_SIGCONTEXT_H
#define SLEIGHT_UAPI_SIGCONTEXT_H

#include <stdint.h>

#include "uapi/signal.h" /* struct stack_abi */

/* struct sigcontext (i386): the registers at the signal, in the order of
 * the Linux i386 pt_regs; segment registers are 16 bits plus padding. */
struct sigcontext_abi {
	uint16_t gs, gsh, fs, fsh, es, esh, ds, dsh;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t trapno, err, eip;
	uint16_t cs, csh;
	uint32_t eflags;
	uint32_t esp_at_signal;
	uint16_t ss, ssh;
	uint32_t fpstate; /* user pointer to FPU state, or 0 */
	uint32_t oldmask; /* blocked signals 1..32 */
	uint32_t cr2;	  /* fault address */
};

/* struct ucontext (kernel view; musl's ucontext_t shares the prefix). */
struct ucontext_abi {
	uint32_t uc_flags;
	uint32_t uc_link;
	struct stack_abi uc_stack;
	struct sigcontext_abi uc_mcontext;
	uint32_t uc_sigmask[2]; /* the mask sigreturn restores */
};

/* siginfo_t: three header words, then a union whose first words depend
 * on the kind of signal: kill (pid, uid), fault (addr), child (pid, uid,
 * status). */
struct siginfo_abi {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	uint32_t si_fields[29]; /* pad to 128 bytes */
};

_Static_assert(sizeof(struct sigcontext_abi) == 88, "sigcontext");
_Static_assert(sizeof(struct ucontext_abi) == 116, "ucontext");
_Static_assert(sizeof(struct siginfo_abi) == 128, "siginfo_t");

#endif
