/*
 * sigframe.h - the i386 signal ABI as user space sees it: the structures
 * rt_sigaction(2) and sigaltstack(2) pass, and the frames signal delivery
 * builds on the user stack (Linux arch/x86/include/asm/sigframe.h and
 * uapi/asm/sigcontext.h, "struct sigcontext_32"; asm-generic/ucontext.h;
 * the 128-byte siginfo_t of asm-generic/siginfo.h).
 *
 * Every member is a 32-bit or smaller word and 64-bit masks are split in
 * two words, so the layout is the same whatever the compiler's alignment
 * of 64-bit types: the structures compile identically for the host unit
 * tests. The _Static_asserts pin the sizes the ABI fixes.
 */
#ifndef SLEIGHT_SIGFRAME_H
#define SLEIGHT_SIGFRAME_H

#include <stdint.h>

#include "uapi/sigcontext.h" /* sigcontext, ucontext, siginfo */
#include "uapi/signal.h"     /* struct sigaction_abi, stack_abi */

/* The FPU save area Linux keeps (unused) inside the old-style frame so
 * that extramask stays where old programs expect it: 624 bytes. */
#define FPSTATE_UNUSED_BYTES 624

/* The frame for a handler without SA_SIGINFO; sigreturn(2) finds it at
 * esp - 8 (the handler's ret popped pretcode, __restore popped sig). */
struct sigframe_abi {
	uint32_t pretcode; /* the handler's return address */
	int32_t sig;	   /* the handler's argument */
	struct sigcontext_abi sc;
	uint8_t fpstate_unused[FPSTATE_UNUSED_BYTES];
	uint32_t extramask[1]; /* blocked signals 33..64 */
	uint8_t retcode[8];    /* popl %eax; movl $SYS_sigreturn,
				  %eax; int $0x80 */
};

/* The frame for an SA_SIGINFO handler; rt_sigreturn(2) finds it at
 * esp - 4. */
struct rt_sigframe_abi {
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo; /* -> info */
	uint32_t puc;	/* -> uc */
	struct siginfo_abi info;
	struct ucontext_abi uc;
	uint8_t retcode[8]; /* movl $SYS_rt_sigreturn, %eax;
			       int $0x80 */
};

_Static_assert(sizeof(struct sigframe_abi) == 732, "sigframe");
_Static_assert(sizeof(struct rt_sigframe_abi) == 268, "rt_sigframe");

#endif
