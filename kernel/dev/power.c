/*
 * kernel/dev/power.c - power-off, reset, and what reboot(2) and
 * Ctrl-Alt-Del do.
 *
 * Owns what power-off and reset need from the firmware (copied at boot
 * by power_init from the FADT and \_S5) and the Ctrl-Alt-Del switch
 * (reboot(2) CAD_ON/CAD_OFF). Locking: one CPU; power_init runs once at
 * boot before user space; the switch is one bool written by reboot(2)
 * and read by the IRQ 1 handler, a single aligned access. The off and
 * reset paths run with interrupts off and do not come back except when
 * power-off failed.
 * Invariants: nothing is written to a port the FADT did not name, and
 * the SLP_TYP values are used only when \_S5 was read from a good DSDT
 * (acpi_find_s5); with exit_on_halt on the command line reboot(2) keeps
 * the test harness's path (kernel_halt: the status line and QEMU's
 * isa-debug-exit) for every command.
 * Sources: ACPI 6.5, 4.8.3.2.1 (PM1 control: SLP_TYPx, SLP_EN), 4.8.4.6
 * and 5.2.9 (the FADT reset register), 7.4.2 (\_S5); reboot(2); Linux
 * kernel/reboot.c (the order of the checks, CAD, the messages) and
 * arch/x86/kernel/reboot.c (the ACPI, then keyboard controller, then
 * triple-fault order).
 */
#include "kernel.h"
#include "errno.h"
#include "halt.h"
#include "power.h"
#include "arch/x86/io.h"
#include "uapi/reboot.h"

#define KBC_STATUS 0x64
#define KBC_INPUT_FULL 0x02
#define KBC_PULSE_RESET 0xFE
#define SLP_TYP_MASK (7u << ACPI_SLP_TYP_SHIFT)
#define WAIT_US 100000 /* how long each way is given to work */

static struct {
	bool s5_ok;
	struct acpi_s5 s5;
	uint16_t pm1a_cnt, pm1b_cnt;
	bool reset_ok;
	uint16_t reset_port;
	uint8_t reset_value;
} pw;

static bool cad_on;	       /* Ctrl-Alt-Del restarts at once (CAD_ON) */
static void (*cad_hook)(void); /* else this: SIGINT to init */

/* power_set_cad_hook - what Ctrl-Alt-Del does under CAD_OFF; installed
 * at init by the layer that can signal init (kernel/main.c). */
void power_set_cad_hook(void (*fn)(void))
{
	cad_hook = fn;
}

/*
 * power_init - take from the tables acpi_find filled (t) what power-off
 * and reset need, reading \_S5 from the DSDT through reader (ACPI 7.4.2);
 * a bad DSDT or package is reported through warn and power-off is then
 * not offered. Once, at boot, before user space.
 */
void power_init(const struct acpi_tables *t, phys_reader_t reader,
		acpi_warn_t warn)
{
	pw.pm1a_cnt = t->pm1a_cnt;
	pw.pm1b_cnt = t->pm1b_cnt;
	pw.s5_ok = pw.pm1a_cnt && acpi_find_s5(t, reader, warn, &pw.s5) == 0;
	pw.reset_ok = t->reset_valid;
	pw.reset_port = t->reset_port;
	pw.reset_value = t->reset_value;
	if (pw.s5_ok)
		pr_info("acpi: S5 SLP_TYP %u/%u, PM1a_CNT %#x, PM1b_CNT %#x\n",
			pw.s5.typ_a, pw.s5.typ_b, pw.pm1a_cnt, pw.pm1b_cnt);
	else
		pr_info("acpi: no \\_S5: power-off will halt\n");
	if (pw.reset_ok)
		pr_info("acpi: reset register port %#x value %#x\n",
			pw.reset_port, pw.reset_value);
}

static void wait_us(unsigned us)
{
	while (us--)
		io_wait();
}

/* SLP_TYP and SLP_EN in one write, the other bits kept (4.8.3.2.1). */
static void pm1_sleep(uint16_t port, uint8_t typ)
{
	uint16_t v = inw(port) & ~(SLP_TYP_MASK | ACPI_SLP_EN);

	outw(port, v | (uint16_t)(typ << ACPI_SLP_TYP_SHIFT) | ACPI_SLP_EN);
}

