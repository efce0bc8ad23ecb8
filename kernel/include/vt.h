/*
 * vt.h - the terminal emulator every screen console shares (VGA text,
 * framebuffer): a pure state machine that turns a byte stream (UTF-8
 * text, C0 controls, ECMA-48 escape and control sequences, the subset
 * console_codes(4) documents for Linux's console) into a shadow text
 * grid. The grid and its dirty-row flags belong to the backend, which
 * draws what changed (vt_flush_rows in fbcon.c, vga.c).
 */
#ifndef SLEIGHT_VT_H
#define SLEIGHT_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VT_PARAMS_MAX 16  /* CSI parameters kept; more are ignored */
#define VT_PARAM_MAX 9999 /* a parameter saturates here */
#define VT_OSC_MAX 256	  /* bytes of an OSC string before we give up */
#define VT_TAB 8	  /* columns per tab stop */
#define VT_FG_DEFAULT 7	  /* light grey */
#define VT_BG_DEFAULT 0	  /* black */
#define VT_ATTR(fg, bg) ((uint8_t)((fg) | (bg) << 4))
#define VT_ATTR_FG(a) ((a)&0x0f)
#define VT_ATTR_BG(a) ((a) >> 4)

/* One character cell: a BMP code point and a VGA-style attribute
 * (foreground index in bits 0-3, background in bits 4-7, after bold
 * and reverse were applied). */
struct vt_cell {
	uint16_t ch;
	uint8_t attr;
	uint8_t unused;
};

/* The graphic rendition and cursor that ESC 7 / CSI s save. */
struct vt_pen {
	unsigned x, y;
	uint8_t fg, bg; /* 0..15 */
	bool bold, reverse;
};

enum vt_state {
	VT_GROUND,
	VT_ESC,		/* after ESC */
	VT_ESC_SKIP,	/* ESC ( ) # %: one more byte to drop */
	VT_CSI,		/* ESC [ and parameters */
	VT_CSI_IGNORE,	/* malformed CSI: drop up to its final byte */
	VT_OSC,		/* ESC ] string, up to BEL or ESC \ */
	VT_OSC_ESC,	/* ESC inside an OSC string */
	VT_OSC_PALETTE, /* ESC ] P: seven hex digits follow (Linux) */
};

struct vt {
	struct vt_cell *cells; /* rows * cols, row-major; backend's */
	uint8_t *dirty;	       /* rows flags: 1 = row changed */
	unsigned cols, rows;   /* characters, both >= 1 */
	struct vt_pen pen;     /* cursor and rendition in use */
	struct vt_pen saved;
	bool wrap_pending;    /* a glyph went in the last column: the next
				 one wraps first (VT100 autowrap) */
	bool cursor_on;	      /* CSI ? 25 h / l */
	unsigned top, bottom; /* scroll region, rows top..bottom */
	unsigned scrolled;    /* whole-screen scrolls the backend has not
				 moved its pixels for; <= rows */
	unsigned bells;	      /* BEL count; backends may flash */
	/* parser */
	enum vt_state state;
	unsigned params[VT_PARAMS_MAX];
	unsigned nparams; /* parameters seen; the last may be empty */
	bool private_;	  /* CSI ? ... */
	unsigned osc_len, skip;
	uint32_t utf8_cp;
	unsigned utf8_left; /* continuation bytes still expected */
	void (*respond)(const char *s, size_t n); /* answers to CSI n, c;
						     NULL: none sent */
};

/*
 * vt_init - a cleared cols x rows screen on the caller's arrays (cells:
 * cols * rows, dirty: rows), cursor home, default colours, every row
 * dirty.
 */
void vt_init(struct vt *vt, struct vt_cell *cells, uint8_t *dirty,
	     unsigned cols, unsigned rows);

/*
 * vt_write - interpret n bytes. crlf: '\n' also returns the carriage
 * (kernel messages, like the serial sink; tty output has had ONLCR
 * applied already and passes false). Any byte sequence is accepted:
 * malformed or overlong sequences are dropped or cut, never out of the
 * grid. Pure; O(n) plus the scrolls done.
 */
void vt_write(struct vt *vt, const char *s, size_t n, bool crlf);

/* vt_at - the cell at column x, row y (x < cols, y < rows). */
static inline struct vt_cell *vt_at(struct vt *vt, unsigned x, unsigned y)
{
	return &vt->cells[y * vt->cols + x];
}

/* The default 16-colour palette, 0xRRGGBB, in ECMA-48 SGR order
 * (black, red, green, yellow/brown, blue, magenta, cyan, white, then
 * the bright ones), as Linux's console sets it. */
extern const uint32_t vt_palette[16];

#endif
