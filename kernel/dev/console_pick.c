/*
 * kernel/dev/console_pick.c - decide which console sinks to use.
 *
 * Pure code, no state, no locking; host-tested. The kernel calls it once,
 * after reading the boot information and the command line, and registers
 * the sinks it names (console_setup in console.c).
 *
 * Invariant of every plan: at least one sink is chosen, so the machine is
 * never silent (unless it has neither a UART nor a screen:
 * console_pick_no_uart); VGA text is chosen only when the loader left the
 * display in VGA text mode, because under UEFI (or a graphics mode) there is no
 * text buffer at 0xB8000 and writing there may hit anything; and the
 * framebuffer console only for a direct-RGB framebuffer of 24 or 32 bits
 * a pixel (Multiboot2 spec 3.6.12), never together with VGA text.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"

#define VGA_TEXT_PHYS 0xB8000u

/*
 * Is the VGA text buffer usable? Multiboot2: only when the framebuffer
 * tag says EGA text at 0xB8000 (Multiboot2 spec 3.6.12). Multiboot1 with
 * no framebuffer information: QEMU -kernel, which always starts in VGA
 * text mode. Never under UEFI.
 */
static bool vga_text_usable(const struct boot_info *bi)
{
	const struct boot_fb *fb = &bi->fb;

	if (bi->efi)
		return false;
	if (!fb->present)
		return bi->protocol == 1;
	return fb->type == FB_TYPE_EGA_TEXT && fb->addr == VGA_TEXT_PHYS &&
	       fb->width > 0 && fb->width <= VGA_COLS_MAX && fb->height > 0 &&
	       fb->height <= VGA_ROWS_MAX;
}

/* Is there a framebuffer fbcon can draw on (it checks the rest)? */
static bool fb_usable(const struct boot_info *bi)
{
	const struct boot_fb *fb = &bi->fb;

	return fb->present && fb->type == FB_TYPE_RGB &&
	       (fb->bpp == 24 || fb->bpp == 32) && fb->width > 0 &&
	       fb->height > 0;
}

/* The text size in characters: the loader's, else QEMU -kernel's 80x25. */
static void set_vga_size(struct console_plan *p, const struct boot_info *bi)
{
	p->cols = bi->fb.present ? bi->fb.width : 80;
	p->rows = bi->fb.present ? bi->fb.height : 25;
}

/*
 * console_pick - the console plan for this boot.
 * bi: what the loader said; kc: the parsed command line (console=).
 * Returns the plan: which sinks to register, the text size in characters
 * when VGA is used, and whether a screen console was asked for but none
 * is available (the caller says so on serial). console=vga asks for the
 * screen alone, whichever kind it is; console=both (the default) for the
 * screen and serial.
 */
struct console_plan console_pick(const struct boot_info *bi,
				 const struct kcmdline *kc)
{
	struct console_plan p = {.serial = true};
	bool usable = vga_text_usable(bi);

	if (kc->console != CONSOLE_SERIAL) {
		p.vga = usable;
		p.fb = !usable && fb_usable(bi);
		p.screen_missing = !p.vga && !p.fb;
	}
	if (kc->console == CONSOLE_VGA && (p.vga || p.fb))
		p.serial = false;
	if (p.vga)
		set_vga_size(&p, bi);
	return p;
}

/*
 * console_pick_no_uart - adjust plan p for a machine with no UART at COM1
 * (serial_init's probe failed): serial is dropped, and a screen console
 * (VGA text, else the framebuffer) is used whenever one is usable, even
 * with console=serial, so that a screen stays when there is one. With
 * neither, the plan is empty: nothing can be shown (the invariant above
 * holds only where a UART or a screen exists).
 */
void console_pick_no_uart(struct console_plan *p, const struct boot_info *bi)
{
	p->serial = false;
	if (p->vga || p->fb)
		return;
	p->vga = vga_text_usable(bi);
	p->fb = !p->vga && fb_usable(bi);
	p->screen_missing = !p->vga && !p->fb;
	if (p->vga)
		set_vga_size(p, bi);
}
