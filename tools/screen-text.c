/*
 * tools/screen-text.c - read a Sleight screen back as text, for the
 * screen tests (tools/osrun --screen, --screen-vga).
 *
 * usage: screen-text --ppm SHOT.ppm        a QEMU screendump (binary
 *                                          PPM, P6) of the framebuffer
 *        screen-text --vga MEM COLS ROWS   a dump of the VGA text buffer
 *                                          (QEMU pmemsave of 0xB8000)
 *
 * A framebuffer cell (8x16, or 16x32 on screens wider than
 * FBCON_BIG_FONT_WIDTH, the kernel's rule) is decoded by matching its
 * pixels against every glyph of the same Terminus font the kernel draws
 * with: each pixel must be one of the 16 palette colours (vt.c); a cell
 * of one colour is a blank, a cell of two is the glyph whose bitmap the
 * pixels of one of them form. No match prints '?' for the cell, so a
 * wrong glyph, colour, position or pixel format makes the text differ.
 * A VGA cell is read from its code page 437 byte and attribute.
 *
 * Output: the text rows (UTF-8, trailing blanks and trailing empty rows
 * dropped); then "--- colours" and, for each of those rows, the
 * foreground and background palette index of each cell up to the row's
 * last non-blank one, in hex ('.' for the foreground of a blank), as
 * "FG|BG". Exit 1 on an unreadable input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbcon.h"
#include "font.h"
#include "vt.h"

#define COLS_MAX 512
#define ROWS_MAX 256

struct cell {
	uint32_t cp; /* '?' when no glyph matched */
	int fg;	     /* palette index, -1 for a blank */
	int bg;
};

static struct cell grid[ROWS_MAX][COLS_MAX];
static unsigned cols, rows;

static void die(const char *what)
{
	fprintf(stderr, "screen-text: %s\n", what);
	exit(1);
}

/* The lowest code point drawn with this bitmap, or -1 when none is. */
static long glyph_cp(const struct font *f, const uint8_t *bitmap)
{
	for (size_t i = 0; i < f->nmap; i++)
		if (!memcmp(f->glyphs + (size_t)f->map[i].glyph * f->charsize,
			    bitmap, f->charsize))
			return f->map[i].cp;
	return -1;
}

static int palette_index(const uint8_t *px)
{
	uint32_t rgb = (uint32_t)px[0] << 16 | px[1] << 8 | px[2];

	for (int i = 0; i < 16; i++)
		if (vt_palette[i] == rgb)
			return i;
	return -1;
}

/* The bitmap of the pixels of colour fg in the cell at (x0, y0). */
static void cell_bitmap(const uint8_t *img, unsigned w, const struct font *f,
			unsigned x0, unsigned y0, int fg, uint8_t *out)
{
	memset(out, 0, f->charsize);
	for (unsigned y = 0; y < f->height; y++)
		for (unsigned x = 0; x < f->width; x++) {
			const uint8_t *p =
				img + ((size_t)(y0 + y) * w + x0 + x) * 3;

			if (palette_index(p) == fg)
				out[y * f->stride + x / 8] |= 0x80 >> x % 8;
		}
}

static struct cell decode_cell(const uint8_t *img, unsigned w,
			       const struct font *f, unsigned cx, unsigned cy)
{
	unsigned x0 = cx * f->width, y0 = cy * f->height;
	int c[2] = {-1, -1};
	uint8_t bm[128];

	for (unsigned y = 0; y < f->height; y++)
		for (unsigned x = 0; x < f->width; x++) {
			int i = palette_index(
				img + ((size_t)(y0 + y) * w + x0 + x) * 3);

			if (i < 0)
				return (struct cell){'?', -1, -1};
			if (c[0] < 0 || c[0] == i)
				c[0] = i;
			else if (c[1] < 0 || c[1] == i)
				c[1] = i;
			else
				return (struct cell){'?', -1, -1};
		}
	if (c[1] < 0)
		return (struct cell){' ', -1, c[0]};
	for (int k = 0; k < 2; k++) {
		long cp;

		cell_bitmap(img, w, f, x0, y0, c[k], bm);
		cp = glyph_cp(f, bm);
		if (cp >= 0)
			return (struct cell){(uint32_t)cp, c[k], c[1 - k]};
	}
	return (struct cell){'?', -1, -1};
}

