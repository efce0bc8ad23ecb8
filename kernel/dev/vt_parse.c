/*
 * kernel/dev/vt_parse.c - the byte-level state machine of the terminal
 * emulator (vt.c): text, C0 controls, ESC, CSI with its parameters, OSC
 * strings, and UTF-8, following ECMA-48 (5.4 control sequences, 5.5
 * C0 controls executed inside a sequence) and console_codes(4).
 *
 * Owns no state: everything is in the caller's struct vt. Pure; same
 * locking and invariants as vt.c. Parameters past VT_PARAMS_MAX are
 * dropped, each saturates at VT_PARAM_MAX, an OSC string is given up
 * after VT_OSC_MAX bytes, and an unknown or malformed sequence is
 * dropped up to its final byte: no input leaves the grid.
 */
#include "kernel.h"
#include "vt.h"
#include "vt_int.h"

#define CP_REPLACEMENT 0xFFFD

/* C0 controls; also executed in the middle of a sequence (ECMA-48 5.5).
 * Returns false for ESC, CAN and SUB, which the caller handles. */
static bool control(struct vt *vt, uint8_t c, bool crlf)
{
	switch (c) {
	case '\a':
		vt->bells++;
		return true;
	case '\b':
		vt_go_to(vt, (long)vt->pen.x - 1, vt->pen.y);
		return true;
	case '\t':
		vt_go_to(vt, (vt->pen.x / VT_TAB + 1) * VT_TAB, vt->pen.y);
		return true;
	case '\n':
	case '\v':
	case '\f':
		if (crlf && c == '\n')
			vt->pen.x = 0;
		vt_linefeed(vt);
		return true;
	case '\r':
		vt_go_to(vt, 0, vt->pen.y);
		return true;
	case 0x18: /* CAN */
	case 0x1a: /* SUB */
	case 0x1b: /* ESC */
		return false;
	}
	return true; /* other C0 controls are ignored */
}

static void esc_dispatch(struct vt *vt, uint8_t c)
{
	vt->state = VT_GROUND;
	switch (c) {
	case '[':
		vt->state = VT_CSI;
		vt->nparams = 0;
		vt->private_ = false;
		memset(vt->params, 0, sizeof(vt->params));
		break;
	case ']':
		vt->state = VT_OSC;
		vt->osc_len = 0;
		break;
	case '(':
	case ')':
	case '#':
	case '%':
		vt->state = VT_ESC_SKIP;
		break;
	case '7':
		vt_save_cursor(vt);
		break;
	case '8':
		vt_restore_cursor(vt);
		break;
	case 'c':
		vt_full_reset(vt);
		break;
	case 'D':
		vt_linefeed(vt);
		break;
	case 'E':
		vt->pen.x = 0;
		vt_linefeed(vt);
		break;
	case 'M':
		vt_reverse_index(vt);
		break;
	}
}

/* A digit or ';' of a CSI; params past VT_PARAMS_MAX are dropped. */
static void csi_param(struct vt *vt, uint8_t c)
{
	if (vt->nparams == 0)
		vt->nparams = 1;
	if (c == ';') {
		if (vt->nparams < VT_PARAMS_MAX + 1)
			vt->nparams++;
		return;
	}
	if (vt->nparams > VT_PARAMS_MAX)
		return;
	unsigned *p = &vt->params[vt->nparams - 1];

	*p = MIN(*p * 10 + (unsigned)(c - '0'), VT_PARAM_MAX);
}

static void csi_byte(struct vt *vt, uint8_t c)
{
	if ((c >= '0' && c <= '9') || c == ';') {
		csi_param(vt, c);
	} else if (c == '?' && vt->nparams == 0 && !vt->private_) {
		vt->private_ = true;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt->nparams = MIN(vt->nparams, VT_PARAMS_MAX);
		vt->state = VT_GROUND;
		vt_csi_dispatch(vt, c);
	} else if (c >= 0x20 && c <= 0x2f) {
		/* intermediates: none we know; keep parsing */
	} else {
		vt->state = VT_CSI_IGNORE; /* ':', '<', '=', '>', ... */
	}
}

/* OSC: swallowed up to BEL or ESC \, at most VT_OSC_MAX bytes. */
static void osc_byte(struct vt *vt, uint8_t c)
{
	if (vt->state == VT_OSC_ESC) {
		vt->state = VT_GROUND;
		if (c != '\\')
			esc_dispatch(vt, c);
		return;
	}
	if (vt->state == VT_OSC_PALETTE) {
		if (++vt->skip == 7)
			vt->state = VT_GROUND;
		return;
	}
	if (vt->osc_len == 0 && (c == 'P' || c == 'R')) {
		vt->state = c == 'P' ? VT_OSC_PALETTE : VT_GROUND;
		vt->skip = 0;
		return;
	}
	if (c == '\a' || ++vt->osc_len >= VT_OSC_MAX)
		vt->state = VT_GROUND;
	else if (c == 0x1b)
		vt->state = VT_OSC_ESC;
}

/* Text: UTF-8 decoding, then the glyph goes in. */
static void text_byte(struct vt *vt, uint8_t c)
{
	if (vt->utf8_left && (c & 0xc0) == 0x80) {
		vt->utf8_cp = vt->utf8_cp << 6 | (c & 0x3f);
		if (--vt->utf8_left == 0)
			vt_put_glyph(vt, vt->utf8_cp > 0xffff ? CP_REPLACEMENT
							      : vt->utf8_cp);
		return;
	}
	if (vt->utf8_left) { /* sequence cut short */
		vt->utf8_left = 0;
		vt_put_glyph(vt, CP_REPLACEMENT);
	}
	if (c < 0x80)
		vt_put_glyph(vt, c);
	else if ((c & 0xe0) == 0xc0)
		vt->utf8_cp = c & 0x1f, vt->utf8_left = 1;
	else if ((c & 0xf0) == 0xe0)
		vt->utf8_cp = c & 0x0f, vt->utf8_left = 2;
	else if ((c & 0xf8) == 0xf0)
		vt->utf8_cp = c & 0x07, vt->utf8_left = 3;
	else
		vt_put_glyph(vt, CP_REPLACEMENT);
}

static void vt_byte(struct vt *vt, uint8_t c, bool crlf)
{
	if (c < 0x20 && vt->state != VT_OSC && vt->state != VT_OSC_PALETTE) {
		if (control(vt, c, crlf))
			return;
		vt->utf8_left = 0;
		vt->state = c == 0x1b ? VT_ESC : VT_GROUND;
		return;
	}
	switch (vt->state) {
	case VT_GROUND:
		if (c != 0x7f)
			text_byte(vt, c);
		break;
	case VT_ESC:
		esc_dispatch(vt, c);
		break;
	case VT_ESC_SKIP:
		vt->state = VT_GROUND;
		break;
	case VT_CSI:
		csi_byte(vt, c);
		break;
	case VT_CSI_IGNORE:
		if (c >= 0x40 && c <= 0x7e)
			vt->state = VT_GROUND;
		break;
	default:
		osc_byte(vt, c);
		break;
	}
}

void vt_write(struct vt *vt, const char *s, size_t n, bool crlf)
{
	for (size_t i = 0; i < n; i++)
		vt_byte(vt, (uint8_t)s[i], crlf);
}
