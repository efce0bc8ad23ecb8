/*
 * Host tests for the pixel half of kernel/dev/fbcon.c: which
 * framebuffers it accepts (Multiboot2 spec 3.6.12 colour layouts), pixel
 * values for RGB and BGR at 32 and 24 bits, glyph cells drawn with the
 * Terminus font at any pitch, scrolling, and the font choice by width.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootinfo.h"
#include "errno.h"
#include "fbcon.h"

#define W 40
#define H 40
#define PITCH_PAD 12 /* bytes past each line that must stay untouched */

static uint8_t pixels[H][W * 4 + PITCH_PAD];

static struct boot_fb fb_of(uint8_t bpp, bool bgr)
{
	return (struct boot_fb){
		.present = true, .type = FB_TYPE_RGB, .bpp = bpp,
		.addr = 0x80000000, .pitch = W * bpp / 8 + PITCH_PAD,
		.width = W, .height = H,
		.red_pos = bgr ? 0 : 16, .red_size = 8, .green_pos = 8,
		.green_size = 8, .blue_pos = bgr ? 16 : 0, .blue_size = 8,
	};
}

static struct fb_surface surface(uint8_t bpp, bool bgr)
{
	struct boot_fb fb = fb_of(bpp, bgr);
	struct fb_surface s;

	assert_int_equal(fb_surface_from_boot(&s, &fb), 0);
	s.base = &pixels[0][0];
	memset(pixels, 0x5a, sizeof(pixels));
	return s;
}

static void test_rejects_what_it_cannot_draw(void **state)
{
	struct fb_surface s;
	struct boot_fb fb = fb_of(32, false);

	fb.bpp = 16;
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(32, false);
	fb.type = FB_TYPE_INDEXED;
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(24, false);
	fb.red_pos = 20; /* 20 + 8 > 24 */
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(32, false);
	fb.green_size = 0;
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(32, false);
	fb.pitch = W * 4 - 1;
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(32, false);
	fb.width = 7; /* narrower than one glyph */
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
	fb = fb_of(32, false);
	fb.present = false;
	assert_int_equal(fb_surface_from_boot(&s, &fb), -EINVAL);
}

static void test_pixel_values_rgb_bgr_and_short_fields(void **state)
{
	struct fb_surface s = surface(32, false);

	assert_int_equal(fb_pixel(&s, 0x112233), 0x112233);
	s = surface(32, true);
	assert_int_equal(fb_pixel(&s, 0x112233), 0x332211);
	s = surface(24, false);
	assert_int_equal(fb_pixel(&s, 0xaa5500), 0xaa5500);
	/* 5-6-5 style fields keep the high bits */
	s.pos[0] = 11, s.size[0] = 5, s.pos[1] = 5, s.size[1] = 6;
	s.pos[2] = 0, s.size[2] = 5;
	assert_int_equal(fb_pixel(&s, 0xffffff), 0xffff);
	assert_int_equal(fb_pixel(&s, 0xff0000), 0xf800);
}

/* The pixel at (x, y) as 0xRRGGBB, read back for layout s. */
static uint32_t rgb_at(const struct fb_surface *s, unsigned x, unsigned y)
{
	const uint8_t *p = s->base + y * s->pitch + x * s->bytespp;
	uint32_t v = p[0] | p[1] << 8 | p[2] << 16;
	uint32_t rgb = 0;

	for (unsigned i = 0; i < 3; i++)
		rgb |= ((v >> s->pos[i]) & 0xff) << (16 - 8 * i);
	return rgb;
}

static uint8_t byte_at(const struct fb_surface *s, unsigned off, unsigned y)
{
	return s->base[y * s->pitch + off];
}

static void check_cell(uint8_t bpp, bool bgr, bool inverse)
{
	struct fb_surface s = surface(bpp, bgr);
	const struct font *f = fb_font_for(W);
	const uint8_t *g = font_glyph(f, 'A');
	struct vt_cell c = {.ch = 'A', .attr = VT_ATTR(14, 1)};
	uint32_t fg = vt_palette[inverse ? 1 : 14];
	uint32_t bg = vt_palette[inverse ? 14 : 1];

	fb_draw_cell(&s, f, 1, 1, c, inverse);
	for (unsigned y = 0; y < f->height; y++)
		for (unsigned x = 0; x < f->width; x++) {
			bool on = g[y * f->stride + x / 8] & (0x80 >> x % 8);

			assert_int_equal(rgb_at(&s, 8 + x, 16 + y),
					 on ? fg : bg);
		}
	/* nothing outside the cell, nor in the pitch padding */
	assert_int_equal(byte_at(&s, 8 * s.bytespp, 15), 0x5a);
	assert_int_equal(byte_at(&s, 8 * s.bytespp - 1, 16), 0x5a);
	assert_int_equal(byte_at(&s, 16 * s.bytespp, 16), 0x5a);
	assert_int_equal(byte_at(&s, 8 * s.bytespp, 32), 0x5a);
	assert_int_equal(byte_at(&s, W * s.bytespp, 20), 0x5a);
}

static void test_cells_in_every_layout(void **state)
{
	check_cell(32, false, false);
	check_cell(32, true, false);
	check_cell(24, false, false);
	check_cell(24, true, true);
}

static void test_glyph_a_is_drawn_not_blank(void **state)
{
	const struct font *f = fb_font_for(800);
	const uint8_t *a = font_glyph(f, 'A'), *sp = font_glyph(f, ' ');
	unsigned bits = 0;

	for (unsigned i = 0; i < f->charsize; i++)
		bits += __builtin_popcount(a[i]) - __builtin_popcount(sp[i]);
	assert_true(bits > 10);
	/* an unknown code point falls back to U+FFFD or '?' */
	assert_ptr_equal(font_glyph(f, 0xe000),
			 font_glyph(f, 0xfffd) ? font_glyph(f, 0xfffd)
					       : font_glyph(f, '?'));
}

static void test_font_size_by_width(void **state)
{
	assert_int_equal(fb_font_for(800)->width, 8);
	assert_int_equal(fb_font_for(1600)->height, 16);
	assert_int_equal(fb_font_for(1920)->width, 16);
	assert_int_equal(fb_font_for(1920)->height, 32);
	assert_int_equal(fb_font_for(3840)->charsize, 64);
}

static void test_scroll_moves_text_rows(void **state)
{
	struct fb_surface s = surface(32, false);

	pixels[16][0] = 0x11;
	pixels[31][W * 4 - 1] = 0x22;
	fb_scroll_up(&s, 16, 2, 1);
	assert_int_equal(pixels[0][0], 0x11);
	assert_int_equal(pixels[15][W * 4 - 1], 0x22);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rejects_what_it_cannot_draw),
		cmocka_unit_test(test_pixel_values_rgb_bgr_and_short_fields),
		cmocka_unit_test(test_cells_in_every_layout),
		cmocka_unit_test(test_glyph_a_is_drawn_not_blank),
		cmocka_unit_test(test_font_size_by_width),
		cmocka_unit_test(test_scroll_moves_text_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
