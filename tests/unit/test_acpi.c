/*
 * Host tests for kernel/dev/acpi.c: the RSDP, RSDT/XSDT and FADT locator,
 * on tables built by hand in a fake physical memory (the BIOS area and
 * the EBDA included), well-formed and malformed. The reader hands out an
 * exact-size heap copy of each reachable range, so AddressSanitizer
 * catches any read past what was checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "acpi.h"
#include "bootinfo.h"
#include "errno.h"
#include "physmem.h"

#define MEM_SIZE 0x110000u /* the first MiB and a little more */
#define RSDP_AT 0xE0010u   /* in the BIOS area scan */
#define EBDA 0x9FC00u
#define RSDT_AT 0x100000u
#define XSDT_AT 0x100400u
#define FADT_AT 0x101000u
#define FADT2_AT 0x102000u
#define OTHER_AT 0x103000u
#define FADT_LEN 276u

static uint8_t mem[MEM_SIZE];
static struct physmem pm = {.mem = mem, .size = MEM_SIZE};
static int warnings;

static const void *reader(uint64_t phys, uint32_t len)
{
	return physmem_read(&pm, phys, len);
}

static void warn(const char *what, uint64_t phys)
{
	warnings++;
}

static int setup(void **state)
{
	memset(mem, 0, sizeof(mem));
	warnings = 0;
	return 0;
}

static int teardown(void **state)
{
	physmem_release(&pm);
	return 0;
}

static void w32(uint32_t at, uint32_t v)
{
	memcpy(mem + at, &v, 4);
}

static void w64(uint32_t at, uint64_t v)
{
	memcpy(mem + at, &v, 8);
}

/* Set the byte at sum_at so that [at, at + len) sums to 0. */
static void fix_sum(uint32_t at, uint32_t len, uint32_t sum_at)
{
	uint8_t s = 0;

	mem[sum_at] = 0;
	for (uint32_t i = 0; i < len; i++)
		s += mem[at + i];
	mem[sum_at] = (uint8_t)-s;
}

static void put_rsdp(uint32_t at, uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	memcpy(mem + at, "RSD PTR ", 8);
	memcpy(mem + at + 9, "TESTOE", 6);
	mem[at + 15] = rev;
	w32(at + 16, rsdt);
	if (rev >= 2) {
		w32(at + 20, 36);
		w64(at + 24, xsdt);
	}
	fix_sum(at, 20, at + 8);
	if (rev >= 2)
		fix_sum(at, 36, at + 32);
}

/* A table header; the checksum is fixed by seal(). */
static void put_hdr(uint32_t at, const char *sig, uint32_t len, uint8_t rev)
{
	memcpy(mem + at, sig, 4);
	w32(at + 4, len);
	mem[at + 8] = rev;
}

static void seal(uint32_t at)
{
	uint32_t len;

	memcpy(&len, mem + at + 4, 4);
	fix_sum(at, len, at + 9);
}

static void put_rsdt(uint32_t at, const uint32_t *ents, unsigned n)
{
	put_hdr(at, "RSDT", 36 + 4 * n, 1);
	for (unsigned i = 0; i < n; i++)
		w32(at + 36 + 4 * i, ents[i]);
	seal(at);
}

static void put_xsdt(uint32_t at, const uint64_t *ents, unsigned n)
{
	put_hdr(at, "XSDT", 36 + 8 * n, 1);
	for (unsigned i = 0; i < n; i++)
		w64(at + 36 + 8 * i, ents[i]);
	seal(at);
}

static void put_fadt(uint32_t at, uint8_t rev, uint16_t boot_arch)
{
	put_hdr(at, "FACP", FADT_LEN, rev);
	mem[at + 109] = (uint8_t)boot_arch;
	mem[at + 110] = (uint8_t)(boot_arch >> 8);
	seal(at);
}

/* The usual good layout: RSDP v0 in the BIOS area -> RSDT -> (another
 * table, FADT). */
static void good_v1(uint8_t fadt_rev, uint16_t boot_arch)
{
	uint32_t ents[] = {OTHER_AT, FADT_AT};

	put_hdr(OTHER_AT, "APIC", 44, 1);
	seal(OTHER_AT);
	put_fadt(FADT_AT, fadt_rev, boot_arch);
	put_rsdt(RSDT_AT, ents, 2);
	put_rsdp(RSDP_AT, 0, RSDT_AT, 0);
}

static int find(struct acpi_tables *t, const struct boot_info *bi)
{
	static const struct boot_info none;

	return acpi_find(t, bi ? bi : &none, reader, warn);
}

