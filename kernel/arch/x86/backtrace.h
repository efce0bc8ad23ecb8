/*
 * backtrace.h - frame-pointer backtraces with symbol names
 * (kernel/arch/x86/backtrace.c, names from ksyms.h).
 */
#ifndef SLEIGHT_ARCH_X86_BACKTRACE_H
#define SLEIGHT_ARCH_X86_BACKTRACE_H

#include <stdint.h>

/* Longest ebp chain a backtrace follows. */
#define BACKTRACE_MAX_DEPTH 32

/*
 * backtrace_print - print "  [<eip>] func+0xoff/0xsize" for eip, then for
 * each return address on the ebp frame-pointer chain starting at ebp.
 * Stops at a zero ebp (boot.S ends the chain so), after
 * BACKTRACE_MAX_DEPTH frames, or at the first frame pointer that is not
 * a plausible kernel stack address.
 */
void backtrace_print(uintptr_t eip, uintptr_t ebp);

/* backtrace_here - backtrace_print from the caller of the function that
 * calls backtrace_here (so panic shows its caller first). */
void backtrace_here(void);

#endif
