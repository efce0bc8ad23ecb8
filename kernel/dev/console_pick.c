/*
 * kernel/dev/console_pick.c - decide which console sinks to use.
 *
 * Pure code, no state, no locking; host-tested. The kernel calls it once,
 * after reading the boot information and the command line, and registers
 * the sinks it names (console_setup in console.c).
 *
 * Invariant of every plan: at least one sink is chosen, so the machine is
 * never silent (unless it has neither a UART nor a text screen:
 * console_pick_no_uart); and VGA text is chosen only when the loader left the
 * display in VGA text mode, because under UEFI (or a graphics mode) there
 * is no text buffer at 0xB8000 and writing there may hit anything.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"

#define VGA_TEXT_PHYS 0xB8000u
#define VGA_COLS_MAX 132
#define VGA_ROWS_MAX 60

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
 * when VGA is used, and whether a VGA console was asked for but is not
 * available (the caller says so on serial).
 */
struct console_plan console_pick(const struct boot_info *bi,
				 const struct kcmdline *kc)
{
	struct console_plan p = {.serial = true};
	bool usable = vga_text_usable(bi);

	if (kc->console != CONSOLE_SERIAL) {
		p.vga = usable;
		p.vga_missing = !usable;
	}
	if (kc->console == CONSOLE_VGA && usable)
		p.serial = false;
	if (p.vga)
		set_vga_size(&p, bi);
	return p;
}

/*
 * console_pick_no_uart - adjust plan p for a machine with no UART at COM1
 * (serial_init's probe failed): serial is dropped, and VGA text is used
 * whenever it is usable, even with console=serial, so that a screen
 * stays when there is one. With neither, the plan is empty: nothing can
 * be shown (the invariant above holds only where a UART or a text
 * screen exists).
 */
void console_pick_no_uart(struct console_plan *p, const struct boot_info *bi)
{
	p->serial = false;
	if (p->vga || !vga_text_usable(bi))
		return;
	p->vga = true;
	p->vga_missing = false;
	set_vga_size(p, bi);
}
