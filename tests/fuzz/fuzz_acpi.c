/*
 * fuzz_acpi.c - libFuzzer harness for the ACPI table locator
 * (kernel/dev/acpi.c: acpi_find), and after a found FADT the \_S5 read
 * from the DSDT it names (acpi_find_s5).
 *
 * The input's first byte holds flags: bit 0, the next 36 bytes are the
 * loader's RSDP copy (Multiboot2 tag 15); bit 1, the boot was under UEFI
 * (no scan). The rest is the BIOS area, physical 0xE0000 to 0xFFFFF
 * (zero past the input's end), where the scan looks for the RSDP and
 * where the tables it points to must lie; every other address is
 * unreachable. The reader hands out a heap copy of exactly the range
 * asked for, so reading past a checked length is caught by
 * AddressSanitizer. The result must be 0, -ENOENT or -EINVAL, and what it
 * reports must be consistent (checked here; a violation aborts). Copies
 * are freed after each run; single-threaded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "bootinfo.h"
#include "errno.h"
#include "physmem.h"

#define AREA 0xE0000u
#define AREA_SIZE 0x20000u
static uint8_t area[AREA_SIZE];
static struct physmem pm = {.mem = area, .base = AREA, .size = AREA_SIZE};

static const void *reader(uint64_t phys, uint32_t len)
{
	return physmem_read(&pm, phys, len);
}

static void check(const struct acpi_tables *t, int err)
{
	if (err != 0 && err != -ENOENT && err != -EINVAL)
		abort();
	if (!err && !t->fadt_found)
		abort();
	if (t->fadt_found && (t->fadt_len < 36 || t->fadt_len > (1u << 20)))
		abort();
	if (t->boot_arch_valid &&
	    (!t->fadt_found || t->fadt_rev < 3 || t->fadt_len < 111))
		abort();
	if (acpi_has_8042(t) != ACPI_UNKNOWN && !t->boot_arch_valid)
		abort();
}

/* One run: the input as flags, RSDP copy and BIOS area; see above. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	struct acpi_tables t;
	size_t n;
	int err;

	if (size < 1)
		return 0;
	memset(&bi, 0, sizeof(bi));
	bi.efi = data[0] & 2;
	data++, size--;
	if ((data[-1] & 1) && size >= ACPI_RSDP_COPY_MAX) {
		memcpy(bi.acpi_rsdp, data, ACPI_RSDP_COPY_MAX);
		bi.acpi_rsdp_len = ACPI_RSDP_COPY_MAX;
		data += ACPI_RSDP_COPY_MAX, size -= ACPI_RSDP_COPY_MAX;
	}
	n = size < AREA_SIZE ? size : AREA_SIZE;
	memset(area, 0, sizeof(area));
	memcpy(area, data, n);
	err = acpi_find(&t, &bi, reader, NULL);
	check(&t, err);
	if (!err) {
		struct acpi_s5 s5;

		err = acpi_find_s5(&t, reader, NULL, &s5);
		if (err != 0 && err != -ENOENT && err != -EINVAL)
			abort();
		if (!err && (s5.typ_a > 7 || s5.typ_b > 7))
			abort();
	}
	physmem_release(&pm);
	return 0;
}
