/*
 * param.h - every kernel tunable, with its unit.
 */
#ifndef SLEIGHT_PARAM_H
#define SLEIGHT_PARAM_H

#define KERNEL_VBASE		0xC0000000u	/* start of the kernel half */
#define KERNEL_DIRECT_MAP_SIZE	0x38000000u	/* bytes of RAM mapped at
						   KERNEL_VBASE (896 MiB) */
#define KSTACK_AREA_BASE	0xF8000000u	/* guarded kernel stacks */
#define KSTACK_AREA_SIZE	0x04000000u	/* bytes (64 MiB) */
#define KSTACK_PAGES		2		/* pages per kernel stack,
						   plus one guard page */
#define PAGE_SIZE		4096u		/* bytes */
#define PAGE_SHIFT		12

#define HZ			100		/* timer ticks per second */
#define TIMER_HOOKS_MAX		4		/* hooks run on each tick */
#define CMDLINE_MAX		1024		/* bytes of kernel command line */
#define BOOT_MMAP_MAX		64		/* memory map entries kept */
#define BOOT_MODULES_MAX	8		/* boot modules kept */
#define CONSOLE_INQ_SIZE	1024		/* bytes of console input */
#define PRINTK_BUF		512		/* bytes formatted per printk */

#endif
