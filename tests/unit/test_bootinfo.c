/*
 * Host tests for kernel/bootinfo.c: Multiboot2 and Multiboot1 information
 * built by hand in a fake physical memory, well-formed and malformed.
 * The reader hands out pointers into an exact-size heap copy of each
 * reachable range, so AddressSanitizer catches any read past it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bootinfo.h"
#include "errno.h"
#include "physmem.h"

#define MEM_SIZE	0x20000u	/* bytes of fake physical memory */
#define INFO		0x1000u		/* the info block */

static uint8_t mem[MEM_SIZE];
static struct physmem pm = {.mem = mem, .size = MEM_SIZE};

/* Reachable: [0, MEM_SIZE). Each call returns a fresh exact-size copy. */
static const void *reader(uint64_t phys, uint32_t len)
{
	return physmem_read(&pm, phys, len);
}

static int teardown(void **state)
{
	physmem_release(&pm);
	return 0;
}

static int setup(void **state)
{
	memset(mem, 0, sizeof(mem));
	return 0;
}

static void w32(uint32_t phys, uint32_t v)
{
	memcpy(mem + phys, &v, 4);
}

static void w64(uint32_t phys, uint64_t v)
{
	memcpy(mem + phys, &v, 8);
}

/* ---- Multiboot2 builder: tags appended at 8-byte alignment ---------- */

static uint32_t mb2_end;

static void mb2_begin(void)
{
	mb2_end = INFO + 8;
}

/* Start a tag of the given type and size; returns its address. */
static uint32_t mb2_tag(uint32_t type, uint32_t size)
{
	uint32_t t = mb2_end;

	w32(t, type);
	w32(t + 4, size);
	mb2_end = t + ((size + 7) & ~7u);
	return t;
}

static void mb2_string_tag(uint32_t type, const char *s)
{
	uint32_t t = mb2_tag(type, 8 + (uint32_t)strlen(s) + 1);

	strcpy((char *)mem + t + 8, s);
}

/* Close the block with an end tag and write total_size. */
static uint32_t mb2_finish(void)
{
	mb2_tag(0, 8);
	w32(INFO, mb2_end - INFO);
	return mb2_end - INFO;
}

static int parse2(struct boot_info *bi)
{
	return bootinfo_parse(bi, MB2_BOOT_MAGIC, INFO, reader);
}

static void test_mb2_full_block(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	mb2_string_tag(1, "console=serial quiet");
	mb2_string_tag(2, "GRUB 2.06");
	t = mb2_tag(3, 16 + 8);
	w32(t + 8, 0x200000);
	w32(t + 12, 0x300000);
	strcpy((char *)mem + t + 16, "initrd");
	t = mb2_tag(6, 16 + 2 * 24);
	w32(t + 8, 24);
	w32(t + 12, 0);
	w64(t + 16, 0);
	w64(t + 24, 0x9fc00);
	w32(t + 32, 1);
	w64(t + 40, 0x100000);
	w64(t + 48, 0x7ee0000);
	w32(t + 56, 1);
	t = mb2_tag(8, 32);
	w64(t + 8, 0xB8000);
	w32(t + 16, 160);
	w32(t + 20, 80);
	w32(t + 24, 25);
	mem[t + 28] = 16;
	mem[t + 29] = FB_TYPE_EGA_TEXT;
	mb2_finish();

	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.protocol, 2);
	assert_string_equal(bi.cmdline, "console=serial quiet");
	assert_string_equal(bi.loader, "GRUB 2.06");
	assert_int_equal(bi.mod_count, 1);
	assert_int_equal(bi.mods[0].start, 0x200000);
	assert_int_equal(bi.mods[0].end, 0x300000);
	assert_string_equal(bi.mods[0].cmdline, "initrd");
	assert_int_equal(bi.mmap_count, 2);
	assert_int_equal(bi.mmap[1].base, 0x100000);
	assert_int_equal(bi.mmap[1].len, 0x7ee0000);
	assert_int_equal(bi.mmap[1].type, MMAP_AVAILABLE);
	assert_true(bi.fb.present);
	assert_int_equal(bi.fb.type, FB_TYPE_EGA_TEXT);
	assert_int_equal(bi.fb.addr, 0xB8000);
	assert_int_equal(bi.fb.width, 80);
	assert_int_equal(bi.fb.height, 25);
	assert_int_equal(bi.fb.bpp, 16);
	assert_false(bi.efi);
	assert_int_equal(bi.info_start, INFO);
	assert_int_equal(bi.info_end, mb2_end);
}

