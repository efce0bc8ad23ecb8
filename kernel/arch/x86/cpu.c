/*
 * kernel/arch/x86/cpu.c - what the processor can do, from CPUID.
 *
 * Owns nothing but the cached answer. CPUID itself may be missing on a
 * 486; the EFLAGS.ID test finds out (Intel SDM vol. 1, 20.1.2). Feature
 * bits: SDM vol. 2A, CPUID leaf 01H, EDX.
 */
#include "kernel.h"
#include "arch/x86/cpu.h"
#include "arch/x86/eflags.h"

/* CPUID exists iff EFLAGS.ID can be toggled. */
static bool cpu_has_cpuid(void)
{
	uint32_t a, b;

	__asm__ volatile("pushfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "movl %0, %1\n\t"
			 "xorl %2, %0\n\t"
			 "pushl %0\n\t"
			 "popfl\n\t"
			 "pushfl\n\t"
			 "popl %0\n\t"
			 "popfl"
			 : "=&r"(a), "=&r"(b)
			 : "i"(EFLAGS_ID)
			 : "cc");
	return (a ^ b) & EFLAGS_ID;
}

/* cpu_features_edx - CPUID.01H:EDX (CPU_* bits), or 0 without CPUID. It
 * is also what Linux reports to programs as AT_HWCAP on i386. */
uint32_t cpu_features_edx(void)
{
	static bool known;
	static uint32_t edx;
	uint32_t a = 1, b, c = 0;

	if (!known) {
		if (cpu_has_cpuid())
			__asm__ volatile("cpuid"
					 : "+a"(a), "=b"(b), "+c"(c),
					   "=d"(edx));
		known = true;
	}
	return edx;
}
