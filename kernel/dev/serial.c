/*
 * kernel/dev/serial.c - the COM1 16550 UART at 115200 8N1.
 *
 * Owns the UART at port 0x3F8 and the uart_present flag. serial_init
 * probes for the chip first; with no UART there (the ports read 0xFF),
 * COM1 is neither a console sink nor an input source, and every function
 * here is a no-op. Output polls the line status register, so it works
 * before interrupts are set up and inside panic. Callers serialise output
 * by disabling interrupts (console_write does); receive runs in the IRQ 4
 * handler, interrupts off.
 * Invariant: uart_present is written once, by serial_init, before any
 * other function here runs.
 * Reference: National Semiconductor PC16550D data sheet (register map,
 * 8.6 "Scratchpad Register", 8.6.5 MCR bit 4 "Loop"); the probe order
 * follows Linux's 8250 autoconfig (scratch, then loopback modem status).
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
#define UART_MSR 6
#define UART_SCR 7
#define LSR_THRE 0x20	   /* transmit holding register empty */
#define LSR_DR 0x01	   /* data ready */
#define IER_RDA 0x01	   /* interrupt on received data */
#define MCR_NORMAL 0x0B	   /* DTR, RTS, OUT2 */
#define MCR_LOOP_TEST 0x1A /* loopback, with OUT2 and RTS set */
#define MSR_LOOP_WANT 0x90 /* DCD (from OUT2) and CTS (from RTS) */
#define LOOP_BYTE 0xA5	   /* sent to ourselves in loopback */
#define SERIAL_RX_MAX 64   /* bytes taken per interrupt, at most */
#define SERIAL_SPIN 100000 /* status polls before giving up */

static bool uart_present;

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

/* serial_putc - send one byte, waiting (bounded) for the transmitter. */
void serial_putc(char c)
{
	if (!uart_present)
		return;
	for (int spin = 0; spin < SERIAL_SPIN; spin++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

/* serial_present - did serial_init find a UART at COM1? */
bool serial_present(void)
{
	return uart_present;
}

/* The scratch register holds what was written (PC16550D 8.6); with no
 * chip the port floats and reads 0xFF. */
static bool scratch_ok(void)
{
	static const uint8_t pat[] = {0x55, 0xAA};

	for (size_t i = 0; i < ARRAY_SIZE(pat); i++) {
		outb(COM1 + UART_SCR, pat[i]);
		if (inb(COM1 + UART_SCR) != pat[i])
			return false;
	}
	return true;
}

/* In loopback the modem outputs come back as inputs (OUT2 -> DCD, RTS ->
 * CTS) and a sent byte is received; Linux's 8250 autoconfig checks the
 * first, we check both. Call with the line programmed. */
static bool loopback_ok(void)
{
	bool ok = false;

	outb(COM1 + UART_MCR, MCR_LOOP_TEST);
	if ((inb(COM1 + UART_MSR) & 0xF0) != MSR_LOOP_WANT)
		goto out;
	for (int i = 0; i < SERIAL_RX_MAX && (inb(COM1 + UART_LSR) & LSR_DR);
	     i++)
		(void)inb(COM1 + UART_DATA);
	outb(COM1 + UART_DATA, LOOP_BYTE);
	for (int spin = 0; spin < SERIAL_SPIN; spin++) {
		if (inb(COM1 + UART_LSR) & LSR_DR) {
			ok = inb(COM1 + UART_DATA) == LOOP_BYTE;
			break;
		}
	}
out:
	outb(COM1 + UART_MCR, MCR_NORMAL);
	return ok;
}

/* Program 115200 8N1 with FIFOs on and cleared. */
static void line_setup(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);  /* DLAB on */
	outb(COM1 + UART_DATA, 0x01); /* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03); /* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xC7); /* FIFOs on and cleared, 14 bytes */
}

/*
 * serial_init - probe COM1 (scratch register, then loopback; PC16550D
 * data sheet, Linux 8250 autoconfig), and if a UART answers program it
 * for 115200 8N1 and register it as a console sink. With none, nothing
 * is registered and serial_present() is false; the caller reports it
 * once the screen console is up. Receive interrupts: serial_irq_init.
 */
void serial_init(void)
{
	if (!scratch_ok())
		return;
	line_setup();
	if (!loopback_ok())
		return;
	outb(COM1 + UART_FCR, 0xC7); /* drop the loopback byte, if any */
	uart_present = true;
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

/* IRQ 4: take the bytes and hand them on at once, so a reader wakes
 * from this interrupt, not from a later timer tick. */
static void serial_irq(struct trapframe *tf)
{
	serial_rx();
	console_input_kick();
}

/*
 * serial_irq_init - take COM1's receive interrupt (IRQ 4): every byte the
 * other end sends goes to the console input queue. Bytes that arrived
 * before this call are taken at once. Call with the PIC set up. Does
 * nothing when serial_init found no UART: a missing chip reads as an
 * endless stream of 0xFF bytes, which must not become input.
 */
void serial_irq_init(void)
{
	if (!uart_present)
		return;
	irq_register(IRQ_COM1, serial_irq);
	outb(COM1 + UART_IER, IER_RDA);
	serial_rx();
}