static void test_scan_finds_fadt_with_8042(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_LEGACY | ACPI_BOOT_ARCH_8042);
	assert_int_equal(find(&t, NULL), 0);
	assert_true(t.rsdp_found && !t.rsdp_from_loader);
	assert_int_equal(t.rsdp_phys, RSDP_AT);
	assert_int_equal(t.root_phys, RSDT_AT);
	assert_int_equal(t.fadt_phys, FADT_AT);
	assert_int_equal(acpi_has_8042(&t), ACPI_YES);
	assert_int_equal(warnings, 0);
}

static void test_fadt_rev3_without_8042_bit_says_no(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_LEGACY);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(acpi_has_8042(&t), ACPI_NO);
}

/* ACPI 1.0 FADTs have a reserved field there: not believed, as Linux. */
static void test_fadt_rev1_flags_are_not_believed(void **state)
{
	struct acpi_tables t;

	good_v1(1, 0);
	assert_int_equal(find(&t, NULL), 0);
	assert_false(t.boot_arch_valid);
	assert_int_equal(acpi_has_8042(&t), ACPI_UNKNOWN);
}

static void test_short_fadt_has_no_flags(void **state)
{
	struct acpi_tables t;

	good_v1(3, 0);
	w32(FADT_AT + 4, 100); /* ends before IAPC_BOOT_ARCH */
	seal(FADT_AT);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(acpi_has_8042(&t), ACPI_UNKNOWN);
}

#define DSDT_AT 0x104000u

/* The power fields of a FADT at FADT_AT (then sealed again): PM1a/PM1b
 * control ports, DSDT, and the reset register as QEMU's q35 has them. */
static void put_fadt_power(uint32_t dsdt, bool reset_sup, uint8_t space)
{
	w32(FADT_AT + 40, dsdt);
	w32(FADT_AT + 64, 0x604);
	w32(FADT_AT + 68, 0);
	w32(FADT_AT + 112, reset_sup ? 1u << 10 : 0);
	mem[FADT_AT + 116] = space;
	w64(FADT_AT + 120, 0xcf9);
	mem[FADT_AT + 128] = 0x06;
	seal(FADT_AT);
}

static void put_dsdt(const uint8_t *aml, uint32_t n)
{
	put_hdr(DSDT_AT, "DSDT", 36 + n, 2);
	memcpy(mem + DSDT_AT + 36, aml, n);
	seal(DSDT_AT);
}

static const uint8_t s5_aml[] = {0x08, '_', 'S', '5', '_', 0x12, 0x06,
				 0x02, 0x0A, 0x05, 0x0A, 0x03};

static void test_fadt_power_fields_and_s5(void **state)
{
	struct acpi_tables t;
	struct acpi_s5 s5;

	good_v1(3, 0);
	put_fadt_power(DSDT_AT, true, ACPI_GAS_SYSTEM_IO);
	put_dsdt(s5_aml, sizeof(s5_aml));
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.dsdt_phys, DSDT_AT);
	assert_int_equal(t.pm1a_cnt, 0x604);
	assert_int_equal(t.pm1b_cnt, 0);
	assert_true(t.reset_valid);
	assert_int_equal(t.reset_port, 0xcf9);
	assert_int_equal(t.reset_value, 0x06);
	assert_int_equal(acpi_find_s5(&t, reader, warn, &s5), 0);
	assert_int_equal(s5.typ_a, 5);
	assert_int_equal(s5.typ_b, 3);
	assert_int_equal(warnings, 0);
}

/* RESET_REG_SUP clear, a memory-space reset register, a rev 1 FADT:
 * no reset register is believed. */
static void test_reset_reg_needs_flag_io_space_and_rev2(void **state)
{
	struct acpi_tables t;

	good_v1(3, 0);
	put_fadt_power(DSDT_AT, false, ACPI_GAS_SYSTEM_IO);
	assert_int_equal(find(&t, NULL), 0);
	assert_false(t.reset_valid);
	put_fadt_power(DSDT_AT, true, 0);
	assert_int_equal(find(&t, NULL), 0);
	assert_false(t.reset_valid);
	mem[FADT_AT + 8] = 1;
	put_fadt_power(DSDT_AT, true, ACPI_GAS_SYSTEM_IO);
	assert_int_equal(find(&t, NULL), 0);
	assert_false(t.reset_valid);
}

