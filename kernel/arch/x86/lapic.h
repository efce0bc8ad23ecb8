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
 * when its registers cannot be mapped.
 */
int lapic_timer_start(unsigned hz, trap_handler_t handler);

/* lapic_eoi - end of interrupt (SDM 10.8.5). Interrupt context. */
void lapic_eoi(void);

#endif
