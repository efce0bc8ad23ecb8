/*
 * kernel/dev/serial.c - the COM1 16550 UART at 115200 8N1.
 *
 * Owns the UART at port 0x3F8. Output polls the line status register, so
 * it works before interrupts are set up and inside panic. Callers serialise
 * output by disabling interrupts (console_write does).
 * Reference: National Semiconductor PC16550D data sheet, register map.
 */
#include "kernel.h"
#include "console.h"
#include "../arch/x86/io.h"

#define COM1		0x3F8
#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_THRE	0x20	/* transmit holding register empty */
#define LSR_DR		0x01	/* data ready */

static void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

struct console_sink serial_sink = {
	.name = "serial",
	.write = serial_write,
};

void serial_putc(char c)
{
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

/* serial_init - program COM1 for 115200 8N1 with FIFOs, and register it
 * as a console sink. Receive interrupts are enabled by serial_irq_init. */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB on */
	outb(COM1 + UART_DATA, 0x01);	/* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03);	/* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xC7);	/* FIFO on, cleared, 14-byte level */
	outb(COM1 + UART_MCR, 0x0B);	/* DTR, RTS, OUT2 */
	console_register(&serial_sink);
}
