/*
 * kernel/arch/x86/tsc.c - the time-stamp counter: calibrated once at boot,
 * then the nanosecond clock source of kernel/dev/clock.c.
 *
 * Owns tsc_khz (TSC cycles per millisecond), tsc_base (the count at
 * calibration) and the invariant flag. All are written once by
 * tsc_calibrate, at boot with interrupts off, before any reader; after
 * that they are read-only, so there is no lock. Invariant: tsc_khz == 0
 * means "no usable TSC", and then tsc_ns() must not be called.
 *
 * Calibration measures the TSC over a known interval of a reference
 * clock, tried in this order, each with a bounded wait so a missing
 * device never hangs the boot (QEMU -M q35,pit=off):
 *   1. PIT channel 2 in mode 0, its OUT read back through port 0x61
 *      (Intel 8254 datasheet; the gate and OUT2 bits of the PC's
 *      system control port B);
 *   2. the ACPI PM timer, 3.579545 MHz, at the FADT's PM_TMR_BLK
 *      (ACPI 6.5 spec, 4.8.3.3 "Power Management Timer").
 * Sources: Intel SDM vol. 3, 17.17 "Time-Stamp Counter" (17.17.1
 * invariant TSC: CPUID.80000007H:EDX[8]), vol. 2 RDTSC.
 */
#include "kernel.h"
#include "errno.h"
#include "arch/x86/tsc.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"

#define TSC_CAL_MS 10u	      /* the calibration interval */
#define TSC_CAL_RUNS 5u	      /* intervals measured; the median wins */
#define TSC_CAL_SPIN 2000000u /* port reads before giving up */
#define PIT_INPUT_HZ 1193182u /* the PIT's input clock */
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_CH2_MODE0 0xB0	/* channel 2, lobyte/hibyte, mode 0 */
#define PORT_B 0x61		/* system control port B */
#define PORT_B_GATE2 0x01	/* PIT channel 2 gate */
#define PORT_B_SPEAKER 0x02	/* speaker data enable */
#define PORT_B_OUT2 0x20	/* PIT channel 2 output */
#define PM_TMR_HZ 3579545u	/* the ACPI PM timer's rate */
#define PM_TMR_MASK 0x00FFFFFFu /* 24 bits are always valid */

static uint32_t tsc_khz;
static uint64_t tsc_base;
static bool invariant;
static const char *source = "none";

/* tsc_read - see tsc.h. */
uint64_t tsc_read(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* CPUID.80000007H:EDX[8], the invariant TSC (SDM vol. 3, 17.17.1). */
static bool cpu_tsc_invariant(void)
{
	uint32_t a = 0x80000000u, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	if (a < 0x80000007u)
		return false;
	a = 0x80000007u;
	c = 0;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d & (1u << 8);
}

/* TSC cycles over TSC_CAL_MS of PIT channel 2, or 0 with no PIT: OUT2
 * must read low after the mode is set and rise within the bound. */
static uint64_t cal_pit(void)
{
	uint32_t count = PIT_INPUT_HZ / 1000 * TSC_CAL_MS;
	uint8_t b = inb(PORT_B);
	uint64_t t0, t1;
	uint32_t i;

	outb(PORT_B, (b & ~PORT_B_SPEAKER) | PORT_B_GATE2);
	outb(PIT_CMD, PIT_CH2_MODE0);
	outb(PIT_CH2, count & 0xFF);
	outb(PIT_CH2, count >> 8);
	t0 = tsc_read();
	if (inb(PORT_B) & PORT_B_OUT2)
		goto none; /* no PIT: a floating port reads 0xFF */
	for (i = 0; i < TSC_CAL_SPIN; i++)
		if (inb(PORT_B) & PORT_B_OUT2)
			break;
	t1 = tsc_read();
	if (i == TSC_CAL_SPIN || i == 0)
		goto none;
	outb(PORT_B, b);
	return t1 - t0;
none:
	outb(PORT_B, b);
	return 0;
}

/* TSC cycles over TSC_CAL_MS of the ACPI PM timer at port, or 0 when it
 * does not count. */
static uint64_t cal_pm(uint16_t port)
{
	uint32_t want = PM_TMR_HZ / 1000 * TSC_CAL_MS;
	uint32_t start, now = 0;
	uint64_t t0, t1;
	uint32_t i;

	if (!port)
		return 0;
	start = inl(port) & PM_TMR_MASK;
	t0 = tsc_read();
	for (i = 0; i < TSC_CAL_SPIN; i++) {
		now = inl(port) & PM_TMR_MASK;
		if (((now - start) & PM_TMR_MASK) >= want)
			break;
	}
	t1 = tsc_read();
	if (i == TSC_CAL_SPIN)
		return 0;
	/* scale to exactly TSC_CAL_MS of the ticks that passed */
	return (t1 - t0) * want / ((now - start) & PM_TMR_MASK);
}

/*
 * The median of TSC_CAL_RUNS measurements with reference ref (0: pit),
 * or 0 when one fails. A run that is preempted (a host scheduling a
 * virtual CPU out, an SMI) between the reference's edge and the TSC read
 * comes out long, one preempted before the first read short: the median
 * drops both.
 */
static uint64_t cal_median(uint16_t pm_port)
{
	uint64_t v[TSC_CAL_RUNS], t;
	unsigned i, j;

	for (i = 0; i < TSC_CAL_RUNS; i++) {
		v[i] = pm_port ? cal_pm(pm_port) : cal_pit();
		if (!v[i])
			return 0;
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	return v[TSC_CAL_RUNS / 2];
}

/* tsc_calibrate - see tsc.h. */
int tsc_calibrate(uint16_t pm_tmr_port)
{
	uint64_t cycles = 0;

	if (!(cpu_features_edx() & CPU_TSC))
		return -ENODEV;
	invariant = cpu_tsc_invariant();
	cycles = cal_median(0);
	source = "PIT channel 2";
	if (!cycles && pm_tmr_port) {
		cycles = cal_median(pm_tmr_port);
		source = "ACPI PM timer";
	}
	if (cycles < TSC_CAL_MS * 1000u) { /* under 1 MHz: not believable */
		source = "none";
		return -ENODEV;
	}
	tsc_khz = (uint32_t)(cycles / TSC_CAL_MS);
	tsc_base = tsc_read();
	pr_info("tsc: %u.%03u MHz against the %s, %s\n", tsc_khz / 1000,
		tsc_khz % 1000, source,
		invariant ? "invariant" : "not invariant (used anyway)");
	return 0;
}

/* tsc_khz_get - see tsc.h. */
uint32_t tsc_khz_get(void)
{
	return tsc_khz;
}

/* tsc_is_invariant - see tsc.h. */
bool tsc_is_invariant(void)
{
	return invariant;
}

/* tsc_ns - see tsc.h. Split at whole milliseconds so that no product
 * overflows 64 bits (the remainder is below tsc_khz). */
uint64_t tsc_ns(void)
{
	uint64_t d = tsc_read() - tsc_base;

	return d / tsc_khz * 1000000u + d % tsc_khz * 1000000u / tsc_khz;
}
