/*
 * console.h - the kernel console: output sinks (serial, VGA text, the
 * framebuffer console) that every printk reaches, and one input queue fed
 * by the keyboard and serial.
 */
#ifndef SLEIGHT_CONSOLE_H
#define SLEIGHT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vt.h"

#define VGA_COLS_MAX 132 /* characters of a VGA text mode */
#define VGA_ROWS_MAX 60

struct boot_info;
struct kcmdline;

struct console_sink {
	const char *name;
	void (*write)(const char *s, size_t n);
	struct console_sink *next;
};

void console_register(struct console_sink *sink);
void console_unregister(struct console_sink *sink);
void console_write(const char *s, size_t n);

/* Which sinks this boot uses (kernel/dev/console_pick.c, pure). */
struct console_plan {
	bool serial;	     /* keep the COM1 sink */
	bool vga;	     /* register the VGA text sink */
	bool fb;	     /* register the framebuffer console */
	bool screen_missing; /* a screen asked for, but none usable */
	unsigned cols, rows; /* characters, when vga */
};

struct console_plan console_pick(const struct boot_info *bi,
				 const struct kcmdline *kc);
void console_pick_no_uart(struct console_plan *p, const struct boot_info *bi);
void console_setup(const struct boot_info *bi, const struct kcmdline *kc);
void console_late_setup(void);
bool console_defer(uint64_t *last);
void console_flush(void);
void console_winsize(unsigned *rows, unsigned *cols);

/*
 * Input side: drivers push bytes from interrupt context. Bytes are raw:
 * Enter arrives as '\r' from both the keyboard and a serial terminal;
 * turning it into '\n' is the tty layer's job (ICRNL).
 */
void console_input_push(char c);
int console_input_pop(void);   /* next byte, or -1 when empty */
void console_input_kick(void); /* end of a driver's pushes (irqs off) */
void console_input_set_hook(void (*fn)(void));
int console_read_line(char *buf, size_t size, unsigned timeout_ms);
void console_echo_loop(void) __attribute__((noreturn));

/* kernel/dev/serial.c */
void serial_init(void);
void serial_irq_init(void);
void serial_putc(char c);
bool serial_present(void);
extern struct console_sink serial_sink;

/* kernel/dev/vga.c: a VGA text buffer showing a vt grid; the pure part
 * (vga_text_flush, vga_cp437) is host-tested */
struct vga_text {
	volatile uint16_t *mem; /* vt.rows * vt.cols, row-major;
				   each attr << 8 | code page 437 byte */
	struct vt vt;		/* the grid it shows */
};

void vga_text_flush(struct vga_text *v);
uint8_t vga_cp437(uint32_t cp);
void vga_init(unsigned cols, unsigned rows);
void vga_size(unsigned *cols, unsigned *rows);
void vga_flush(void);

/* kernel/dev/kbd.c */
struct acpi_tables;
void kbd_init(const struct acpi_tables *acpi);

#endif
