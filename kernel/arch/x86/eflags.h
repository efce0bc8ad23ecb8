/*
 * eflags.h - the bits of EFLAGS (Intel SDM vol. 1, 3.4.3, figure 3-8).
 * Every use of an EFLAGS bit in the kernel names it from here.
 */
#ifndef SLEIGHT_ARCH_X86_EFLAGS_H
#define SLEIGHT_ARCH_X86_EFLAGS_H

#define EFLAGS_CF 0x00000001u	 /* carry */
#define EFLAGS_FIXED 0x00000002u /* bit 1: always 1 */
#define EFLAGS_PF 0x00000004u	 /* parity */
#define EFLAGS_AF 0x00000010u	 /* auxiliary carry */
#define EFLAGS_ZF 0x00000040u	 /* zero */
#define EFLAGS_SF 0x00000080u	 /* sign */
#define EFLAGS_TF 0x00000100u	 /* trap (single step) */
#define EFLAGS_IF 0x00000200u	 /* interrupts enabled */
#define EFLAGS_DF 0x00000400u	 /* direction */
#define EFLAGS_OF 0x00000800u	 /* overflow */
#define EFLAGS_IOPL 0x00003000u	 /* I/O privilege level (2 bits) */
#define EFLAGS_NT 0x00004000u	 /* nested task */
#define EFLAGS_RF 0x00010000u	 /* resume */
#define EFLAGS_VM 0x00020000u	 /* virtual-8086 mode */
#define EFLAGS_AC 0x00040000u	 /* alignment check */
#define EFLAGS_ID 0x00200000u	 /* CPUID available (toggleable) */

#endif
