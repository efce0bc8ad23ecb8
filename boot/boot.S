/*
 * boot/boot.S - Multiboot headers and the kernel entry point.
 *
 * Owns: the Multiboot2 and Multiboot1 headers (both in the first 8 KiB of
 * the image), the boot page directory and the boot stack.
 *
 * Entry state (Multiboot2 spec 3.3, Multiboot 0.6.96 spec 3.2): 32-bit
 * protected mode, paging off, interrupts off, EAX = loader magic,
 * EBX = physical address of the boot information.
 * The first thing _start does is the CPU check (kernel/arch/x86/cpu_early.c),
 * so that a CPU older than the i686 gets a message, not a reset loop.
 *
 * The boot page directory maps, with 4 MiB PSE pages (Intel SDM vol. 3,
 * 4.3 "32-bit paging"):
 *   virtual 0x00000000 .. 0x003FFFFF -> physical 0 (identity, for the jump;
 *                                       paging_init removes it)
 *   virtual 0xC0000000 .. 0xF7FFFFFF -> physical 0 .. 896 MiB (direct map)
 * so every physical byte below KERNEL_DIRECT_MAP_SIZE is reachable at
 * phys + 0xC0000000 from the first C instruction on.
 */
#define KERNEL_VBASE	0xC0000000
#define V2P(x)		((x) - KERNEL_VBASE)
#define DIRECT_PDES	224		/* 224 * 4 MiB = 896 MiB */

#define MB2_MAGIC	0xE85250D6
#define MB1_MAGIC	0x1BADB002
#define MB1_FLAGS	0x00000003	/* page-align modules, memory info */

	.section .multiboot, "a"
	.align 8
mb2_header:
	.long	MB2_MAGIC
	.long	0				/* architecture: i386 */
	.long	mb2_header_end - mb2_header
	.long	-(MB2_MAGIC + (mb2_header_end - mb2_header))
	/*
	 * console flags tag: EGA text is supported. framebuffer tag
	 * (Multiboot2 spec 3.1.10), optional, no preferred mode: GRUB then
	 * honours gfxpayload under BIOS as well (text keeps VGA text mode, a
	 * WxHxD mode gives a linear framebuffer); under UEFI it reports the
	 * GOP framebuffer either way.
	 */
	.align 8
	.short	4, 0
	.long	12
	.long	2
	.align 8
	.short	5, 1				/* framebuffer, optional */
	.long	20
	.long	0, 0, 0				/* width, height, depth */
	/* end tag */
	.align 8
	.short	0, 0
	.long	8
mb2_header_end:

	.align 4
mb1_header:
	.long	MB1_MAGIC
	.long	MB1_FLAGS
	.long	-(MB1_MAGIC + MB1_FLAGS)

	.section .boot.text, "ax"
	.globl	_start
_start:
	cli
	cld
	movl	%eax, %esi			/* loader magic */
	movl	%ebx, %edi			/* boot info (physical) */

	/*
	 * Before any i686 instruction and before CR4 (a 486 has none): the
	 * CPU check, i386 code at physical addresses on the boot stack's
	 * physical address. It returns only when the CPU is good enough.
	 */
	movl	$V2P(boot_stack_top), %esp
	pushl	%edi
	pushl	%esi
	call	cpu_check_early
	addl	$8, %esp

	movl	%cr4, %eax
	orl	$0x00000010, %eax		/* CR4.PSE */
	movl	%eax, %cr4
	movl	$V2P(boot_pgdir), %eax
	movl	%eax, %cr3
	movl	%cr0, %eax
	orl	$0x80010000, %eax		/* CR0.PG | CR0.WP */
	movl	%eax, %cr0

	movl	$higher_half, %eax
	jmp	*%eax

	.text
higher_half:
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp			/* ends backtraces */
	pushl	%edi
	pushl	%esi
	call	kmain
1:	cli
	hlt
	jmp	1b

	.data
	.align 4096
	.globl	boot_pgdir
boot_pgdir:
	.long	0x00000083			/* present, writable, 4 MiB */
	.fill	767, 4, 0
	.set	i, 0
	.rept	DIRECT_PDES
	.long	(i << 22) | 0x83
	.set	i, i + 1
	.endr
	.fill	1024 - 768 - DIRECT_PDES, 4, 0

	.bss
	.align 16
	.globl	boot_stack_bottom
boot_stack_bottom:
	.skip	16384
	.globl	boot_stack_top
boot_stack_top:
