/*
 * io.h - x86 port I/O and the few privileged instructions C code needs
 * (Intel SDM vol. 2: IN, OUT, CLI, STI, HLT; vol. 3, 2.5 control registers).
 */
#ifndef SLEIGHT_X86_IO_H
#define SLEIGHT_X86_IO_H

#include <stdint.h>

#include "arch/x86/eflags.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* A short delay: a write to the unused POST port takes about 1 us. */
static inline void io_wait(void)
{
	outb(0x80, 0);
}

static inline void cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

static inline void sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void hlt(void)
{
	__asm__ volatile("hlt" ::: "memory");
}

static inline uint32_t read_eflags(void)
{
	uint32_t f;

	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

/*
 * assert_irqs_off - the first line of every function named *_locked. On
 * this one-CPU kernel "holding the lock" means interrupts off (EFLAGS.IF
 * clear, Intel SDM vol. 3, 2.3 and 6.8.1); a call with them on is a
 * kernel bug, and this panics naming the function it is in.
 */
#define assert_irqs_off()                                                      \
	do {                                                                   \
		if (read_eflags() & EFLAGS_IF)                                 \
			panic("%s: called with interrupts on", __func__);      \
	} while (0)

static inline uint32_t read_cr2(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint32_t read_cr3(void)
{
	uint32_t v;

	__asm__ volatile("movl %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint32_t v)
{
	__asm__ volatile("movl %0, %%cr3" : : "r"(v) : "memory");
}

static inline void invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* Save the interrupt flag and disable interrupts; pair with irq_restore. */
static inline uint32_t irq_save(void)
{
	uint32_t f = read_eflags();

	cli();
	return f;
}

static inline void irq_restore(uint32_t flags)
{
	if (flags & EFLAGS_IF)
		sti();
}

#endif
