/*
 * console.h - the kernel console: output sinks (serial, VGA text) that
 * every printk reaches, and one input queue fed by the keyboard and serial.
 */
#ifndef SLEIGHT_CONSOLE_H
#define SLEIGHT_CONSOLE_H

#include <stddef.h>

struct console_sink {
	const char *name;
	void (*write)(const char *s, size_t n);
	struct console_sink *next;
};

void console_register(struct console_sink *sink);
void console_write(const char *s, size_t n);

/* Input side: drivers push bytes from interrupt context. */
void console_input_push(char c);
int console_input_pop(void);	/* next byte, or -1 when empty */

/* kernel/dev/serial.c */
void serial_init(void);
void serial_putc(char c);

#endif
