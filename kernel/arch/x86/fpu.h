/*
 * fpu.h - the x87/SSE register state of user processes (Intel SDM vol. 1,
 * 8.1.10 and 10.5 "FXSAVE and FXRSTOR"; vol. 3, 13.1).
 *
 * Sleight saves and restores it eagerly on every context switch and
 * around signal handlers. With FXSR the area is the 512-byte FXSAVE
 * image; without it, the 108-byte FSAVE image at its start.
 */
#ifndef SLEIGHT_X86_FPU_H
#define SLEIGHT_X86_FPU_H

#include <stdbool.h>
#include <stdint.h>

#define FPU_AREA_SIZE 512 /* bytes; 16-byte aligned */

struct fpu_area {
	uint8_t bytes[FPU_AREA_SIZE];
} __attribute__((aligned(16)));

/* Enable the FPU (CR0.NE/MP, no EM; CR4.OSFXSR/OSXMMEXCPT where the CPU
 * has them) and record the initial state. Boot CPU, once. */
void fpu_init(void);
void fpu_save(struct fpu_area *a);
/*
 * fpu_restore - load *a into the FPU. Never faults: a pending x87
 * exception of the state being replaced is cleared first, and a fault
 * of the restore itself (an image fpu_sanitize did not vet, a bad
 * address) leaves the initial state loaded instead. 0, or -EINVAL for
 * that fault (sigreturn then sends SIGSEGV, as Linux's failed restore).
 */
int fpu_restore(const struct fpu_area *a);
/* The state after FNINIT with MXCSR at its reset value. */
void fpu_init_state(struct fpu_area *a);
/* Make a state that came from user space safe for fpu_restore (no
 * reserved MXCSR bits, which would fault FXRSTOR). */
void fpu_sanitize(struct fpu_area *a);

/*
 * fpu_exception_code - the si_code of the x87 (#MF, simd false) or SSE
 * (#XM, simd true) exception the running process's live FPU state has
 * raised, as Linux's fpu__exception_code: of the flags set and unmasked
 * (status & ~control word, or MXCSR flags & ~masks), invalid operation
 * is FPE_FLTINV, then zero divide FPE_FLTDIV, overflow FPE_FLTOVF,
 * denormal or underflow FPE_FLTUND, precision FPE_FLTRES. 0 when none
 * is (a spurious exception). Reads the state without changing it.
 * Intel SDM vol. 1, 8.1.3, 8.1.5, 10.2.3.
 */
int fpu_exception_code(bool simd);

#endif
