/*
 * kernel/dev/fbcon.c - the framebuffer console.
 *
 * Owns the one framebuffer console (con): its surface (the linear
 * framebuffer the loader described in its Multiboot2 framebuffer tag,
 * spec section 3.6.12), the shadow text grid the terminal emulator
 * (vt.c) writes, and the cursor as drawn. Text is drawn with a Terminus
 * PSF font converted at build time (tools/psf2c, font.h); 16x32 above
 * FBCON_BIG_FONT_WIDTH pixels.
 *
 * Life: fbcon_init, as soon as the boot information is read, sets up the
 * grid and registers the sink, so every kernel message from the first
 * one is kept; it draws at once when the framebuffer lies inside the
 * direct map or fits the early map (paging_early_map, 4 MiB pages; up
 * to about 12 MiB of framebuffer, 1920x1080x32 included). Otherwise
 * fbcon_map, once paging_init has made the vmalloc area, maps it with
 * ioremap and draws the whole grid; from then on each write updates the
 * grid and draws what changed.
 *
 * Drawing: the vt marks changed rows dirty and counts whole-screen
 * scrolls; a flush moves the pixels up once for all the scrolls (one
 * memmove), redraws the dirty rows from the grid, then the cursor (the
 * cell under it in inverse colours). Flushes are throttled by
 * console_defer: a write in a tick that already drew leaves the work to
 * the console's tick hook (fbcon_flush), so a fast writer pays about one
 * redraw per tick, not one per line.
 *
 * Locking: one CPU; console_write calls the sink with interrupts off,
 * and the tick hook runs in the timer interrupt, so the two never
 * overlap. Invariant between calls: when con.fb.base is set, every
 * non-dirty row of the grid is on the screen as drawn, moved up by
 * con.vt.scrolled rows.
 *
 * The pixel functions (fb_*) are pure and host-tested.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "errno.h"
#include "fbcon.h"

/* ---- pixels (pure) ------------------------------------------------------ */

/* A colour field of a pixel: at most 8 bits, inside bits 0 .. bpp - 1. */
static bool field_ok(uint8_t pos, uint8_t size, unsigned bpp)
{
	return size >= 1 && size <= 8 && pos + size <= bpp;
}

int fb_surface_from_boot(struct fb_surface *s, const struct boot_fb *fb)
{
	const struct font *f = fb_font_for(fb->width);

	if (!fb->present || fb->type != FB_TYPE_RGB)
		return -EINVAL;
	if (fb->bpp != 24 && fb->bpp != 32)
		return -EINVAL;
	if (!field_ok(fb->red_pos, fb->red_size, fb->bpp) ||
	    !field_ok(fb->green_pos, fb->green_size, fb->bpp) ||
	    !field_ok(fb->blue_pos, fb->blue_size, fb->bpp))
		return -EINVAL;
	if (fb->width < f->width || fb->height < f->height ||
	    fb->pitch / (fb->bpp / 8) < fb->width)
		return -EINVAL;
	*s = (struct fb_surface){
		.width = fb->width,
		.height = fb->height,
		.pitch = fb->pitch,
		.bytespp = fb->bpp / 8,
		.pos = {fb->red_pos, fb->green_pos, fb->blue_pos},
		.size = {fb->red_size, fb->green_size, fb->blue_size},
	};
	return 0;
}

uint32_t fb_pixel(const struct fb_surface *s, uint32_t rgb)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < 3; i++) {
		uint32_t c = (rgb >> (16 - 8 * i)) & 0xff;

		v |= (c >> (8 - s->size[i])) << s->pos[i];
	}
	return v;
}

const struct font *fb_font_for(uint32_t width)
{
	return width > FBCON_BIG_FONT_WIDTH ? &font_terminus32
					    : &font_terminus16;
}

static void put_pixel(uint8_t *p, unsigned bytespp, uint32_t v)
{
	if (bytespp == 4) {
		*(volatile uint32_t *)p = v;
		return;
	}
	p[0] = (uint8_t)v; /* 24 bpp: the value's bytes, lowest first */
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
}

void fb_draw_cell(const struct fb_surface *s, const struct font *f, unsigned x,
		  unsigned y, struct vt_cell c, bool inverse)
{
	uint32_t fg = fb_pixel(s, vt_palette[VT_ATTR_FG(c.attr)]);
	uint32_t bg = fb_pixel(s, vt_palette[VT_ATTR_BG(c.attr)]);
	const uint8_t *g = font_glyph(f, c.ch);
	uint8_t *line = s->base + (size_t)y * f->height * s->pitch +
			(size_t)x * f->width * s->bytespp;

	if (inverse) {
		uint32_t t = fg;

		fg = bg;
		bg = t;
	}
	for (unsigned gy = 0; gy < f->height; gy++, line += s->pitch) {
		const uint8_t *bits = g + gy * f->stride;
		uint8_t *p = line;

		for (unsigned gx = 0; gx < f->width; gx++, p += s->bytespp)
			put_pixel(p, s->bytespp,
				  bits[gx / 8] & (0x80 >> gx % 8) ? fg : bg);
	}
}

void fb_scroll_up(const struct fb_surface *s, unsigned fh, unsigned rows,
		  unsigned n)
{
	size_t band = (size_t)fh * s->pitch;

	memmove(s->base, s->base + n * band, (rows - n) * band);
}

#ifndef HOST_TEST
#include "console.h"
#include "mm.h"
#include "vm.h"
#include "arch/x86/io.h"

