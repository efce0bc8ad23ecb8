/*
 * kernel/main.c - kmain, the order in which Sleight comes up.
 *
 * Owns the boot_info and the parsed command line, both read-only after
 * kmain's first steps. Runs once, on the boot CPU, on the boot stack.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "halt.h"
#include "ktest.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "signal.h"
#include "rootfs.h"
#include "timer.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"
#include "mm.h"

#define SLEIGHT_VERSION "0.1"

struct boot_info boot_info;
struct kcmdline kcmdline;

/* Boot-time reader: physical memory is reachable through the direct map. */
static const void *direct_map_reader(uint64_t phys, uint32_t len)
{
	if (phys + len > KERNEL_DIRECT_MAP_SIZE || phys + len < phys)
		return NULL;
	return (const void *)(uintptr_t)(phys + KERNEL_VBASE);
}

static void log_unknown_word(const char *w, size_t n)
{
	printk("cmdline: ignoring unknown word '%.*s'\n", (int)n, w);
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
	printk("Sleight %s (i686) booted by %s via Multiboot%d%s\n",
	       SLEIGHT_VERSION, boot_info.loader[0] ? boot_info.loader : "?",
	       boot_info.protocol, boot_info.efi ? " (UEFI)" : "");
	printk("cmdline: %s\n", boot_info.cmdline);
}

/*
 * The root file system, the system calls and pid 1; then this boot
 * context becomes the idle process. Does not return.
 */
static void __noreturn start_user_space(void)
{
	static const char *argv[] = { NULL, NULL };
	const char *init = kcmdline.init[0] ? kcmdline.init : "/sbin/init";
	struct inode *root = rootfs_init(&boot_info);

	syscall_init();
	signal_init();
	time_init();
	time_hooks_init();
	sched_init();
	argv[0] = init;
	proc_start_init(root, init, argv);
	sched_idle_loop();
}

void kmain(uint32_t magic, uint32_t info)
{
	serial_init();
	read_boot_info(magic, info);
	banner();
	cmdline_parse(&kcmdline, boot_info.cmdline, log_unknown_word);
	halt_set_exit_on_halt(kcmdline.exit_on_halt);
	printk_quiet = kcmdline.quiet;

	/* arch: descriptor tables and interrupt controller */
	gdt_init();
	idt_init();
	pic_init();
	/* mm: frames, paging, kmalloc, memory summary */
	pmm_init(&boot_info);
	paging_init();
	mm_fault_init();
	pmm_print_summary(&boot_info);
	/* dev: screen console, timer, clock, keyboard, serial input */

	pit_init();	/* arch: the system tick; interrupts on from here */
	sti();

	if (kcmdline.ktest[0])
		kernel_halt(ktest_run(kcmdline.ktest));
	start_user_space();
}
