/*
 * fbcon.h - the framebuffer console: text drawn with a PSF font on the
 * linear framebuffer the loader left (UEFI GOP, or a VBE mode GRUB set),
 * through the terminal emulator of vt.h. The pixel part is pure and
 * host-tested (tests/unit/test_fbcon.c).
 */
#ifndef SLEIGHT_FBCON_H
#define SLEIGHT_FBCON_H

#include <stdbool.h>
#include <stdint.h>

#include "font.h"
#include "vt.h"

struct boot_fb;

#define FBCON_BIG_FONT_WIDTH 1600 /* pixels; wider screens get 16x32 */
#define FBCON_COLS_MAX 240	  /* characters; a wider screen has a */
#define FBCON_ROWS_MAX 100	  /* margin right or below */

/* A linear framebuffer: where it is and how a pixel is laid out. */
struct fb_surface {
	uint8_t *base;		 /* kernel address of pixel (0, 0) */
	uint32_t width, height;	 /* pixels */
	uint32_t pitch;		 /* bytes per line, >= width * bpp / 8 */
	unsigned bytespp;	 /* 3 or 4 */
	uint8_t pos[3], size[3]; /* red, green, blue: lowest bit, bits */
};

/*
 * fb_surface_from_boot - fill s (base NULL) from the loader's tag.
 * 0, or -EINVAL when the framebuffer is not one we can draw on: not
 * direct RGB, not 24 or 32 bits a pixel, a colour field past the pixel
 * or wider than 8 bits, a pitch too small, or too small for one
 * character (Multiboot2 spec 3.6.12).
 */
int fb_surface_from_boot(struct fb_surface *s, const struct boot_fb *fb);

/* fb_pixel - the pixel value of colour 0xRRGGBB on s. */
uint32_t fb_pixel(const struct fb_surface *s, uint32_t rgb);

/* fb_font_for - the font for a screen width pixels wide. */
const struct font *fb_font_for(uint32_t width);

/*
 * fb_draw_cell - draw cell c at column x, row y (characters) of s in
 * font f; inverse swaps its colours (the cursor). The caller keeps x, y
 * within width / f->width, height / f->height.
 */
void fb_draw_cell(const struct fb_surface *s, const struct font *f, unsigned x,
		  unsigned y, struct vt_cell c, bool inverse);

/*
 * fb_scroll_up - move text rows [n, rows) of s up by n rows of font
 * height fh (one memmove); the n rows left at the bottom keep stale
 * pixels for the caller to redraw.
 */
void fb_scroll_up(const struct fb_surface *s, unsigned fh, unsigned rows,
		  unsigned n);

/* Kernel side (fbcon.c, not host-built). */
int fbcon_init(const struct boot_fb *fb);
int fbcon_map(void);
void fbcon_flush(void);
bool fbcon_active(void);
void fbcon_size(unsigned *cols, unsigned *rows);

#endif
