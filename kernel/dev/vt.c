/*
 * kernel/dev/vt.c - the terminal emulator of every screen console: the
 * grid and what each control, escape and control sequence does to it.
 * The byte-level parser that recognises them is vt_parse.c.
 *
 * Owns nothing global: all state is in the struct vt its caller passes
 * (fbcon.c and vga.c each have one). Pure code, no locking of its own
 * (its callers run it under console_write, interrupts off); host-tested
 * in tests/unit/test_vt.c.
 *
 * Follows the subset of ECMA-48 / VT100 that console_codes(4) lists for
 * Linux's console: C0 controls BS HT LF VT FF CR BEL CAN SUB ESC; ESC 7
 * 8 c D E M; CSI A B C D E F G H f d J K L M P X @ m r s u n c and
 * CSI ? 25 h/l; SGR 0 1 21 22 7 27 30-37 39 40-47 49 90-97 100-107
 * (38/48 with their sub-parameters are skipped); OSC strings are
 * swallowed. UTF-8 input is decoded to BMP code points (bad bytes give
 * U+FFFD), as Linux does in its default UTF-8 mode.
 *
 * Invariants between calls: pen.x < cols, pen.y < rows, top < bottom <
 * rows (or top == bottom == 0 on a one-row screen), nparams <=
 * VT_PARAMS_MAX, every params[i] <= VT_PARAM_MAX, osc_len <= VT_OSC_MAX,
 * scrolled <= rows. For every row not flagged dirty, the backend's
 * pixels, once moved up by `scrolled` rows, show the row's cells.
 */
#include "kernel.h"
#include "vt.h"
#include "vt_int.h"

const uint32_t vt_palette[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa,
	0x00aaaa, 0xaaaaaa, 0x555555, 0xff5555, 0x55ff55, 0xffff55,
	0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

static uint8_t pen_attr(const struct vt_pen *p)
{
	uint8_t fg = p->fg | (p->bold ? 8 : 0), bg = p->bg;

	return p->reverse ? VT_ATTR(bg, fg) : VT_ATTR(fg, bg);
}

/* The cell erased text becomes: a blank in the current colours. */
static struct vt_cell blank(const struct vt *vt)
{
	return (struct vt_cell){.ch = ' ', .attr = pen_attr(&vt->pen)};
}

static void mark(struct vt *vt, unsigned from, unsigned to)
{
	for (unsigned r = from; r <= to && r < vt->rows; r++)
		vt->dirty[r] = 1;
}

/* Blank cells [x0, x1) of row y. */
static void clear_cells(struct vt *vt, unsigned y, unsigned x0, unsigned x1)
{
	struct vt_cell b = blank(vt);

	for (unsigned x = x0; x < x1 && x < vt->cols; x++)
		*vt_at(vt, x, y) = b;
	mark(vt, y, y);
}

static void move_rows(struct vt *vt, unsigned dst, unsigned src, unsigned n)
{
	memmove(vt_at(vt, 0, dst), vt_at(vt, 0, src),
		(size_t)n * vt->cols * sizeof(struct vt_cell));
}

/*
 * Scroll rows top..bottom up by n (new blank rows at the bottom). A
 * whole-screen scroll is recorded in `scrolled`, with the dirty flags
 * moved along, so the backend can move its pixels once instead.
 */
static void scroll_up(struct vt *vt, unsigned top, unsigned bottom, unsigned n)
{
	unsigned h = bottom - top + 1;

	if (n > h)
		n = h;
	move_rows(vt, top, top + n, h - n);
	for (unsigned r = bottom + 1 - n; r <= bottom; r++)
		clear_cells(vt, r, 0, vt->cols);
	if (top == 0 && bottom == vt->rows - 1 && vt->scrolled < vt->rows) {
		memmove(vt->dirty, vt->dirty + n, vt->rows - n);
		vt->scrolled = MIN(vt->scrolled + n, vt->rows);
		mark(vt, bottom + 1 - n, bottom);
	} else {
		mark(vt, top, bottom);
	}
}

/* Scroll rows top..bottom down by n (new blank rows at the top). */
static void scroll_down(struct vt *vt, unsigned top, unsigned bottom,
			unsigned n)
{
	unsigned h = bottom - top + 1;

	if (n > h)
		n = h;
	move_rows(vt, top + n, top, h - n);
	for (unsigned r = top; r < top + n; r++)
		clear_cells(vt, r, 0, vt->cols);
	mark(vt, top, bottom);
}

void vt_linefeed(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->pen.y == vt->bottom)
		scroll_up(vt, vt->top, vt->bottom, 1);
	else if (vt->pen.y + 1 < vt->rows)
		vt->pen.y++;
}

void vt_reverse_index(struct vt *vt)
{
	vt->wrap_pending = false;
	if (vt->pen.y == vt->top)
		scroll_down(vt, vt->top, vt->bottom, 1);
	else if (vt->pen.y > 0)
		vt->pen.y--;
}

