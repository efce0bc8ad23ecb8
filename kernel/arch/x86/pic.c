/*
 * kernel/arch/x86/pic.c - the 8259A PIC pair.
 *
 * Owns the interrupt mask registers (cached in `mask`, bit n = IRQ n
 * masked). Callers touch it with interrupts off (irq_save) because an IRQ
 * handler may also mask or unmask.
 * Invariant: the cascade line (IRQ 2) stays unmasked once any slave IRQ
 * (8..15) is unmasked; every other IRQ starts masked.
 * Follows the Intel 8259A datasheet (ICW1-4, OCW2-3) and OSDev's "8259 PIC".
 */
#include "kernel.h"
#include "arch/x86/io.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

#define ICW1_INIT 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20 /* non-specific end of interrupt */
#define OCW3_READ_ISR 0x0B

static uint16_t mask = 0xFFFF;

static void write_mask(void)
{
	outb(PIC1_DATA, mask & 0xFF);
	outb(PIC2_DATA, mask >> 8);
}

/* pic_init - remap the master to vectors 32..39 and the slave to 40..47,
 * all IRQs masked. Interrupts off. */
void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT);
	io_wait();
	outb(PIC2_CMD, ICW1_INIT);
	io_wait();
	outb(PIC1_DATA, T_IRQ0); /* ICW2: vector base */
	io_wait();
	outb(PIC2_DATA, T_IRQ0 + 8);
	io_wait();
	outb(PIC1_DATA, 1 << IRQ_CASCADE); /* ICW3: slave on IRQ 2 */
	io_wait();
	outb(PIC2_DATA, IRQ_CASCADE); /* ICW3: slave identity */
	io_wait();
	outb(PIC1_DATA, ICW4_8086);
	io_wait();
	outb(PIC2_DATA, ICW4_8086);
	io_wait();
	mask = 0xFFFF;
	write_mask();
}

/* pic_mask - stop IRQ irq (0..15) from reaching the CPU. */
void pic_mask(unsigned irq)
{
	uint32_t f = irq_save();

	mask |= 1u << irq;
	write_mask();
	irq_restore(f);
}

/* pic_unmask - let IRQ irq (0..15) through; a slave IRQ also opens the
 * cascade line. */
void pic_unmask(unsigned irq)
{
	uint32_t f = irq_save();

	mask &= ~(1u << irq);
	if (irq >= 8)
		mask &= ~(1u << IRQ_CASCADE);
	write_mask();
	irq_restore(f);
}

/* pic_eoi - acknowledge IRQ irq: a slave IRQ needs an EOI at both chips. */
void pic_eoi(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}

/*
 * pic_is_spurious - for IRQ 7 or 15, true when the chip raised it without
 * a real request (its in-service bit is clear). Such an IRQ gets no EOI
 * at its own chip; a spurious IRQ 15 still needs one at the master, which
 * saw a real cascade request. Other IRQs are never spurious.
 */
bool pic_is_spurious(unsigned irq)
{
	uint16_t port;

	if (irq != IRQ_SPURIOUS_M && irq != IRQ_SPURIOUS_S)
		return false;
	port = irq == IRQ_SPURIOUS_M ? PIC1_CMD : PIC2_CMD;
	outb(port, OCW3_READ_ISR);
	if (inb(port) & 0x80)
		return false;
	if (irq == IRQ_SPURIOUS_S)
		outb(PIC1_CMD, OCW2_EOI);
	return true;
}
