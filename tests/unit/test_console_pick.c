/*
 * Host tests for kernel/dev/console_pick.c: which console sinks a boot
 * uses, from the boot information and console=.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"

static struct boot_info mb1_qemu(void)
{
	return (struct boot_info){ .protocol = 1 };
}

static struct boot_info mb2_fb(uint8_t type, uint64_t addr, uint32_t w,
			       uint32_t h, bool efi)
{
	return (struct boot_info){
		.protocol = 2, .efi = efi,
		.fb = { .present = true, .type = type, .addr = addr,
			.width = w, .height = h, .bpp = type == 2 ? 16 : 32 },
	};
}

static struct console_plan pick(const struct boot_info *bi,
				enum console_sel sel)
{
	struct kcmdline kc = { .console = sel };

	return console_pick(bi, &kc);
}

static void test_qemu_kernel_mb1_gets_vga_and_serial(void **state)
{
	struct boot_info bi = mb1_qemu();
	struct console_plan p = pick(&bi, CONSOLE_BOTH);

	assert_true(p.vga && p.serial && !p.screen_missing);
	assert_int_equal(p.cols, 80);
	assert_int_equal(p.rows, 25);
}

static void test_grub_bios_ega_text_gets_vga(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB8000, 80, 25, false);
	struct console_plan p = pick(&bi, CONSOLE_BOTH);

	assert_true(p.vga && p.serial);
	assert_int_equal(p.cols, 80);
	assert_int_equal(p.rows, 25);
}

static void test_uefi_rgb_framebuffer_never_touches_vga(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_RGB, 0x80000000, 800, 600, true);

	for (int sel = CONSOLE_BOTH; sel <= CONSOLE_VGA; sel++) {
		struct console_plan p = pick(&bi, (enum console_sel)sel);

		assert_false(p.vga);
		assert_false(p.screen_missing);
	}
	assert_true(pick(&bi, CONSOLE_BOTH).fb);
	assert_true(pick(&bi, CONSOLE_BOTH).serial);
	assert_false(pick(&bi, CONSOLE_SERIAL).fb);
}

/* Bug: under UEFI the screen stayed black (no console drew on GOP). */
static void test_uefi_gop_framebuffer_gets_the_fb_console(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_RGB, 0x80000000, 800, 600, true);
	struct console_plan p = pick(&bi, CONSOLE_VGA);

	assert_true(p.fb);
	assert_false(p.serial); /* console=vga: the screen alone */
	bi.fb.bpp = 24;
	assert_true(pick(&bi, CONSOLE_BOTH).fb);
	bi.fb.bpp = 16; /* not drawn: serial, and say why */
	p = pick(&bi, CONSOLE_VGA);
	assert_false(p.fb);
	assert_true(p.serial);
	assert_true(p.screen_missing);
}

static void test_efi_flag_alone_forbids_vga(void **state)
{
	struct boot_info bi = mb1_qemu();

	bi.efi = true;
	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	/* even if a loader claimed EGA text under UEFI */
	bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB8000, 80, 25, true);
	assert_false(pick(&bi, CONSOLE_VGA).vga);
}

static void test_bios_graphics_mode_forbids_vga(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_RGB, 0xFD000000, 1280, 800,
				     false);

	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	assert_true(pick(&bi, CONSOLE_BOTH).fb);
	bi = mb2_fb(FB_TYPE_INDEXED, 0xA0000, 320, 200, false);
	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	assert_false(pick(&bi, CONSOLE_BOTH).fb);
}

static void test_mb2_without_framebuffer_tag_forbids_vga(void **state)
{
	struct boot_info bi = { .protocol = 2 };

	assert_false(pick(&bi, CONSOLE_BOTH).vga);
}

static void test_ega_text_elsewhere_or_odd_size_forbids_vga(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB0000, 80, 25, false);

	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB8000, 0, 25, false);
	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB8000, 1024, 768, false);
	assert_false(pick(&bi, CONSOLE_BOTH).vga);
	bi = mb2_fb(FB_TYPE_EGA_TEXT, 0xB8000, 80, 50, false);
	assert_true(pick(&bi, CONSOLE_BOTH).vga);
	assert_int_equal(pick(&bi, CONSOLE_BOTH).rows, 50);
}

static void test_console_serial_skips_vga(void **state)
{
	struct boot_info bi = mb1_qemu();
	struct console_plan p = pick(&bi, CONSOLE_SERIAL);

	assert_false(p.vga);
	assert_true(p.serial);
	assert_false(p.screen_missing);
}

static void test_console_vga_drops_serial_only_when_vga_works(void **state)
{
	struct boot_info bi = mb1_qemu();
	struct console_plan p = pick(&bi, CONSOLE_VGA);

	assert_true(p.vga);
	assert_false(p.serial);
	bi = mb2_fb(FB_TYPE_INDEXED, 0xA0000, 320, 200, true);
	p = pick(&bi, CONSOLE_VGA);
	assert_false(p.vga);
	assert_true(p.serial);		/* never silent */
	assert_true(p.screen_missing);
}

/* No UART at COM1: serial is dropped, and the screen is used even with
 * console=serial, so that the machine keeps a console if it has one. */
static void test_no_uart_uses_vga_even_with_console_serial(void **state)
{
	struct boot_info bi = mb1_qemu();
	struct console_plan p = pick(&bi, CONSOLE_SERIAL);

	console_pick_no_uart(&p, &bi);
	assert_true(p.vga);
	assert_false(p.serial);
	assert_int_equal(p.cols, 80);
	assert_int_equal(p.rows, 25);
}

/* No UART under UEFI: the framebuffer console, even with console=serial. */
static void test_no_uart_uses_the_framebuffer(void **state)
{
	struct boot_info bi = mb2_fb(FB_TYPE_RGB, 0x80000000, 800, 600, true);
	struct console_plan p = pick(&bi, CONSOLE_SERIAL);

	console_pick_no_uart(&p, &bi);
	assert_true(p.fb);
	assert_false(p.vga);
	assert_false(p.serial);
	assert_false(p.screen_missing);
}

/* No UART and no screen at all (Multiboot2 without a framebuffer tag):
 * the plan is empty, nothing can be shown. */
static void test_no_uart_and_no_screen_leaves_nothing(void **state)
{
	struct boot_info bi = {.protocol = 2};
	struct console_plan p = pick(&bi, CONSOLE_BOTH);

	console_pick_no_uart(&p, &bi);
	assert_false(p.vga);
	assert_false(p.fb);
	assert_false(p.serial);
	assert_true(p.screen_missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_kernel_mb1_gets_vga_and_serial),
		cmocka_unit_test(test_grub_bios_ega_text_gets_vga),
		cmocka_unit_test(test_uefi_rgb_framebuffer_never_touches_vga),
		cmocka_unit_test(test_uefi_gop_framebuffer_gets_the_fb_console),
		cmocka_unit_test(test_efi_flag_alone_forbids_vga),
		cmocka_unit_test(test_bios_graphics_mode_forbids_vga),
		cmocka_unit_test(test_mb2_without_framebuffer_tag_forbids_vga),
		cmocka_unit_test(
			test_ega_text_elsewhere_or_odd_size_forbids_vga),
		cmocka_unit_test(test_console_serial_skips_vga),
		cmocka_unit_test(
			test_console_vga_drops_serial_only_when_vga_works),
		cmocka_unit_test(
			test_no_uart_uses_vga_even_with_console_serial),
		cmocka_unit_test(test_no_uart_uses_the_framebuffer),
		cmocka_unit_test(test_no_uart_and_no_screen_leaves_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