static void test_mb2_efi_tags_set_efi(void **state)
{
	const uint32_t types[] = { 11, 12, 18 };

	for (size_t i = 0; i < 3; i++) {
		struct boot_info bi;
		uint32_t t;

		setup(NULL);
		mb2_begin();
		t = mb2_tag(types[i], types[i] == 18 ? 8 : 16);
		w64(t + 8, 0x7f000000);
		mb2_finish();
		assert_int_equal(parse2(&bi), 0);
		assert_true(bi.efi);
	}
}

static void test_mb2_unknown_tags_skipped(void **state)
{
	struct boot_info bi;

	mb2_begin();
	mb2_tag(21, 12);	/* load base address */
	mb2_tag(99, 13);	/* unaligned size: next tag is 8-aligned */
	mb2_string_tag(1, "quiet");
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_string_equal(bi.cmdline, "quiet");
}

static void test_mb2_unterminated_strings_bounded(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(1, 8 + 5);
	memcpy(mem + t + 8, "quietXXX", 8);	/* no NUL inside the tag */
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_string_equal(bi.cmdline, "quiet");
}

static void test_mb2_total_size_too_small_or_too_big(void **state)
{
	struct boot_info bi;

	mb2_begin();
	mb2_finish();
	w32(INFO, 8);
	assert_int_equal(parse2(&bi), -EINVAL);
	w32(INFO, 0);
	assert_int_equal(parse2(&bi), -EINVAL);
	w32(INFO, 0x40000000);
	assert_int_equal(parse2(&bi), -EINVAL);
	/* plausible size, but past the end of reachable memory */
	w32(INFO, MEM_SIZE);
	assert_int_equal(parse2(&bi), -EFAULT);
}

static void test_mb2_tag_size_below_eight_rejected(void **state)
{
	struct boot_info bi;

	mb2_begin();
	mb2_tag(1, 4);
	mb2_end = INFO + 16;
	mb2_finish();
	assert_int_equal(parse2(&bi), -EINVAL);
}

static void test_mb2_tag_overrunning_block_rejected(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(1, 16);
	strcpy((char *)mem + t + 8, "quiet");
	mb2_finish();
	w32(t + 4, 0x100);	/* claims to run past total_size */
	assert_int_equal(parse2(&bi), -EINVAL);
}

static void test_mb2_missing_end_tag_rejected(void **state)
{
	struct boot_info bi;

	mb2_begin();
	mb2_string_tag(1, "quiet");
	w32(INFO, mb2_end - INFO);
	assert_int_equal(parse2(&bi), -EINVAL);
}

static void test_mb2_short_mmap_entries_rejected(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(6, 16 + 2 * 20);
	w32(t + 8, 20);
	mb2_finish();
	assert_int_equal(parse2(&bi), -EINVAL);
}

/*
 * Bug: an mmap tag with a huge entry_size (0xFFFFFFF8) made
 * "off + esize <= size" wrap around, so entries were read past the end
 * of the tag and of the whole information block.
 */
static void test_mb2_mmap_huge_entry_size_no_overrun(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(6, 16);
	w32(t + 8, 0xFFFFFFF8u);
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.mmap_count, 0);
}