/* A DSDT with a bad checksum, or a wrong signature, is not read. */
static void test_bad_dsdt_is_skipped(void **state)
{
	struct acpi_tables t;
	struct acpi_s5 s5 = {9, 9};

	good_v1(3, 0);
	put_fadt_power(DSDT_AT, true, ACPI_GAS_SYSTEM_IO);
	put_dsdt(s5_aml, sizeof(s5_aml));
	mem[DSDT_AT + 40]++;
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(acpi_find_s5(&t, reader, warn, &s5), -EINVAL);
	assert_int_equal(s5.typ_a, 9);
	assert_true(warnings > 0);
	put_hdr(DSDT_AT, "SSDT", 36 + sizeof(s5_aml), 2);
	seal(DSDT_AT);
	assert_int_equal(acpi_find_s5(&t, reader, warn, &s5), -EINVAL);
	put_fadt_power(0, true, ACPI_GAS_SYSTEM_IO);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(acpi_find_s5(&t, reader, warn, &s5), -ENOENT);
}

static void test_no_rsdp_anywhere(void **state)
{
	struct acpi_tables t;

	assert_int_equal(find(&t, NULL), -ENOENT);
	assert_false(t.rsdp_found);
	assert_int_equal(acpi_has_8042(&t), ACPI_UNKNOWN);
}

/* A bad candidate is reported and the scan goes on to the next one. */
static void test_bad_rsdp_checksum_skipped_for_a_later_good_one(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	memmove(mem + RSDP_AT + 0x100, mem + RSDP_AT, 20);
	memset(mem + RSDP_AT, 0, 20);
	put_rsdp(RSDP_AT, 0, RSDT_AT, 0);
	mem[RSDP_AT + 8] ^= 1; /* first one: bad checksum */
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.rsdp_phys, RSDP_AT + 0x100);
	assert_int_equal(warnings, 1);
}

static void test_rsdp_off_16_byte_boundary_not_found(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	memmove(mem + RSDP_AT + 4, mem + RSDP_AT, 20);
	memset(mem + RSDP_AT, 0, 4);
	assert_int_equal(find(&t, NULL), -ENOENT);
}

static void test_rsdp_in_ebda_found_first(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	mem[0x40E] = (uint8_t)(EBDA >> 4);
	mem[0x40F] = (uint8_t)(EBDA >> 12);
	put_rsdp(EBDA + 0x20, 0, RSDT_AT, 0);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.rsdp_phys, EBDA + 0x20);
}

static void test_v2_rsdp_bad_extended_checksum_skipped(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdp(RSDP_AT, 2, RSDT_AT, XSDT_AT);
	mem[RSDP_AT + 33] ^= 0xFF; /* reserved byte: only the ext sum sees */
	assert_int_equal(find(&t, NULL), -ENOENT);
	assert_int_equal(warnings, 1);
}

static void test_xsdt_preferred(void **state)
{
	struct acpi_tables t;
	uint64_t ents[] = {FADT2_AT};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_fadt(FADT2_AT, 4, 0);
	put_xsdt(XSDT_AT, ents, 1);
	put_rsdp(RSDP_AT, 2, RSDT_AT, XSDT_AT);
	assert_int_equal(find(&t, NULL), 0);
	assert_true(t.xsdt);
	assert_int_equal(t.fadt_phys, FADT2_AT);
	assert_int_equal(acpi_has_8042(&t), ACPI_NO);
}

static void test_bad_xsdt_falls_back_to_rsdt(void **state)
{
	struct acpi_tables t;
	uint64_t ents[] = {FADT2_AT};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_xsdt(XSDT_AT, ents, 1);
	mem[XSDT_AT + 36] ^= 1; /* checksum now wrong */
	put_rsdp(RSDP_AT, 2, RSDT_AT, XSDT_AT);
	assert_int_equal(find(&t, NULL), 0);
	assert_false(t.xsdt);
	assert_int_equal(t.fadt_phys, FADT_AT);
	assert_int_equal(warnings, 1);
}

static void test_rsdt_huge_length_rejected(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	w32(RSDT_AT + 4, 0xFFFFFFFFu);
	assert_int_equal(find(&t, NULL), -EINVAL);
	assert_false(t.fadt_found);
	assert_int_equal(warnings, 1);
}

static void test_rsdt_shorter_than_header_rejected(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	w32(RSDT_AT + 4, 20);
	assert_int_equal(find(&t, NULL), -EINVAL);
}

/* The length runs past the end of memory: unreachable, not read. */
static void test_rsdt_past_end_of_memory_rejected(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	w32(RSDT_AT + 4, MEM_SIZE - RSDT_AT + 4);
	assert_int_equal(find(&t, NULL), -EINVAL);
}

static void test_rsdt_wrong_signature_rejected(void **state)
{
	struct acpi_tables t;

	good_v1(3, ACPI_BOOT_ARCH_8042);
	memcpy(mem + RSDT_AT, "XSDT", 4);
	seal(RSDT_AT);
	assert_int_equal(find(&t, NULL), -EINVAL);
}

/* A length that is not a multiple of the entry size: the partial entry
 * is not read. */
