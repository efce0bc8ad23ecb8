/*
 * kernel/dev/vga.c - the VGA text-mode console.
 *
 * Owns the text buffer at physical 0xB8000 (reached through the direct
 * map) and the CRT controller's cursor registers. Registered as a console
 * sink only when console_pick says the display is in text mode; nothing
 * here touches 0xB8000 before vga_init.
 * Locking: console_write calls the sink with interrupts off (one CPU).
 * Invariant between calls: x < cols and y < rows.
 * The cell logic (vga_text_*) is pure and host-tested.
 * Reference: OSDev wiki "Text Mode Cursor"; IBM VGA technical reference,
 * CRT controller registers 0x0E/0x0F (cursor location).
 */
#include "kernel.h"
#include "console.h"
#include "ktest.h"
#include "arch/x86/io.h"

#define VGA_TEXT_PHYS 0xB8000u
#define VGA_ATTR 0x07 /* light grey on black */
#define VGA_TAB 8     /* columns per tab stop */
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5
#define CRTC_CURSOR_HI 0x0E
#define CRTC_CURSOR_LO 0x0F

static uint16_t blank(const struct vga_text *v)
{
	return (uint16_t)(v->attr << 8 | ' ');
}

/* vga_text_clear - blank every cell and home the cursor. */
void vga_text_clear(struct vga_text *v)
{
	for (unsigned i = 0; i < v->cols * v->rows; i++)
		v->cells[i] = blank(v);
	v->x = v->y = 0;
}

/* Move every row up by one and blank the last; the cursor row follows. */
static void scroll(struct vga_text *v)
{
	unsigned n = v->cols * (v->rows - 1);

	for (unsigned i = 0; i < n; i++)
		v->cells[i] = v->cells[i + v->cols];
	for (unsigned i = n; i < n + v->cols; i++)
		v->cells[i] = blank(v);
	v->y = v->rows - 1;
}

static void newline(struct vga_text *v)
{
	v->x = 0;
	if (++v->y == v->rows)
		scroll(v);
}

/*
 * vga_text_putc - put one byte at the cursor. '\n' starts a new line
 * (column 0, as the serial sink's CR LF does), '\r' returns to column 0,
 * '\t' advances to the next multiple of 8 columns, '\b' moves one column
 * left without erasing and stops at column 0. Other bytes are drawn as
 * they are (code page 437). Writing past the last column wraps; moving
 * past the last row scrolls.
 */
void vga_text_putc(struct vga_text *v, char c)
{
	switch (c) {
	case '\n':
		newline(v);
		return;
	case '\r':
		v->x = 0;
		return;
	case '\b':
		if (v->x > 0)
			v->x--;
		return;
	case '\t':
		v->x = (v->x / VGA_TAB + 1) * VGA_TAB;
		if (v->x >= v->cols)
			newline(v);
		return;
	}
	v->cells[v->y * v->cols + v->x] = (uint16_t)(v->attr << 8 | (uint8_t)c);
	if (++v->x == v->cols)
		newline(v);
}

#ifndef HOST_TEST
static struct vga_text screen;

static void update_cursor(void)
{
	unsigned pos = screen.y * screen.cols + screen.x;

	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, (uint8_t)(pos >> 8));
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, (uint8_t)pos);
}

static void vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vga_text_putc(&screen, s[i]);
	update_cursor();
}

static struct console_sink vga_sink = {
	.name = "vga",
	.write = vga_write,
};

/*
 * vga_init - clear the cols x rows text screen and register it as a
 * console sink. Only call it when console_pick chose VGA: the display
 * must be in text mode with its buffer at 0xB8000.
 */
void vga_init(unsigned cols, unsigned rows)
{
	screen.cells =
		(volatile uint16_t *)(uintptr_t)(KERNEL_VBASE + VGA_TEXT_PHYS);
	screen.cols = cols;
	screen.rows = rows;
	screen.attr = VGA_ATTR;
	vga_text_clear(&screen);
	update_cursor();
	console_register(&vga_sink);
}

/* Does row r of the screen start with the n bytes of s? */
static bool row_starts_with(unsigned r, const char *s, size_t n)
{
	for (size_t i = 0; i < n && i < screen.cols; i++)
		if ((char)(screen.cells[r * screen.cols + i] & 0xff) != s[i])
			return false;
	return true;
}

/*
 * Self-test "vga": a printk line must land in the text buffer at 0xB8000.
 * Status 2 when VGA text is not in use (UEFI, console=serial): the
 * kernel must then not have touched 0xB8000 at all.
 * Bug: the VGA sink registered but wrote nowhere (wrong address, cursor
 * past the screen), or VGA was used where no text mode exists.
 */
static int vga_test(void)
{
	static const char line[] = "vga: this line is on the screen";

	if (!screen.cells) {
		printk("vga: no VGA text console\n");
		return 2;
	}
	printk("%s\n", line);
	for (unsigned r = 0; r < screen.rows; r++)
		if (row_starts_with(r, line, sizeof(line) - 1))
			return 0;
	return 1;
}
KTEST(vga, vga_test);
#endif
