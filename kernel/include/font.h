/*
 * font.h - a bitmap console font, as tools/psf2c writes it from a PSF2
 * file at build time (build/gen/font_*.c), and the lookup of a glyph.
 *
 * A glyph is height rows of stride bytes, most significant bit leftmost
 * (the PSF2 layout, kept as it is). map[] is sorted by code point.
 */
#ifndef SLEIGHT_FONT_H
#define SLEIGHT_FONT_H

#include <stddef.h>
#include <stdint.h>

struct font_map {
	uint16_t cp;	/* Unicode code point (BMP) */
	uint16_t glyph; /* index into glyphs */
};

struct font {
	unsigned width, height; /* pixels */
	unsigned stride;	/* bytes per glyph row */
	unsigned charsize;	/* bytes per glyph */
	unsigned count;		/* glyphs */
	const uint8_t *glyphs;
	const struct font_map *map;
	size_t nmap;
};

/* Terminus 8x16 and 16x32, from console-setup-linux (Makefile). */
extern const struct font font_terminus16;
extern const struct font font_terminus32;

/*
 * font_glyph - the bitmap of code point cp in f: charsize bytes. A code
 * point the font lacks gets the glyph of U+FFFD, else of '?', else
 * glyph 0. Binary search, O(log nmap). Pure.
 */
static inline const uint8_t *font_glyph(const struct font *f, uint32_t cp)
{
	static const uint32_t fallback[] = {0, 0xFFFD, '?'};

	for (unsigned k = 0; k < 3; k++) {
		size_t lo = 0, hi = f->nmap;
		uint32_t want = k ? fallback[k] : cp;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (f->map[mid].cp == want)
				return f->glyphs +
				       (size_t)f->map[mid].glyph * f->charsize;
			if (f->map[mid].cp < want)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return f->glyphs;
}

#endif