static void test_rsdt_ragged_length_ignores_partial_entry(void **state)
{
	struct acpi_tables t;
	uint32_t ents[] = {FADT_AT, 0};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdt(RSDT_AT, ents, 2);
	w32(RSDT_AT + 4, 36 + 4 + 3);
	seal(RSDT_AT);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.fadt_phys, FADT_AT);
}

static void test_bad_fadt_skipped_for_a_second_one(void **state)
{
	struct acpi_tables t;
	uint32_t ents[] = {FADT_AT, FADT2_AT};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	mem[FADT_AT + 200] ^= 1; /* checksum now wrong */
	put_fadt(FADT2_AT, 3, 0);
	put_rsdt(RSDT_AT, ents, 2);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.fadt_phys, FADT2_AT);
	assert_int_equal(acpi_has_8042(&t), ACPI_NO);
	assert_int_equal(warnings, 1);
}

static void test_entry_out_of_memory_skipped(void **state)
{
	struct acpi_tables t;
	uint32_t ents[] = {0xFFFFFFF0u, FADT_AT};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdt(RSDT_AT, ents, 2);
	assert_int_equal(find(&t, NULL), 0);
	assert_int_equal(t.fadt_phys, FADT_AT);
	assert_int_equal(warnings, 1);
}

static void test_no_fadt_in_rsdt(void **state)
{
	struct acpi_tables t;
	uint32_t ents[] = {OTHER_AT};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdt(RSDT_AT, ents, 1);
	assert_int_equal(find(&t, NULL), -ENOENT);
	assert_true(t.rsdp_found);
	assert_false(t.fadt_found);
}

/* The Multiboot2 copy is used first; no scan is needed. */
static void test_loader_copy_used_first(void **state)
{
	struct acpi_tables t;
	struct boot_info bi = {0};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdp(RSDP_AT, 2, RSDT_AT, 0);
	memcpy(bi.acpi_rsdp, mem + RSDP_AT, 36);
	bi.acpi_rsdp_len = 36;
	memset(mem + RSDP_AT, 0, 36);
	assert_int_equal(find(&t, &bi), 0);
	assert_true(t.rsdp_from_loader);
	assert_int_equal(t.rsdp_rev, 2);
	assert_int_equal(t.fadt_phys, FADT_AT);
}

/* A v2 RSDP cut to the 20 bytes of an old tag: its length cannot be
 * checked, so the copy is skipped and the scan finds the real one. */
static void test_loader_copy_too_short_for_v2_falls_back_to_scan(void **state)
{
	struct acpi_tables t;
	struct boot_info bi = {0};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	put_rsdp(RSDP_AT, 2, RSDT_AT, 0);
	memcpy(bi.acpi_rsdp, mem + RSDP_AT, 20);
	bi.acpi_rsdp_len = 20;
	assert_int_equal(find(&t, &bi), 0);
	assert_false(t.rsdp_from_loader);
	assert_int_equal(warnings, 1);
}

/* Under UEFI the BIOS area means nothing: no scan. */
static void test_uefi_without_loader_copy_does_not_scan(void **state)
{
	struct acpi_tables t;
	struct boot_info bi = {.efi = true};

	good_v1(3, ACPI_BOOT_ARCH_8042);
	assert_int_equal(find(&t, &bi), -ENOENT);
	assert_false(t.rsdp_found);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_scan_finds_fadt_with_8042),
		T(test_fadt_power_fields_and_s5),
		T(test_reset_reg_needs_flag_io_space_and_rev2),
		T(test_bad_dsdt_is_skipped),
		T(test_fadt_rev3_without_8042_bit_says_no),
		T(test_fadt_rev1_flags_are_not_believed),
		T(test_short_fadt_has_no_flags),
		T(test_no_rsdp_anywhere),
		T(test_bad_rsdp_checksum_skipped_for_a_later_good_one),
		T(test_rsdp_off_16_byte_boundary_not_found),
		T(test_rsdp_in_ebda_found_first),
		T(test_v2_rsdp_bad_extended_checksum_skipped),
		T(test_xsdt_preferred),
		T(test_bad_xsdt_falls_back_to_rsdt),
		T(test_rsdt_huge_length_rejected),
		T(test_rsdt_shorter_than_header_rejected),
		T(test_rsdt_past_end_of_memory_rejected),
		T(test_rsdt_wrong_signature_rejected),
		T(test_rsdt_ragged_length_ignores_partial_entry),
		T(test_bad_fadt_skipped_for_a_second_one),
		T(test_entry_out_of_memory_skipped),
		T(test_no_fadt_in_rsdt),
		T(test_loader_copy_used_first),
		T(test_loader_copy_too_short_for_v2_falls_back_to_scan),
		T(test_uefi_without_loader_copy_does_not_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