static struct {
	struct fb_surface fb; /* base NULL until it can be drawn on */
	uint64_t phys;
	const struct font *font;
	struct vt vt;
	struct vt_cell cells[FBCON_COLS_MAX * FBCON_ROWS_MAX];
	uint8_t dirty[FBCON_ROWS_MAX];
	unsigned cur_x, cur_y; /* where the cursor is drawn, if cur_drawn */
	bool cur_drawn;
	bool pending;	     /* grid changed since the last flush */
	uint64_t last_flush; /* tick of the last flush from a write */
} con;

/* Redraw row r from the grid. */
static void draw_row(unsigned r)
{
	for (unsigned x = 0; x < con.vt.cols; x++)
		fb_draw_cell(&con.fb, con.font, x, r, *vt_at(&con.vt, x, r),
			     false);
}

/* The pixels of the cursor moved with a scroll of s rows. */
static void cursor_scrolled(unsigned s)
{
	if (con.cur_drawn && con.cur_y >= s)
		con.cur_y -= s;
	else
		con.cur_drawn = false;
}

/* Bring the screen up to the grid (see the header). Interrupts off. */
static void flush_locked(void)
{
	struct vt *vt = &con.vt;
	unsigned s = vt->scrolled;

	assert_irqs_off();
	if (s) {
		if (s < vt->rows)
			fb_scroll_up(&con.fb, con.font->height, vt->rows, s);
		else
			memset(vt->dirty, 1, vt->rows);
		cursor_scrolled(s);
		vt->scrolled = 0;
	}
	if (con.cur_drawn && !vt->dirty[con.cur_y])
		fb_draw_cell(&con.fb, con.font, con.cur_x, con.cur_y,
			     *vt_at(vt, con.cur_x, con.cur_y), false);
	con.cur_drawn = false;
	for (unsigned r = 0; r < vt->rows; r++) {
		if (vt->dirty[r])
			draw_row(r);
		vt->dirty[r] = 0;
	}
	if (vt->cursor_on) {
		con.cur_x = vt->pen.x;
		con.cur_y = vt->pen.y;
		fb_draw_cell(&con.fb, con.font, con.cur_x, con.cur_y,
			     *vt_at(vt, con.cur_x, con.cur_y), true);
		con.cur_drawn = true;
	}
	con.pending = false;
}

static void fbcon_write(const char *s, size_t n)
{
	vt_write(&con.vt, s, n, true);
	con.pending = true;
	if (con.fb.base && !console_defer(&con.last_flush))
		flush_locked();
}

static void respond(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		console_input_push(s[i]);
}

static struct console_sink fbcon_sink = {
	.name = "fbcon",
	.write = fbcon_write,
};

/* Start drawing at kernel address base: clear the screen, draw all. */
static void attach(uint8_t *base)
{
	con.fb.base = base;
	memset(base, 0, (size_t)con.fb.pitch * con.fb.height);
	memset(con.dirty, 1, sizeof(con.dirty));
	con.vt.scrolled = 0;
	con.cur_drawn = false;
	flush_locked();
}

/*
 * fbcon_init - set up the console on the loader's framebuffer fb and
 * register it as a console sink. Draws at once when the framebuffer is
 * inside the direct map or can be mapped early; otherwise keeps text in
 * the grid until fbcon_map. Call before paging_init. 0, or -EINVAL when fb is
 * not a framebuffer we can draw on (fb_surface_from_boot); nothing is
 * registered then.
 */
int fbcon_init(const struct boot_fb *fb)
{
	uint64_t size = (uint64_t)fb->pitch * fb->height;
	int err = fb_surface_from_boot(&con.fb, fb);
	uint8_t *early;

	if (err)
		return err;
	con.phys = fb->addr;
	con.font = fb_font_for(fb->width);
	con.vt.respond = respond;
	vt_init(&con.vt, con.cells, con.dirty,
		MIN(fb->width / con.font->width, FBCON_COLS_MAX),
		MIN(fb->height / con.font->height, FBCON_ROWS_MAX));
	console_register(&fbcon_sink);
	if (fb->addr + size <= KERNEL_DIRECT_MAP_SIZE)
		attach(P2V((uint32_t)fb->addr));
	else if ((early = paging_early_map(fb->addr, size)) != NULL)
		attach(early);
	return 0;
}

/*
 * fbcon_map - after paging_init: map the framebuffer (ioremap) if
 * fbcon_init could not reach it and draw everything printed so far.
 * 0 (also when there is no framebuffer console), or -ENOMEM when it
 * cannot be mapped (the sink is then removed).
 */
int fbcon_map(void)
{
	uint32_t f;
	uint8_t *base;

	if (!con.font)
		return 0;
	if (!con.fb.base) {
		base = ioremap(con.phys, (size_t)con.fb.pitch * con.fb.height);
		if (!base) {
			console_unregister(&fbcon_sink);
			con.font = NULL;
			return -ENOMEM;
		}
		f = irq_save();
		attach(base);
		irq_restore(f);
		pr_info("console: framebuffer mapped after paging_init "
			"(%u KiB, too large for the early map)\n",
			(unsigned)(((uint64_t)con.fb.pitch * con.fb.height) >>
				   10));
	}
	return 0;
}

/* fbcon_flush - draw what a throttled write left (panic, halt). */
void fbcon_flush(void)
{
	uint32_t f = irq_save();

	if (con.pending && con.fb.base)
		flush_locked();
	irq_restore(f);
}

/* fbcon_active - is the framebuffer console registered? */
bool fbcon_active(void)
{
	return con.font != NULL;
}

/* fbcon_size - its text size in characters (0 x 0 when not active). */
void fbcon_size(unsigned *cols, unsigned *rows)
{
	*cols = con.font ? con.vt.cols : 0;
	*rows = con.font ? con.vt.rows : 0;
}
#endif
