/*
 * kernel/dev/vt_int.h - what the terminal emulator's parser
 * (vt_parse.c) calls in vt.c, which does what a sequence means. Internal
 * to the two; the interface is vt.h. Each function keeps vt.c's
 * invariants (the cursor on the screen, the region valid).
 */
#ifndef SLEIGHT_VT_INT_H
#define SLEIGHT_VT_INT_H

#include <stdint.h>

#include "vt.h"

void vt_put_glyph(struct vt *vt, uint32_t cp); /* at the cursor */
void vt_linefeed(struct vt *vt);	       /* LF, IND: may scroll */
void vt_reverse_index(struct vt *vt);	       /* RI: may scroll down */
void vt_go_to(struct vt *vt, long x, long y);  /* clamped to the screen */
void vt_save_cursor(struct vt *vt);	       /* ESC 7, CSI s */
void vt_restore_cursor(struct vt *vt);	       /* ESC 8, CSI u */
void vt_full_reset(struct vt *vt);	       /* ESC c (RIS) */
/* A complete CSI with vt->params, vt->nparams, vt->private_ set. */
void vt_csi_dispatch(struct vt *vt, uint8_t final);

#endif
