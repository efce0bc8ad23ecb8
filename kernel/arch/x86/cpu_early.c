/*
 * kernel/arch/x86/cpu_early.c - refuse a CPU older than the i686, clearly.
 *
 * The kernel is built with -march=i686, and gcc uses CMOV throughout, so
 * on a Pentium or a 486 the first C function to run would take an
 * invalid-opcode fault before there is an IDT, and the machine would
 * reset in a silent loop. cpu_check_early runs before that: boot.S calls
 * it first, with paging off, before CR4 is touched.
 *
 * Owns nothing; no state, no locking (one CPU, interrupts off).
 * Invariants, checked by tools/check-early-obj on every build:
 *   - compiled with -march=i386: no instruction newer than the 386
 *     (no cmov, fcmov, fcomi, rdtsc, cmpxchg, bswap, sysenter, fxsave);
 *   - code and constants live in .boot.text and .boot.rodata, which
 *     linker.ld places at equal virtual and physical addresses, so the
 *     code runs before paging; no other section, no undefined symbol.
 *
 * The criterion (Intel SDM vol. 2A, CPUID, leaf 01H EDX; vol. 1, 20.1.2
 * for the EFLAGS.ID test): CPUID must exist and report FPU, PSE (boot.S
 * maps with 4 MiB pages), TSC (kernel/lib/random.c) and CMOV (gcc's
 * i686 code). The CMOV bit, not "family >= 6": some family-6 parts (VIA
 * C3) lack CMOV, and a Pentium with CMOV (QEMU pentium,+cmov) runs the
 * kernel fine.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootinfo.h"
#include "arch/x86/cpu.h"

#define EARLY __attribute__((section(".boot.text")))
#define EARLY_RO __attribute__((section(".boot.rodata")))
#define ALWAYS_INLINE static inline __attribute__((always_inline))

#define EFLAGS_ID_BIT (1u << 21)
#define NEED_EDX (CPU_FPU | CPU_PSE | CPU_TSC | CPU_CMOV)

#define VGA_TEXT ((volatile uint16_t *)0xB8000) /* physical: paging off */
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x4F00 /* white on red */

#define COM1 0x3F8
#define DEBUG_EXIT_PORT 0xf4
#define HALT_STATUS 125 /* as a panic: the boot did not get through */
#define CMDLINE_SCAN_MAX 4096
#define MB2_INFO_MAX (1u << 20)
#define SPIN_MAX 100000

ALWAYS_INLINE void early_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

ALWAYS_INLINE uint8_t early_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

ALWAYS_INLINE uint32_t rd32(uint32_t phys)
{
	return *(const volatile uint32_t *)phys;
}

/* What the loader's information says about the display and the command
 * line (Multiboot 0.6.96 3.3; Multiboot2 3.6.3, 3.6.12, 3.6.19-20). */
struct early_boot {
	bool vga_text;	  /* 0xB8000 is a text screen */
	uint32_t cmdline; /* physical address of the string, or 0 */
};

static EARLY void mb1_scan(struct early_boot *eb, uint32_t info)
{
	uint32_t flags = rd32(info);

	eb->vga_text = !(flags & (1u << 12)) ||
		       *(const volatile uint8_t *)(info + 109) == 2;
	if (flags & (1u << 2))
		eb->cmdline = rd32(info + 16);
}

static EARLY void mb2_scan(struct early_boot *eb, uint32_t info)
{
	uint32_t total = rd32(info), off = 8;
	bool text = false, efi = false;

	if (total < 16 || total > MB2_INFO_MAX)
		return;
	while (off + 8 <= total) {
		uint32_t type = rd32(info + off), size = rd32(info + off + 4);

		if (type == 0 || size < 8 || size > total - off)
			break;
		if (type == 1 && size > 8)
			eb->cmdline = info + off + 8;
		if (type == 8 && size >= 31)
			text = *(const volatile uint8_t *)(info + off + 29) ==
				       2 &&
			       rd32(info + off + 8) == 0xB8000;
		if (type == 11 || type == 12 || type == 18)
			efi = true;
		off += (size + 7) & ~7u;
	}
	eb->vga_text = text && !efi;
}

/* Is the word w (NUL-terminated) on the command line at phys? */
static EARLY bool cmdline_has(uint32_t phys, const char *w)
{
	const volatile char *s = (const volatile char *)phys;

	for (uint32_t i = 0; phys && i < CMDLINE_SCAN_MAX && s[i]; i++) {
		uint32_t k = 0;

		if (i > 0 && s[i - 1] != ' ')
			continue;
		while (w[k] && s[i + k] == w[k])
			k++;
		if (!w[k] && (s[i + k] == '\0' || s[i + k] == ' '))
			return true;
	}
	return false;
}