static unsigned clamp(long v, unsigned limit)
{
	return v < 0 ? 0 : v >= (long)limit ? limit - 1 : (unsigned)v;
}

/* Move the cursor to column x, row y, clamped to the screen. */
void vt_go_to(struct vt *vt, long x, long y)
{
	vt->pen.x = clamp(x, vt->cols);
	vt->pen.y = clamp(y, vt->rows);
	vt->wrap_pending = false;
}

void vt_put_glyph(struct vt *vt, uint32_t cp)
{
	if (vt->wrap_pending) {
		vt->pen.x = 0;
		vt_linefeed(vt);
	}
	*vt_at(vt, vt->pen.x, vt->pen.y) = (struct vt_cell){
		.ch = (uint16_t)cp, .attr = pen_attr(&vt->pen)};
	mark(vt, vt->pen.y, vt->pen.y);
	if (vt->pen.x + 1 < vt->cols)
		vt->pen.x++;
	else
		vt->wrap_pending = true;
}

static void reset_pen(struct vt_pen *p)
{
	p->fg = VT_FG_DEFAULT;
	p->bg = VT_BG_DEFAULT;
	p->bold = p->reverse = false;
}

/* ESC c: the state vt_init leaves, on the same grid. */
void vt_full_reset(struct vt *vt)
{
	vt_init(vt, vt->cells, vt->dirty, vt->cols, vt->rows);
}

void vt_init(struct vt *vt, struct vt_cell *cells, uint8_t *dirty,
	     unsigned cols, unsigned rows)
{
	void (*respond)(const char *, size_t) = vt->respond;

	memset(vt, 0, sizeof(*vt));
	vt->respond = respond;
	vt->cells = cells;
	vt->dirty = dirty;
	vt->cols = cols;
	vt->rows = rows;
	vt->bottom = rows - 1;
	vt->cursor_on = true;
	reset_pen(&vt->pen);
	vt->saved = vt->pen;
	for (unsigned r = 0; r < rows; r++)
		clear_cells(vt, r, 0, cols);
}

/* ---- control sequences ------------------------------------------------ */

/* Parameter i, or def when it is absent or 0 (ECMA-48 5.4.2). */
static unsigned arg(const struct vt *vt, unsigned i, unsigned def)
{
	return i < vt->nparams && vt->params[i] ? vt->params[i] : def;
}

/* CSI J (ED) and CSI K (EL): 0 to the end, 1 from the start, 2 all. */
static void erase_display(struct vt *vt, unsigned how)
{
	unsigned x = vt->pen.x, y = vt->pen.y;

	if (how == 0) {
		clear_cells(vt, y, x, vt->cols);
		for (unsigned r = y + 1; r < vt->rows; r++)
			clear_cells(vt, r, 0, vt->cols);
	} else if (how == 1) {
		for (unsigned r = 0; r < y; r++)
			clear_cells(vt, r, 0, vt->cols);
		clear_cells(vt, y, 0, x + 1);
	} else if (how == 2 || how == 3) {
		for (unsigned r = 0; r < vt->rows; r++)
			clear_cells(vt, r, 0, vt->cols);
	}
}

static void erase_line(struct vt *vt, unsigned how)
{
	unsigned x = vt->pen.x, y = vt->pen.y;

	if (how == 0)
		clear_cells(vt, y, x, vt->cols);
	else if (how == 1)
		clear_cells(vt, y, 0, x + 1);
	else if (how == 2)
		clear_cells(vt, y, 0, vt->cols);
}

/* CSI @ (ICH) and CSI P (DCH): shift the rest of the line. */
static void shift_chars(struct vt *vt, unsigned n, bool insert)
{
	unsigned x = vt->pen.x, y = vt->pen.y, left = vt->cols - x;
	struct vt_cell *row = vt_at(vt, 0, y);

	n = MIN(n, left);
	if (insert)
		memmove(&row[x + n], &row[x], (left - n) * sizeof(*row));
	else
		memmove(&row[x], &row[x + n], (left - n) * sizeof(*row));
	if (insert)
		clear_cells(vt, y, x, x + n);
	else
		clear_cells(vt, y, vt->cols - n, vt->cols);
}

/* CSI L (IL) and CSI M (DL): only inside the scroll region. */
static void shift_lines(struct vt *vt, unsigned n, bool insert)
{
	if (vt->pen.y < vt->top || vt->pen.y > vt->bottom)
		return;
	if (insert)
		scroll_down(vt, vt->pen.y, vt->bottom, n);
	else
		scroll_up(vt, vt->pen.y, vt->bottom, n);
	vt->pen.x = 0;
	vt->wrap_pending = false;
}

/* CSI r (DECSTBM): rows top..bottom (1-based) scroll; cursor home. */
static void set_region(struct vt *vt)
{
	unsigned top = arg(vt, 0, 1), bottom = arg(vt, 1, vt->rows);

	if (bottom > vt->rows)
		bottom = vt->rows;
	if (top >= bottom)
		return; /* ignored, as VT100 does */
	vt->top = top - 1;
	vt->bottom = bottom - 1;
	vt_go_to(vt, 0, 0);
}