static void test_mb2_short_framebuffer_and_module_rejected(void **state)
{
	struct boot_info bi;

	mb2_begin();
	mb2_tag(8, 24);
	mb2_finish();
	assert_int_equal(parse2(&bi), -EINVAL);
	setup(NULL);
	mb2_begin();
	mb2_tag(3, 12);
	mb2_finish();
	assert_int_equal(parse2(&bi), -EINVAL);
}

static void test_mb2_too_many_entries_dropped(void **state)
{
	struct boot_info bi;
	uint32_t t, n = BOOT_MMAP_MAX + 10;

	mb2_begin();
	t = mb2_tag(6, 16 + n * 24);
	w32(t + 8, 24);
	for (uint32_t i = 0; i < n; i++)
		w64(t + 16 + i * 24, i * 0x1000);
	for (uint32_t i = 0; i < BOOT_MODULES_MAX + 3; i++)
		mb2_tag(3, 16);
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.mmap_count, BOOT_MMAP_MAX);
	assert_int_equal(bi.mmap[BOOT_MMAP_MAX - 1].base,
			 (BOOT_MMAP_MAX - 1) * 0x1000);
	assert_int_equal(bi.mod_count, BOOT_MODULES_MAX);
}

static void test_unknown_magic_rejected(void **state)
{
	struct boot_info bi;

	assert_int_equal(bootinfo_parse(&bi, 0x12345678, INFO, reader),
			 -EINVAL);
}

/* ---- Multiboot1 --------------------------------------------------- */

#define MB1_STRS	0x3000u
#define MB1_MMAP	0x4000u
#define MB1_MODS	0x5000u

static int parse1(struct boot_info *bi)
{
	return bootinfo_parse(bi, MB1_BOOT_MAGIC, INFO, reader);
}

static void mb1_mmap_entry(uint32_t at, uint32_t size, uint64_t base,
			   uint64_t len, uint32_t type)
{
	w32(at, size);
	w64(at + 4, base);
	w64(at + 12, len);
	w32(at + 20, type);
}

static void test_mb1_qemu_style(void **state)
{
	struct boot_info bi;

	w32(INFO, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 6) | (1 << 9));
	w32(INFO + 4, 639);
	w32(INFO + 8, 130048);
	w32(INFO + 16, MB1_STRS);
	strcpy((char *)mem + MB1_STRS, "/boot/sleight.elf quiet");
	w32(INFO + 64, MB1_STRS + 0x100);
	strcpy((char *)mem + MB1_STRS + 0x100, "qemu");
	w32(INFO + 20, 1);
	w32(INFO + 24, MB1_MODS);
	w32(MB1_MODS, 0x400000);
	w32(MB1_MODS + 4, 0x401000);
	w32(MB1_MODS + 8, MB1_STRS + 0x200);
	strcpy((char *)mem + MB1_STRS + 0x200, "mod0");
	w32(INFO + 44, 2 * 24);
	w32(INFO + 48, MB1_MMAP);
	mb1_mmap_entry(MB1_MMAP, 20, 0, 0x9fc00, 1);
	mb1_mmap_entry(MB1_MMAP + 24, 20, 0x100000, 0x7f00000, 1);

	assert_int_equal(parse1(&bi), 0);
	assert_int_equal(bi.protocol, 1);
	assert_string_equal(bi.cmdline, "/boot/sleight.elf quiet");
	assert_string_equal(bi.loader, "qemu");
	assert_int_equal(bi.mod_count, 1);
	assert_int_equal(bi.mods[0].start, 0x400000);
	assert_string_equal(bi.mods[0].cmdline, "mod0");
	assert_int_equal(bi.mmap_count, 2);
	assert_int_equal(bi.mmap[1].base, 0x100000);
	assert_int_equal(bi.mmap[1].len, 0x7f00000);
	assert_false(bi.fb.present);
	assert_false(bi.efi);
}