static EARLY bool has_cpuid(void)
{
	uint32_t a, b;

	__asm__ volatile("pushfl\n\tpushfl\n\tpopl %0\n\tmovl %0, %1\n\t"
			 "xorl %2, %0\n\tpushl %0\n\tpopfl\n\tpushfl\n\t"
			 "popl %0\n\tpopfl"
			 : "=&r"(a), "=&r"(b)
			 : "i"(EFLAGS_ID_BIT)
			 : "cc");
	return (a ^ b) & EFLAGS_ID_BIT;
}

ALWAYS_INLINE void early_cpuid(uint32_t leaf, uint32_t *a, uint32_t *d)
{
	uint32_t b, c;

	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(b), "=c"(c), "=d"(*d)
			 : "a"(leaf), "c"(0));
}

/* The reason this CPU cannot run the kernel, or NULL when it can. */
static EARLY const char *cpu_refusal(void)
{
	static const char no_cpuid[] EARLY_RO =
		"This CPU has no CPUID instruction (a 486 or older).";
	static const char no_cmov[] EARLY_RO =
		"This CPU has no CMOV instruction (a Pentium or older).";
	static const char no_other[] EARLY_RO =
		"This CPU lacks the FPU, 4 MiB pages (PSE) or the TSC.";
	uint32_t max, edx;

	if (!has_cpuid())
		return no_cpuid;
	early_cpuid(0, &max, &edx);
	edx = 0;
	if (max >= 1)
		early_cpuid(1, &max, &edx);
	if (!(edx & CPU_CMOV))
		return no_cmov;
	if ((edx & NEED_EDX) != NEED_EDX)
		return no_other;
	return NULL;
}

/* Clear the VGA text screen and write lines (a NULL-ended array) on it. */
static EARLY void vga_lines(const char *const *lines)
{
	for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
		VGA_TEXT[i] = VGA_ATTR | ' ';
	for (int row = 0; lines[row] && row < VGA_ROWS; row++)
		for (int col = 0; lines[row][col] && col < VGA_COLS; col++)
			VGA_TEXT[row * VGA_COLS + col] =
				VGA_ATTR | (uint8_t)lines[row][col];
}

/* COM1 only if its scratch register and loopback answer (PC16550D data
 * sheet; as kernel/dev/serial.c), at 115200 8N1. */
static EARLY bool com1_setup(void)
{
	early_outb(COM1 + 7, 0x5A);
	if (early_inb(COM1 + 7) != 0x5A)
		return false;
	early_outb(COM1 + 1, 0x00);
	early_outb(COM1 + 3, 0x80);
	early_outb(COM1 + 0, 0x01);
	early_outb(COM1 + 1, 0x00);
	early_outb(COM1 + 3, 0x03);
	early_outb(COM1 + 4, 0x1A); /* loopback, OUT2, RTS */
	if ((early_inb(COM1 + 6) & 0xF0) != 0x90)
		return false;
	early_outb(COM1 + 4, 0x0B);
	return true;
}

static EARLY void com1_puts(const char *s)
{
	for (; *s; s++) {
		for (int spin = 0; spin < SPIN_MAX; spin++)
			if (early_inb(COM1 + 5) & 0x20)
				break;
		early_outb(COM1, (uint8_t)*s);
	}
}

static EARLY __attribute__((noreturn)) void refuse(const char *why,
						   const struct early_boot *eb)
{
	static const char l0[] EARLY_RO =
		"Sleight cannot run on this CPU: it needs an i686 "
		"(Pentium Pro or later).";
	static const char l2[] EARLY_RO = "The machine is stopped.";
	static const char crlf[] EARLY_RO = "\r\n";
	static const char exit_word[] EARLY_RO = "exit_on_halt";
	const char *lines[] = {l0, why, l2, NULL};

	if (eb->vga_text)
		vga_lines(lines);
	if (com1_setup()) {
		com1_puts(crlf);
		com1_puts(l0);
		com1_puts(crlf);
		com1_puts(why);
		com1_puts(crlf);
		com1_puts(l2);
		com1_puts(crlf);
	}
	if (cmdline_has(eb->cmdline, exit_word))
		early_outb(DEBUG_EXIT_PORT, HALT_STATUS);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void cpu_check_early(uint32_t magic, uint32_t info);

/*
 * cpu_check_early - return if this CPU can run the kernel; otherwise
 * print why on the VGA text screen (when the loader left one) and on
 * COM1 (when a UART answers), tell QEMU's isa-debug-exit when the command
 * line has exit_on_halt, and stop for good (no reset loop).
 * magic, info: EAX and EBX as the loader left them (info is physical).
 * Called from boot.S with paging off and a physical stack.
 */
EARLY void cpu_check_early(uint32_t magic, uint32_t info)
{
	struct early_boot eb = {false, 0}; /* cmdline 0: none */
	const char *why = cpu_refusal();

	if (!why)
		return;
	if (magic == MB1_BOOT_MAGIC)
		mb1_scan(&eb, info);
	else if (magic == MB2_BOOT_MAGIC)
		mb2_scan(&eb, info);
	refuse(why, &eb);
}
