/*
 * kernel/main.c - kmain, the order in which Sleight comes up.
 *
 * Owns the boot_info and the parsed command line, both read-only after
 * kmain's first steps. Runs once, on the boot CPU, on the boot stack.
 */
#include "kernel.h"
#include "acpi.h"
#include "bootinfo.h"
#include "clock.h"
#include "cmdline.h"
#include "console.h"
#include "futex.h"
#include "halt.h"
#include "itimer.h"
#include "kstat.h"
#include "ktest.h"
#include "mm.h"
#include "oom.h"
#include "power.h"
#include "proc.h"
#include "rootfs.h"
#include "rtc.h"
#include "sched.h"
#include "signal.h"
#include "syscall.h"
#include "timer.h"
#include "tty.h"
#include "vfs.h"
#include "vm.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define SLEIGHT_VERSION "0.1"

struct boot_info boot_info;
struct kcmdline kcmdline;
static struct acpi_tables acpi_tables;

/* Boot-time reader: physical memory is reachable through the direct map. */
static const void *direct_map_reader(uint64_t phys, uint32_t len)
{
	if (phys + len > KERNEL_DIRECT_MAP_SIZE || phys + len < phys)
		return NULL;
	return (const void *)(uintptr_t)(phys + KERNEL_VBASE);
}

/* The wall clock for inode times (vfs_set_clock). */
static void inode_clock(struct ktimespec *ts)
{
	int64_t ns = clock_now_ns(CLOCK_REALTIME);

	ts->sec = ns / NSEC_PER_SEC;
	ts->nsec = (int32_t)(ns % NSEC_PER_SEC);
}

static void log_unknown_word(const char *w, size_t n)
{
	pr_warn("cmdline: ignoring unknown word '%.*s'\n", (int)n, w);
}

static void read_boot_info(uint32_t magic, uint32_t info)
{
	int err = bootinfo_parse(&boot_info, magic, info, direct_map_reader);

	if (err)
		panic("cannot read boot information (magic %#x): error %d",
		      magic, err);
}

static void banner(void)
{
	pr_info("Sleight %s (i686) booted by %s via Multiboot%d%s\n",
		SLEIGHT_VERSION, boot_info.loader[0] ? boot_info.loader : "?",
		boot_info.protocol, boot_info.efi ? " (UEFI)" : "");
	pr_info("cmdline: %s\n", boot_info.cmdline);
	if (boot_info.mods_dropped)
		pr_warn("boot: %u boot modules ignored (more than %d, or "
			"malformed)\n",
			boot_info.mods_dropped, BOOT_MODULES_MAX);
}

static void acpi_warn(const char *what, uint64_t phys)
{
	pr_warn("acpi: bad %s at %#llx: skipped\n", what,
		(unsigned long long)phys);
}

/* Ctrl-Alt-Del under CAD_OFF, as Linux: SIGINT to init. IRQ 1, irqs off. */
static void cad_to_init(void)
{
	struct proc *init = proc_find_locked(1);

	if (init)
		signal_send_locked(init, SIGINT);
}

/* The ACPI tables, for what the firmware says about legacy devices. */
static void find_acpi(void)
{
	struct acpi_tables *t = &acpi_tables;

	power_set_cad_hook(cad_to_init);
	if (acpi_find(t, &boot_info, direct_map_reader, acpi_warn)) {
		pr_info("acpi: no usable FADT%s\n",
			t->rsdp_found ? "" : " (no RSDP found)");
		return;
	}
	pr_info("acpi: RSDP rev %u (%s), %s at %#llx, FADT rev %u%s\n",
		t->rsdp_rev,
		t->rsdp_from_loader ? "from the loader" : "scanned",
		t->xsdt ? "XSDT" : "RSDT", (unsigned long long)t->root_phys,
		t->fadt_rev,
		!t->boot_arch_valid		       ? ""
		: (t->boot_arch & ACPI_BOOT_ARCH_8042) ? ", 8042"
						       : ", no 8042");
	power_init(t, direct_map_reader, acpi_warn);
}

/*
 * The consoles depend on the command line (console=, quiet), so it is read
 * twice: silently to pick the consoles, then again, once they are all up,
 * to report unknown words where the user will see them.
 */
static void setup_consoles(void)
{
	cmdline_parse(&kcmdline, boot_info.cmdline, NULL);
	printk_quiet = kcmdline.quiet;
	halt_set_exit_on_halt(kcmdline.exit_on_halt);
	console_setup(&boot_info, &kcmdline);
	banner();
	cmdline_parse(&kcmdline, boot_info.cmdline, log_unknown_word);
}

/*
 * The root file system, the system calls and pid 1; then this boot
 * context becomes the idle process. Does not return.
 */
static void __noreturn start_user_space(void)
{
	static const char *argv[] = {NULL, NULL};
	const char *init = kcmdline.init[0] ? kcmdline.init : "/sbin/init";
	struct inode *root;

	clock_init(); /* the wall clock (RTC), also for inodes */
	vfs_set_clock(inode_clock);
	root = rootfs_init(&boot_info);
	tty_init();	  /* /dev/console and /dev/tty, for init */
	kstat_dev_init(); /* /dev/kstat: counters for leak checks */
	syscall_init();
	signal_init();
	oom_init();    /* who dies when memory runs out (proc/oom.c) */
	itimer_init(); /* SIGALRM from the tick (proc/itimer.c) */
	sched_init();
	futex_init(); /* futex timeouts from the tick (proc/futex.c) */
	argv[0] = init;
	proc_start_init(root, init, argv);
	sched_idle_loop();
}

void kmain(uint32_t magic, uint32_t info)
{
	printk_set_sink(console_write);
	printk_set_flush(console_flush);
	serial_init(); /* first, so that early panics are seen */
	read_boot_info(magic, info);
	setup_consoles();

	/* arch: descriptor tables and interrupt controller */
	gdt_init();
	idt_init();
	pic_init();
	/* mm: frames, paging, kmalloc, memory summary */
	pmm_init(&boot_info);
	paging_init();
	console_late_setup(); /* the framebuffer console can map its memory */
	mm_fault_init();
	proc_init(); /* user copies reach current's address space */
	pmm_print_summary(&boot_info);
	/* dev: screen console, timer, clock, keyboard, serial input */
	rtc_init();
	find_acpi();
	kbd_init(&acpi_tables);
	serial_irq_init();

	pit_init(); /* arch: the system tick; interrupts on from here */
	sti();

	if (kcmdline.ktest[0])
		kernel_halt(ktest_run(kcmdline.ktest));
	if (boot_info.mod_count)
		start_user_space();
	console_echo_loop(); /* no initramfs: nothing to run */
}
