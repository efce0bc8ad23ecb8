/*
 * kernel/arch/x86/lapic.c - the boot CPU's local APIC, as far as the
 * system tick needs it: enabled in virtual-wire mode (the 8259s still
 * deliver through LINT0) and its timer made periodic at HZ.
 *
 * Owns the APIC's MMIO mapping (regs) and its timer. Set up once, at
 * boot with interrupts off, by lapic_timer_start; after that only the
 * timer interrupt touches the APIC (its EOI), so there is no lock.
 * Invariant: regs is NULL until the timer runs; lapic_eoi is installed
 * only after it is set.
 * Sources: Intel SDM vol. 3, 10.4 "Local APIC" (10.4.3 enabling,
 * 10.4.4 IA32_APIC_BASE), 10.5.1 LVT, 10.5.4 "APIC Timer", 10.8.5
 * EOI, 10.9 spurious interrupt; the MP spec 1.4, 3.6.2.2 virtual wire.
 */
#include "kernel.h"
#include "errno.h"
#include "vm.h"
#include "arch/x86/cpu.h"
#include "arch/x86/lapic.h"
#include "arch/x86/trap.h"
#include "arch/x86/tsc.h"

#define CPU_MSR (1u << 5)  /* RDMSR/WRMSR */
#define CPU_APIC (1u << 9) /* an on-chip local APIC */
#define MSR_APIC_BASE 0x1B
#define APIC_BASE_ENABLE (1u << 11)
#define APIC_BASE_ADDR 0xFFFFF000u

/* register offsets (SDM table 10-1) */
#define APIC_TPR 0x080
#define APIC_EOI 0x0B0
#define APIC_SVR 0x0F0
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CUR 0x390
#define APIC_TIMER_DIV 0x3E0

#define SVR_ENABLE (1u << 8)
#define SPURIOUS_VECTOR (T_IRQ0 + 15) /* low 4 bits 1111 (P6 rule) */
#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define LVT_EXTINT (7u << 8)
#define LVT_NMI (4u << 8)
#define TIMER_DIV_16 0x3
#define TIMER_VECTOR (T_IRQ0 + IRQ_TIMER)
#define CAL_MS 10u /* calibration interval, against the TSC */

static volatile uint32_t *regs;

static uint32_t rd(uint32_t off)
{
	return regs[off / 4];
}

static void wr(uint32_t off, uint32_t v)
{
	regs[off / 4] = v;
}

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (uint64_t)hi << 32 | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)v),
			   "d"((uint32_t)(v >> 32)));
}

/* lapic_eoi - see lapic.h. */
void lapic_eoi(void)
{
	wr(APIC_EOI, 0);
}

/* Map and software-enable the APIC in virtual-wire mode: LINT0 takes
 * the 8259's INTR as ExtINT, LINT1 the NMI (MP spec 3.6.2.2). */
static int enable(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	regs = ioremap(base & APIC_BASE_ADDR, PAGE_SIZE);
	if (!regs)
		return -ENOMEM;
	wr(APIC_SVR, SVR_ENABLE | SPURIOUS_VECTOR);
	wr(APIC_LVT_LINT0, LVT_EXTINT);
	wr(APIC_LVT_LINT1, LVT_NMI);
	wr(APIC_TPR, 0);
	return 0;
}

/* Timer counts (divide by 16) in CAL_MS of the TSC; 0 if it stands. */
static uint32_t calibrate_once(void)
{
	uint64_t end = tsc_read() + (uint64_t)tsc_khz_get() * CAL_MS;

	wr(APIC_TIMER_DIV, TIMER_DIV_16);
	wr(APIC_LVT_TIMER, LVT_MASKED | TIMER_VECTOR);
	wr(APIC_TIMER_INIT, 0xFFFFFFFFu);
	while (tsc_read() < end)
		;
	return 0xFFFFFFFFu - rd(APIC_TIMER_CUR);
}

/* The median of three calibrate_once runs: a run preempted by the host
 * (or an SMI) comes out long, and the median drops it. */
static uint32_t calibrate(void)
{
	uint32_t a = calibrate_once(), b = calibrate_once();
	uint32_t c = calibrate_once();

	if (a > b) {
		uint32_t t = a;

		a = b;
		b = t;
	}
	return c < a ? a : c > b ? b : c;
}

/* lapic_timer_start - see lapic.h. */
int lapic_timer_start(unsigned hz, trap_handler_t handler)
{
	uint32_t counts, per_tick;
	int err;

	if ((cpu_features_edx() & (CPU_APIC | CPU_MSR)) != (CPU_APIC | CPU_MSR))
		return -ENODEV;
	if (!tsc_khz_get())
		return -ENODEV; /* nothing to calibrate against */
	err = enable();
	if (err)
		return err;
	counts = calibrate();
	per_tick = (uint32_t)((uint64_t)counts * 1000 / CAL_MS / hz);
	if (per_tick < 16) {
		wr(APIC_TIMER_INIT, 0);
		return -ENODEV;
	}
	irq_register_eoi(IRQ_TIMER, handler, lapic_eoi);
	wr(APIC_LVT_TIMER, LVT_PERIODIC | TIMER_VECTOR);
	wr(APIC_TIMER_INIT, per_tick);
	pr_info("timer: local APIC at %#llx, %u Hz (%u counts of bus / 16 a "
		"tick, "
		"bus %u kHz)\n",
		(unsigned long long)(rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR), hz,
		per_tick, counts * 16 / CAL_MS);
	return 0;
}