static void test_mb1_mem_fields_without_mmap(void **state)
{
	struct boot_info bi;

	w32(INFO, 1 << 0);
	w32(INFO + 4, 640);
	w32(INFO + 8, 1024);
	assert_int_equal(parse1(&bi), 0);
	assert_int_equal(bi.mmap_count, 2);
	assert_int_equal(bi.mmap[0].len, 640 * 1024);
	assert_int_equal(bi.mmap[1].base, 0x100000);
	assert_int_equal(bi.mmap[1].len, 1024 * 1024);
}

static void test_mb1_framebuffer(void **state)
{
	struct boot_info bi;

	w32(INFO, 1 << 12);
	w64(INFO + 88, 0xFD000000);
	w32(INFO + 96, 4096);
	w32(INFO + 100, 1024);
	w32(INFO + 104, 768);
	mem[INFO + 108] = 32;
	mem[INFO + 109] = FB_TYPE_RGB;
	assert_int_equal(parse1(&bi), 0);
	assert_true(bi.fb.present);
	assert_int_equal(bi.fb.type, FB_TYPE_RGB);
	assert_int_equal(bi.fb.width, 1024);
	assert_int_equal(bi.fb.bpp, 32);
	assert_int_equal(bi.fb.red_pos, 0); /* all zero here */
}

/* Bug: the colour layout of an RGB framebuffer (Multiboot2 3.6.12,
 * bytes 32-37 of the tag) was not read, so a BGR framebuffer drew red
 * as blue; and an RGB tag too short to hold it was taken. */
static void test_mb2_rgb_framebuffer_colour_layout(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(8, 38);
	w64(t + 8, 0x80000000);
	w32(t + 16, 2400);
	w32(t + 20, 800);
	w32(t + 24, 600);
	mem[t + 28] = 24;
	mem[t + 29] = FB_TYPE_RGB;
	memcpy(mem + t + 32, "\x00\x08\x08\x08\x10\x08", 6); /* BGR */
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.fb.pitch, 2400);
	assert_int_equal(bi.fb.red_pos, 0);
	assert_int_equal(bi.fb.red_size, 8);
	assert_int_equal(bi.fb.green_pos, 8);
	assert_int_equal(bi.fb.blue_pos, 16);
	assert_int_equal(bi.fb.blue_size, 8);

	mb2_begin();
	t = mb2_tag(8, 32);
	mem[t + 29] = FB_TYPE_RGB;
	mb2_finish();
	assert_int_equal(parse2(&bi), -EINVAL);
}

/*
 * Bug: a loader string ending right at the end of reachable memory was
 * cut to its first byte, because the reader was retried only at halved
 * lengths (48, 24, ..., 1).
 */
static void test_mb1_string_at_end_of_memory_kept_whole(void **state)
{
	struct boot_info bi;

	w32(INFO, 1 << 9);
	w32(INFO + 64, MEM_SIZE - 5);
	memcpy(mem + MEM_SIZE - 5, "qemu", 5);
	assert_int_equal(parse1(&bi), 0);
	assert_string_equal(bi.loader, "qemu");
	mem[MEM_SIZE - 1] = 'x';	/* no NUL before the end of memory */
	assert_int_equal(parse1(&bi), 0);
	assert_string_equal(bi.loader, "qemux");
}

static void test_mb1_unreachable_pointers(void **state)
{
	struct boot_info bi;

	/* unreachable strings are left empty, not an error */
	w32(INFO, (1 << 2) | (1 << 9));
	w32(INFO + 16, 0xF0000000u);
	w32(INFO + 64, MEM_SIZE);
	assert_int_equal(parse1(&bi), 0);
	assert_string_equal(bi.cmdline, "");
	assert_string_equal(bi.loader, "");
	/* an unreachable mmap or module list is */
	w32(INFO, 1 << 6);
	w32(INFO + 44, 24);
	w32(INFO + 48, 0xF0000000u);
	assert_int_equal(parse1(&bi), -EFAULT);
	w32(INFO, 1 << 3);
	w32(INFO + 20, 2);
	w32(INFO + 24, 0xF0000000u);
	assert_int_equal(parse1(&bi), -EFAULT);
	/* and the info block itself */
	assert_int_equal(bootinfo_parse(&bi, MB1_BOOT_MAGIC, MEM_SIZE - 8,
					reader), -EFAULT);
}