/*
 * power_off - enter S5 (soft off): SLP_TYPa | SLP_EN to PM1a_CNT, then
 * SLP_TYPb | SLP_EN to PM1b_CNT when there is one (ACPI 6.5 4.8.3.2.1,
 * 7.4.2). Interrupts are turned off. Returns only on failure:
 * -ENODEV with no usable \_S5, -EIO when the machine is still running
 * after WAIT_US.
 */
int power_off(void)
{
	cli();
	if (!pw.s5_ok)
		return -ENODEV;
	printk_flush();
	pm1_sleep(pw.pm1a_cnt, pw.s5.typ_a);
	if (pw.pm1b_cnt)
		pm1_sleep(pw.pm1b_cnt, pw.s5.typ_b);
	wait_us(WAIT_US);
	return -EIO;
}

/* Load an empty IDT and trap: no handler, so a triple fault, which
 * resets the CPU (Intel SDM vol. 3, 6.15 "Double Fault Exception"). */
static void __noreturn triple_fault(void)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) empty = {0, 0};

	__asm__ volatile("lidt %0; int3" : : "m"(empty));
	for (;;)
		hlt();
}

/*
 * power_restart - reset the machine: the FADT reset register when the
 * FADT offers one in system I/O space (ACPI 6.5 4.8.4.6, 5.2.9: revision
 * 2+, RESET_REG_SUP), then the keyboard controller's reset pulse
 * (command 0xFE to port 0x64), then a triple fault, each way logged
 * first and given WAIT_US to work. Interrupts off; does not return.
 */
void power_restart(void)
{
	cli();
	if (pw.reset_ok) {
		pr_info("reboot: restarting via ACPI reset register\n");
		printk_flush();
		outb(pw.reset_port, pw.reset_value);
		wait_us(WAIT_US);
	}
	pr_info("reboot: restarting via the keyboard controller\n");
	printk_flush();
	for (int i = 0; i < 1000 && (inb(KBC_STATUS) & KBC_INPUT_FULL); i++)
		io_wait();
	outb(KBC_STATUS, KBC_PULSE_RESET);
	wait_us(WAIT_US);
	pr_info("reboot: restarting via a triple fault\n");
	printk_flush();
	triple_fault();
}

/* RESTART, from reboot(2) or Ctrl-Alt-Del with CAD_ON. */
static void __noreturn restart(void)
{
	if (halt_exit_on_halt())
		kernel_halt(0);
	pr_info("reboot: Restarting system\n");
	power_restart();
}

static void __noreturn do_power_off(void)
{
	int err;

	if (halt_exit_on_halt())
		kernel_halt(0);
	pr_info("reboot: Power down\n");
	err = power_off();
	pr_warn("reboot: ACPI power-off failed (%d): halting\n", err);
	kernel_halt(0);
}

/*
 * power_reboot - carry out reboot(2)'s cmd, the caller having checked
 * the privilege and the magic numbers (reboot(2)): HALT stops the CPU
 * (kernel_halt), POWER_OFF powers off through ACPI (halting if that
 * fails), RESTART resets; with exit_on_halt all three are kernel_halt(0),
 * for the test harness. CAD_ON / CAD_OFF set what Ctrl-Alt-Del does and
 * return 0. Any other cmd: -EINVAL.
 */
long power_reboot(uint32_t cmd)
{
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		cad_on = true;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		cad_on = false;
		return 0;
	case LINUX_REBOOT_CMD_HALT:
		if (!halt_exit_on_halt())
			pr_info("reboot: System halted\n");
		kernel_halt(0);
	case LINUX_REBOOT_CMD_POWER_OFF:
		do_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		restart();
	default:
		return -EINVAL;
	}
}

/*
 * power_ctrl_alt_del - the keyboard saw Ctrl-Alt-Del: as Linux's
 * ctrl_alt_del(), restart with CAD_ON, else run the hook, which sends
 * SIGINT to init (pid 1; it ignores it unless it has a handler). From
 * the IRQ 1 handler, interrupts off.
 */
void power_ctrl_alt_del(void)
{
	if (cad_on)
		restart();
	if (cad_hook)
		cad_hook();
}
