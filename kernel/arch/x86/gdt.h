/*
 * gdt.h - the global descriptor table, the task state segment and the
 * thread-local-storage descriptors (Intel SDM vol. 3, 3.4.5 and 7.2).
 *
 * Layout (index: selector):
 *   0: null
 *   1: 0x08 kernel code    2: 0x10 kernel data
 *   3: 0x1B user code      4: 0x23 user data      (RPL 3)
 *   5: 0x28 TSS
 *   6..8: TLS slots for set_thread_area, as Linux i386 numbers them
 *         (GDT_ENTRY_TLS_MIN = 6); user selector = (index << 3) | 3
 *   9: 0x48 TSS of the double-fault task (doublefault.c)
 * All code and data segments are flat: base 0, limit 4 GiB.
 */
#ifndef SLEIGHT_X86_GDT_H
#define SLEIGHT_X86_GDT_H

#include <stdbool.h>
#include <stdint.h>

#define GDT_KCODE 1
#define GDT_KDATA 2
#define GDT_UCODE 3
#define GDT_UDATA 4
#define GDT_TSS 5
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_MAX 8
#define GDT_DFTSS 9
#define GDT_ENTRIES 10

#define SEL_KCODE (GDT_KCODE << 3)	 /* 0x08 */
#define SEL_KDATA (GDT_KDATA << 3)	 /* 0x10 */
#define SEL_UCODE ((GDT_UCODE << 3) | 3) /* 0x1B */
#define SEL_UDATA ((GDT_UDATA << 3) | 3) /* 0x23 */
#define SEL_TSS (GDT_TSS << 3)		 /* 0x28 */
#define SEL_DFTSS (GDT_DFTSS << 3)	 /* 0x48 */

/* 32-bit TSS (SDM vol. 3, figure 7-2). The kernel TSS uses ss0/esp0 and
 * iomap; the CPU saves a task's registers here on a task switch. */
struct tss {
	uint32_t link;
	uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/* Build the GDT, load it (reloading every segment register) and load
 * the TSS. Boot CPU, once, interrupts off. */
void gdt_init(void);

/* Point GDT entry index at t as an available 32-bit TSS. Interrupts off. */
void gdt_set_tss(unsigned index, const struct tss *t);

/* The kernel TSS: after a task switch to the double-fault task it holds
 * the registers of the code that faulted. */
const struct tss *tss_kernel(void);

/* kernel/arch/x86/doublefault.c: fill the double-fault task's TSS and
 * route #DF to it through a task gate. Called by idt_init. */
void double_fault_init(void);

/* kernel/arch/x86/idt.c: vector vec switches to the task of TSS selector
 * sel. Interrupts off. */
void idt_set_task_gate(unsigned vec, uint16_t sel);

/* Set the ring-0 stack the CPU switches to on a trap from ring 3: esp0 is
 * the top of the kernel stack (a virtual address, one past the last
 * byte). Call with interrupts off, on every switch to a user thread. */
void tss_set_kernel_stack(uint32_t esp0);

/*
 * Fill TLS slot `entry` (GDT_ENTRY_TLS_MIN..GDT_ENTRY_TLS_MAX) with a
 * ring-3, 32-bit, writable data segment of base `base` (a virtual address)
 * and limit `limit_pages` (the 20-bit descriptor limit in 4 KiB units, so
 * the segment covers (limit_pages + 1) * 4096 bytes); with present false
 * the slot becomes an empty (not present) descriptor. Mirrors Linux's
 * set_thread_area user_desc with seg_32bit = limit_in_pages = 1.
 * Returns 0, or -EINVAL for a bad entry or a limit above 0xFFFFF. A
 * segment register already holding the selector keeps the old cached
 * descriptor until it is reloaded (SDM vol. 3, 3.4.3).
 */
int gdt_set_tls(unsigned entry, uint32_t base, uint32_t limit_pages,
		bool present);

/* What a user selector is about to be loaded into. */
enum seg_use {
	SEG_USE_DATA,  /* ds, es, fs, gs (popped in ring 0) */
	SEG_USE_STACK, /* ss (loaded by iret) */
	SEG_USE_CODE,  /* cs (loaded by iret) */
};

/*
 * gdt_user_selector_ok - may sel (the low 16 bits) be loaded for ring 3
 * into a register of kind `use` without a fault, against the GDT as it
 * is now? The selector must have RPL 3 and name a present DPL-3 code or
 * data descriptor of the right type: a data segment or readable code
 * for ds..gs, a writable data segment for ss, a code segment for cs
 * (Intel SDM vol. 3, 5.5-5.8; the checks of MOV/POP Sreg and IRET in
 * vol. 2). A null selector is fine for ds..gs only. There is no LDT, so
 * a TI=1 selector never is. Interrupts off, or the GDT's TLS slot may
 * change under the answer (a switch reloads it).
 */
bool gdt_user_selector_ok(uint32_t sel, enum seg_use use);

#endif