void vt_save_cursor(struct vt *vt)
{
	vt->saved = vt->pen;
}

void vt_restore_cursor(struct vt *vt)
{
	vt->pen = vt->saved;
	vt_go_to(vt, vt->pen.x, vt->pen.y);
}

/* One SGR parameter at params[*i]; *i moves past sub-parameters. */
static void sgr_one(struct vt *vt, unsigned *i)
{
	unsigned p = *i < vt->nparams ? vt->params[*i] : 0;
	struct vt_pen *pen = &vt->pen;

	if (p == 0)
		reset_pen(pen);
	else if (p == 1)
		pen->bold = true;
	else if (p == 21 || p == 22)
		pen->bold = false;
	else if (p == 7)
		pen->reverse = true;
	else if (p == 27)
		pen->reverse = false;
	else if (p >= 30 && p <= 37)
		pen->fg = (uint8_t)(p - 30);
	else if (p == 39)
		pen->fg = VT_FG_DEFAULT;
	else if (p >= 40 && p <= 47)
		pen->bg = (uint8_t)(p - 40);
	else if (p == 49)
		pen->bg = VT_BG_DEFAULT;
	else if (p >= 90 && p <= 97)
		pen->fg = (uint8_t)(p - 90 + 8);
	else if (p >= 100 && p <= 107)
		pen->bg = (uint8_t)(p - 100 + 8);
	else if ((p == 38 || p == 48) && *i + 1 < vt->nparams)
		*i += vt->params[*i + 1] == 5 ? 2 : 4; /* 5;n or 2;r;g;b */
}

static void sgr(struct vt *vt)
{
	unsigned i = 0;

	do
		sgr_one(vt, &i);
	while (++i < vt->nparams);
}

static void respond(struct vt *vt, const char *s)
{
	if (vt->respond)
		vt->respond(s, strlen(s));
}

/* CSI n (DSR): 5 status, 6 cursor position report. */
static void status_report(struct vt *vt)
{
	char buf[32];

	if (arg(vt, 0, 0) == 5)
		respond(vt, "\033[0n");
	if (arg(vt, 0, 0) != 6)
		return;
	snprintf(buf, sizeof(buf), "\033[%u;%uR", vt->pen.y + 1, vt->pen.x + 1);
	respond(vt, buf);
}

static void csi_private(struct vt *vt, uint8_t final)
{
	for (unsigned i = 0; i < vt->nparams; i++)
		if (vt->params[i] == 25 && (final == 'h' || final == 'l'))
			vt->cursor_on = final == 'h';
}

/* Cursor motion finals: A B C D E F G H f d. */
static bool csi_motion(struct vt *vt, uint8_t final)
{
	long x = vt->pen.x, y = vt->pen.y, n = arg(vt, 0, 1);

	switch (final) {
	case 'A':
		vt_go_to(vt, x, y - n);
		return true;
	case 'B':
		vt_go_to(vt, x, y + n);
		return true;
	case 'C':
		vt_go_to(vt, x + n, y);
		return true;
	case 'D':
		vt_go_to(vt, x - n, y);
		return true;
	case 'E':
		vt_go_to(vt, 0, y + n);
		return true;
	case 'F':
		vt_go_to(vt, 0, y - n);
		return true;
	case 'G':
		vt_go_to(vt, n - 1, y);
		return true;
	case 'd':
		vt_go_to(vt, x, n - 1);
		return true;
	case 'H':
	case 'f':
		vt_go_to(vt, (long)arg(vt, 1, 1) - 1, n - 1);
		return true;
	}
	return false;
}

void vt_csi_dispatch(struct vt *vt, uint8_t final)
{
	unsigned n = arg(vt, 0, 1);

	if (vt->private_) {
		csi_private(vt, final);
		return;
	}
	if (csi_motion(vt, final))
		return;
	switch (final) {
	case 'J':
		erase_display(vt, arg(vt, 0, 0));
		break;
	case 'K':
		erase_line(vt, arg(vt, 0, 0));
		break;
	case 'L':
		shift_lines(vt, n, true);
		break;
	case 'M':
		shift_lines(vt, n, false);
		break;
	case '@':
		shift_chars(vt, n, true);
		break;
	case 'P':
		shift_chars(vt, n, false);
		break;
	case 'X':
		clear_cells(vt, vt->pen.y, vt->pen.x, vt->pen.x + n);
		break;
	case 'm':
		sgr(vt);
		break;
	case 'r':
		set_region(vt);
		break;
	case 's':
		vt_save_cursor(vt);
		break;
	case 'u':
		vt_restore_cursor(vt);
		break;
	case 'n':
		status_report(vt);
		break;
	case 'c':
		respond(vt, "\033[?6c");
		break; /* a VT102, as Linux */
	}
}