static uint8_t *read_ppm(const char *path, unsigned *w, unsigned *h)
{
	FILE *fp = fopen(path, "rb");
	unsigned maxval;
	uint8_t *img;

	if (!fp)
		die("cannot open the screendump");
	if (fscanf(fp, "P6 %u %u %u", w, h, &maxval) != 3 || maxval != 255 ||
	    fgetc(fp) == EOF)
		die("not a binary PPM with maxval 255");
	img = malloc((size_t)*w * *h * 3);
	if (!img || fread(img, 3, (size_t)*w * *h, fp) != (size_t)*w * *h)
		die("short PPM");
	fclose(fp);
	return img;
}

static void decode_ppm(const char *path)
{
	unsigned w, h;
	uint8_t *img = read_ppm(path, &w, &h);
	const struct font *f = w > FBCON_BIG_FONT_WIDTH ? &font_terminus32
							: &font_terminus16;

	cols = w / f->width;
	rows = h / f->height;
	if (cols > COLS_MAX || rows > ROWS_MAX || f->charsize > 128)
		die("screen too large");
	for (unsigned y = 0; y < rows; y++)
		for (unsigned x = 0; x < cols; x++)
			grid[y][x] = decode_cell(img, w, f, x, y);
	free(img);
}

/* Code page 437 back to Unicode, for the bytes vga.c writes. */
static uint32_t cp437_to_unicode(uint8_t b)
{
	static const struct {
		uint8_t b;
		uint16_t cp;
	} t[] = {
		{0xf8, 0x00b0}, {0xfa, 0x00b7}, {0xc4, 0x2500}, {0xb3, 0x2502},
		{0xda, 0x250c}, {0xbf, 0x2510}, {0xc0, 0x2514}, {0xd9, 0x2518},
		{0xc3, 0x251c}, {0xb4, 0x2524}, {0xc2, 0x252c}, {0xc1, 0x2534},
		{0xc5, 0x253c}, {0xdb, 0x2588}, {0xb0, 0x2591}, {0xb1, 0x2592},
		{0xb2, 0x2593},
	};

	if (b >= 0x20 && b < 0x7f)
		return b;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].b == b)
			return t[i].cp;
	return '?';
}

static void decode_vga(const char *path, unsigned c, unsigned r)
{
	FILE *fp = fopen(path, "rb");
	uint8_t cell[2];

	if (!fp || c > COLS_MAX || r > ROWS_MAX)
		die("cannot open the VGA dump");
	cols = c, rows = r;
	for (unsigned y = 0; y < rows; y++)
		for (unsigned x = 0; x < cols; x++) {
			if (fread(cell, 1, 2, fp) != 2)
				die("short VGA dump");
			grid[y][x] = (struct cell){
				cp437_to_unicode(cell[0]),
				cell[0] == ' ' ? -1 : VT_ATTR_FG(cell[1]),
				VT_ATTR_BG(cell[1])};
		}
	fclose(fp);
}

static void put_utf8(uint32_t cp)
{
	if (cp < 0x80)
		putchar((int)cp);
	else if (cp < 0x800)
		printf("%c%c", 0xc0 | cp >> 6, 0x80 | (cp & 0x3f));
	else
		printf("%c%c%c", 0xe0 | cp >> 12, 0x80 | (cp >> 6 & 0x3f),
		       0x80 | (cp & 0x3f));
}

/* Cells of row y up to its last non-blank one. */
static unsigned row_len(unsigned y)
{
	unsigned n = cols;

	while (n > 0 && grid[y][n - 1].cp == ' ')
		n--;
	return n;
}

static void print_grid(void)
{
	unsigned last = rows;

	while (last > 0 && row_len(last - 1) == 0)
		last--;
	for (unsigned y = 0; y < last; y++) {
		for (unsigned x = 0; x < row_len(y); x++)
			put_utf8(grid[y][x].cp);
		putchar('\n');
	}
	printf("--- colours\n");
	for (unsigned y = 0; y < last; y++) {
		for (unsigned x = 0; x < row_len(y); x++)
			putchar(grid[y][x].fg < 0 ? '.'
						  : "0123456789abcdef"[grid[y][x].fg]);
		putchar('|');
		for (unsigned x = 0; x < row_len(y); x++)
			putchar(grid[y][x].bg < 0 ? '?'
						  : "0123456789abcdef"[grid[y][x].bg]);
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--ppm"))
		decode_ppm(argv[2]);
	else if (argc == 5 && !strcmp(argv[1], "--vga"))
		decode_vga(argv[2], (unsigned)atoi(argv[3]),
			   (unsigned)atoi(argv[4]));
	else
		die("usage: screen-text --ppm FILE | --vga FILE COLS ROWS");
	print_grid();
	return 0;
}