static void test_mb1_short_mmap_entry_rejected(void **state)
{
	struct boot_info bi;

	w32(INFO, 1 << 6);
	w32(INFO + 44, 48);
	w32(INFO + 48, MB1_MMAP);
	mb1_mmap_entry(MB1_MMAP, 16, 0, 0x1000, 1);
	assert_int_equal(parse1(&bi), -EINVAL);
}

/*
 * Bug: an MB1 mmap entry whose size field is 0xFFFFFFFC made
 * "off += size + 4" wrap to the same offset, so the parser looped for
 * ever at boot.
 */
static void test_mb1_mmap_wrapping_entry_size_terminates(void **state)
{
	struct boot_info bi;

	w32(INFO, 1 << 6);
	w32(INFO + 44, 48);
	w32(INFO + 48, MB1_MMAP);
	mb1_mmap_entry(MB1_MMAP, 0xFFFFFFFCu, 0, 0x1000, 1);
	assert_int_equal(parse1(&bi), -EINVAL);
}

/* The loader's RSDP copies (tags 14, 15): the new one wins whatever the
 * order, and a copy longer than we keep is cut, not overrun. */
static void test_mb2_acpi_rsdp_copies(void **state)
{
	struct boot_info bi;
	uint32_t t;

	mb2_begin();
	t = mb2_tag(15, 8 + 36);
	memcpy(mem + t + 8, "RSD PTR ", 8);
	mem[t + 8 + 15] = 2;
	t = mb2_tag(14, 8 + 20);
	memcpy(mem + t + 8, "RSD PTR ", 8);
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.acpi_rsdp_len, 36);
	assert_true(bi.acpi_rsdp_new);
	assert_int_equal(bi.acpi_rsdp[15], 2);

	mb2_begin();
	mb2_tag(14, 8 + 20);
	t = mb2_tag(15, 8 + 200);
	mem[t + 8 + 15] = 7;
	mb2_finish();
	assert_int_equal(parse2(&bi), 0);
	assert_int_equal(bi.acpi_rsdp_len, ACPI_RSDP_COPY_MAX);
	assert_int_equal(bi.acpi_rsdp[15], 7);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mb2_full_block),
		T(test_mb2_acpi_rsdp_copies),
		T(test_mb2_efi_tags_set_efi),
		T(test_mb2_unknown_tags_skipped),
		T(test_mb2_unterminated_strings_bounded),
		T(test_mb2_total_size_too_small_or_too_big),
		T(test_mb2_tag_size_below_eight_rejected),
		T(test_mb2_tag_overrunning_block_rejected),
		T(test_mb2_missing_end_tag_rejected),
		T(test_mb2_short_mmap_entries_rejected),
		T(test_mb2_mmap_huge_entry_size_no_overrun),
		T(test_mb2_short_framebuffer_and_module_rejected),
		T(test_mb2_too_many_entries_dropped),
		T(test_unknown_magic_rejected),
		T(test_mb1_qemu_style),
		T(test_mb1_mem_fields_without_mmap),
		T(test_mb1_framebuffer),
		T(test_mb2_rgb_framebuffer_colour_layout),
		T(test_mb1_string_at_end_of_memory_kept_whole),
		T(test_mb1_unreachable_pointers),
		T(test_mb1_short_mmap_entry_rejected),
		T(test_mb1_mmap_wrapping_entry_size_terminates),
	};

	alarm(30);	/* a parser that loops for ever fails, not hangs */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
