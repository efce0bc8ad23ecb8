/*
 * lapic.h - the boot CPU's local APIC timer as the system tick
 * (kernel/arch/x86/lapic.c; Intel SDM vol. 3, 10.5.4 "APIC Timer").
 */
#ifndef SLEIGHT_X86_LAPIC_H
#define SLEIGHT_X86_LAPIC_H

#include "arch/x86/trap.h"

/*
 * lapic_timer_start - enable the local APIC (virtual-wire mode, so the
 * 8259s keep working), calibrate its timer against the TSC over 10 ms,
 * and make it periodic at hz on vector T_IRQ0 + IRQ_TIMER, calling
 * handler with the APIC's EOI sent and the 8259's timer line masked.
 * Boot only, interrupts off. 0; -ENODEV with no APIC (CPUID.01H:EDX[9])
 * or MSRs, no calibrated TSC, or a timer that does not count; -ENOMEM
 * when its registers are not mapped (lapic_set_regs).
 */
int lapic_timer_start(unsigned hz, trap_handler_t handler);

/* lapic_phys - the physical address of the APIC's register page
 * (IA32_APIC_BASE, SDM 10.4.4), or 0 when the CPU has no APIC or no
 * MSRs. */
uint32_t lapic_phys(void);

/* lapic_set_regs - where the register page is mapped (uncached, one
 * page), for lapic_timer_start; the boot code maps it (arch cannot call
 * mm). Boot only. */
void lapic_set_regs(volatile uint32_t *mmio);

/* lapic_eoi - end of interrupt (SDM 10.8.5). Interrupt context. */
void lapic_eoi(void);

#endif
