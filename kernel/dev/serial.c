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
#include "../arch/x86/trap.h"

#define COM1 0x3F8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20	 /* transmit holding register empty */
#define LSR_DR 0x01	 /* data ready */
#define IER_RDA 0x01	 /* interrupt on received data */
#define SERIAL_RX_MAX 64 /* bytes taken per interrupt, at most */

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
	outb(COM1 + UART_LCR, 0x80);  /* DLAB on */
	outb(COM1 + UART_DATA, 0x01); /* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03); /* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xC7); /* FIFOs on and cleared, 14 bytes */
	outb(COM1 + UART_MCR, 0x0B); /* DTR, RTS, OUT2 */
	console_register(&serial_sink);
}

/* Move every received byte to the console input queue. Bytes are pushed
 * raw: a terminal's Enter arrives as '\r', for the tty layer to map. */
static void serial_rx(void)
{
	for (int i = 0; i < SERIAL_RX_MAX; i++) {
		if (!(inb(COM1 + UART_LSR) & LSR_DR))
			break;
		console_input_push((char)inb(COM1 + UART_DATA));
	}
}

static void serial_irq(struct trapframe *tf)
{
	serial_rx();
}

/*
 * serial_irq_init - take COM1's receive interrupt (IRQ 4): every byte the
 * other end sends goes to the console input queue. Bytes that arrived
 * before this call are taken at once. Call with the PIC set up.
 */
void serial_irq_init(void)
{
	irq_register(IRQ_COM1, serial_irq);
	outb(COM1 + UART_IER, IER_RDA);
	serial_rx();
}
