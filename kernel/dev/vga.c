/*
 * kernel/dev/vga.c - the VGA text-mode console.
 *
 * Owns the text buffer at physical 0xB8000 (reached through the direct
 * map), the CRT controller's cursor registers, and the shadow grid the
 * terminal emulator (vt.c, shared with the framebuffer console) writes:
 * the VGA console only copies changed rows of that grid into the buffer
 * (vga_text_flush), translating code points to code page 437.
 * Registered as a console sink only when console_pick says the display
 * is in text mode; nothing here touches 0xB8000 before vga_init.
 * Locking: console_write calls the sink with interrupts off (one CPU).
 * Invariant between calls: the buffer shows the grid, or pending is set
 * and the next tick (vga_flush) or write brings it there.
 * vga_text_flush and vga_cp437 are pure and host-tested.
 * Reference: OSDev wiki "Text Mode Cursor"; IBM VGA technical reference,
 * CRT controller registers 0x0A (cursor start: bit 5 hides it) and
 * 0x0E/0x0F (cursor location), attribute controller register 0x10
 * (bit 3: blink; off, so SGR 100-107 give bright backgrounds).
 */
#include "kernel.h"
#include "console.h"
#include "ktest.h"
#include "arch/x86/io.h"

#define VGA_TEXT_PHYS 0xB8000u
#define CRTC_INDEX 0x3D4
#define CRTC_DATA 0x3D5
#define CRTC_CURSOR_START 0x0A
#define CRTC_CURSOR_OFF 0x20
#define CRTC_CURSOR_HI 0x0E
#define CRTC_CURSOR_LO 0x0F
#define ATTR_INDEX 0x3C0 /* index and data writes alternate */
#define ATTR_READ 0x3C1
#define ATTR_MODE 0x30 /* register 0x10, with the palette-on bit */
#define ATTR_BLINK 0x08
#define INPUT_STATUS 0x3DA /* reading resets the index/data flip-flop */

/* Code page 437 for the code points outside ASCII a console shows most
 * (box drawing, blocks), sorted by code point. */
static const struct {
	uint16_t cp;
	uint8_t ch;
} cp437[] = {
	{0x00b0, 0xf8}, {0x00b7, 0xfa}, {0x2500, 0xc4}, {0x2502, 0xb3},
	{0x250c, 0xda}, {0x2510, 0xbf}, {0x2514, 0xc0}, {0x2518, 0xd9},
	{0x251c, 0xc3}, {0x2524, 0xb4}, {0x252c, 0xc2}, {0x2534, 0xc1},
	{0x253c, 0xc5}, {0x2588, 0xdb}, {0x2591, 0xb0}, {0x2592, 0xb1},
	{0x2593, 0xb2},
};

/* vga_cp437 - the code page 437 byte showing code point cp; '?' when
 * it has none. */
uint8_t vga_cp437(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return (uint8_t)cp;
	for (size_t i = 0; i < ARRAY_SIZE(cp437); i++)
		if (cp437[i].cp == cp)
			return cp437[i].ch;
	return '?';
}

static uint16_t vga_cell(struct vt_cell c)
{
	return (uint16_t)(c.attr << 8 | vga_cp437(c.ch));
}

/*
 * vga_text_flush - bring the buffer v->mem up to the grid of v->vt: move
 * it up once for the whole-screen scrolls the vt counted, then copy the
 * dirty rows. Clears the dirty flags and the scroll count.
 */
void vga_text_flush(struct vga_text *v)
{
	struct vt *vt = &v->vt;
	unsigned cols = vt->cols, s = vt->scrolled;

	if (s && s < vt->rows)
		for (unsigned i = 0; i < cols * (vt->rows - s); i++)
			v->mem[i] = v->mem[i + s * cols];
	else if (s)
		memset(vt->dirty, 1, vt->rows);
	vt->scrolled = 0;
	for (unsigned r = 0; r < vt->rows; r++) {
		if (!vt->dirty[r])
			continue;
		for (unsigned x = 0; x < cols; x++)
			v->mem[r * cols + x] = vga_cell(*vt_at(vt, x, r));
		vt->dirty[r] = 0;
	}
}

#ifndef HOST_TEST
static struct vga_text screen;
static struct vt_cell grid[VGA_COLS_MAX * VGA_ROWS_MAX];
static uint8_t dirty[VGA_ROWS_MAX];
static bool pending;	    /* the grid changed since the last flush */
static uint64_t last_flush; /* tick of the last flush from a write */

static void update_cursor(void)
{
	unsigned pos = screen.vt.pen.y * screen.vt.cols + screen.vt.pen.x;
	uint8_t start;

	outb(CRTC_INDEX, CRTC_CURSOR_START);
	start = inb(CRTC_DATA) & ~CRTC_CURSOR_OFF;
	outb(CRTC_DATA, screen.vt.cursor_on ? start : start | CRTC_CURSOR_OFF);
	outb(CRTC_INDEX, CRTC_CURSOR_HI);
	outb(CRTC_DATA, (uint8_t)(pos >> 8));
	outb(CRTC_INDEX, CRTC_CURSOR_LO);
	outb(CRTC_DATA, (uint8_t)pos);
}

/* Attribute bit 7 selects bright backgrounds, not blinking. */
static void blink_off(void)
{
	uint8_t mode;

	(void)inb(INPUT_STATUS);
	outb(ATTR_INDEX, ATTR_MODE);
	mode = inb(ATTR_READ);
	outb(ATTR_INDEX, mode & ~ATTR_BLINK);
	(void)inb(INPUT_STATUS);
	outb(ATTR_INDEX, 0x20); /* palette back on: the screen shows */
}

static void flush_locked(void)
{
	assert_irqs_off();
	vga_text_flush(&screen);
	update_cursor();
	pending = false;
}

/* Throttled like the framebuffer console: the buffer is device memory,
 * slow to touch (console_defer). */
static void vga_write(const char *s, size_t n)
{
	vt_write(&screen.vt, s, n, true);
	pending = true;
	if (!console_defer(&last_flush))
		flush_locked();
}

/* vga_flush - draw what a throttled write left (tick hook, halt). */
void vga_flush(void)
{
	uint32_t f = irq_save();

	if (pending && screen.mem)
		flush_locked();
	irq_restore(f);
}

static void respond(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_input_push(s[i]);
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
	screen.mem =
		(volatile uint16_t *)(uintptr_t)(KERNEL_VBASE + VGA_TEXT_PHYS);
	screen.vt.respond = respond;
	vt_init(&screen.vt, grid, dirty, MIN(cols, VGA_COLS_MAX),
		MIN(rows, VGA_ROWS_MAX));
	blink_off();
	vga_text_flush(&screen);
	update_cursor();
	console_register(&vga_sink);
}

/* vga_size - the text size in characters (0 x 0 before vga_init). */
void vga_size(unsigned *cols, unsigned *rows)
{
	*cols = screen.mem ? screen.vt.cols : 0;
	*rows = screen.mem ? screen.vt.rows : 0;
}

/* Does row r of the screen start with the n bytes of s? */
static bool row_starts_with(unsigned r, const char *s, size_t n)
{
	for (size_t i = 0; i < n && i < screen.vt.cols; i++)
		if ((char)(screen.mem[r * screen.vt.cols + i] & 0xff) != s[i])
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

	if (!screen.mem) {
		printk("vga: no VGA text console\n");
		return 2;
	}
	printk("%s\n", line);
	vga_flush();
	for (unsigned r = 0; r < screen.vt.rows; r++)
		if (row_starts_with(r, line, sizeof(line) - 1))
			return 0;
	return 1;
}
KTEST(vga, vga_test);
#endif
