/*
 * kernel/dev/acpi.c - find the ACPI tables and read the FADT's boot
 * architecture flags.
 *
 * Owns nothing after it returns: the answers are copied into the caller's
 * struct acpi_tables. Pure code (memory reached only through the
 * phys_reader_t), no locking; host-tested on malformed tables by
 * tests/unit/test_acpi.c.
 *
 * Invariants: no table is trusted before its signature, its length
 * (36 bytes at least, ACPI_TABLE_MAX at most) and its checksum are
 * checked; every offset read lies inside the length checked; a bad or
 * unreachable structure is reported through warn and skipped, and the
 * search goes on with the next candidate.
 *
 * Sources: ACPI Specification 6.5, 5.2.5 "Root System Description
 * Pointer" (where to scan, the two checksums), 5.2.6 "System Description
 * Table Header", 5.2.7 RSDT, 5.2.8 XSDT, 5.2.9 "Fixed ACPI Description
 * Table" (IAPC_BOOT_ARCH at offset 109, table 5.11); Multiboot2 spec
 * 3.6.16-17 (the loader's RSDP copies). Like Linux, the flags are
 * believed only from FADT revision 3 (ACPI 2.0) on.
 */
#include "kernel.h"
#include "acpi.h"
#include "errno.h"

#define RSDP_V1_LEN 20
#define RSDP_V2_MIN 36
#define RSDP_V2_MAX 4096
#define HDR_LEN 36
#define ACPI_TABLE_MAX (1u << 20) /* bytes; sanity bound on a length */
#define FADT_BOOT_ARCH_OFF 109
#define FADT_DSDT_OFF 40
#define FADT_PM1A_CNT_OFF 64
#define FADT_PM1B_CNT_OFF 68
#define FADT_FLAGS_OFF 112
#define FADT_RESET_REG_OFF 116
#define FADT_RESET_VALUE_OFF 128
#define FADT_X_DSDT_OFF 140
#define FADT_X_PM1A_CNT_OFF 172
#define FADT_X_PM1B_CNT_OFF 184
#define GAS_LEN 12
#define FADT_REV_RESET 2 /* RESET_REG from ACPI 2.0's FADT on */
#define EBDA_SEG_PTR 0x40E
#define EBDA_MIN 0x80000u
#define EBDA_MAX 0xA0000u
#define EBDA_SCAN 1024
#define BIOS_ROM_START 0xE0000u
#define BIOS_ROM_END 0x100000u

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static bool sum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t s = 0;

	for (uint32_t i = 0; i < len; i++)
		s += p[i];
	return s == 0;
}

static void skip(struct acpi_tables *t, acpi_warn_t warn, const char *what,
		 uint64_t phys)
{
	t->skipped++;
	if (warn)
		warn(what, phys);
}

/* An RSDP at p (at least 20 bytes readable, n in all): the signature,
 * the 20-byte checksum, and from revision 2 the length and the extended
 * checksum. Returns NULL if good, else what is wrong. */
static const char *rsdp_bad(const uint8_t *p, uint32_t n)
{
	uint32_t len;

	if (memcmp(p, "RSD PTR ", 8) != 0)
		return "RSDP signature";
	if (!sum_ok(p, RSDP_V1_LEN))
		return "RSDP checksum";
	if (p[15] < 2)
		return NULL;
	len = rd32(p + 20);
	if (len < RSDP_V2_MIN || len > n)
		return "RSDP length";
	if (!sum_ok(p, len))
		return "RSDP extended checksum";
	return NULL;
}

static void take_rsdp(struct acpi_tables *t, const uint8_t *p, uint64_t *rsdt,
		      uint64_t *xsdt)
{
	t->rsdp_found = true;
	t->rsdp_rev = p[15];
	*rsdt = rd32(p + 16);
	*xsdt = p[15] >= 2 ? rd64(p + 24) : 0;
}

/* The loader's copy (Multiboot2 tag 15, else 14). */
static bool rsdp_from_loader(struct acpi_tables *t, const struct boot_info *bi,
			     acpi_warn_t warn, uint64_t *rsdt, uint64_t *xsdt)
{
	const char *bad;

	if (bi->acpi_rsdp_len < RSDP_V1_LEN)
		return false;
	bad = rsdp_bad(bi->acpi_rsdp, bi->acpi_rsdp_len);
	if (bad) {
		skip(t, warn, bad, 0);
		return false;
	}
	t->rsdp_from_loader = true;
	take_rsdp(t, bi->acpi_rsdp, rsdt, xsdt);
	return true;
}

/* Scan [start, end) on 16-byte boundaries for a good RSDP. */
static bool rsdp_scan(struct acpi_tables *t, uint32_t start, uint32_t end,
		      phys_reader_t reader, acpi_warn_t warn, uint64_t *rsdt,
		      uint64_t *xsdt)
{
	const uint8_t *area = reader(start, end - start);

	if (!area)
		return false;
	for (uint32_t off = 0; off + RSDP_V1_LEN <= end - start; off += 16) {
		const char *bad;

		if (memcmp(area + off, "RSD PTR ", 8) != 0)
			continue;
		bad = rsdp_bad(area + off, end - start - off);
		if (bad) {
			skip(t, warn, bad, start + off);
			continue;
		}
		t->rsdp_phys = start + off;
		take_rsdp(t, area + off, rsdt, xsdt);
		return true;
	}
	return false;
}

/* The first KiB of the EBDA (its segment is at 0x40E), then the BIOS
 * read-only area; ACPI 5.2.5.1. */
static bool rsdp_search(struct acpi_tables *t, phys_reader_t reader,
			acpi_warn_t warn, uint64_t *rsdt, uint64_t *xsdt)
{
	const uint8_t *seg = reader(EBDA_SEG_PTR, 2);
	uint32_t ebda = seg ? (uint32_t)(seg[0] | seg[1] << 8) << 4 : 0;

	if (ebda >= EBDA_MIN && ebda + EBDA_SCAN <= EBDA_MAX &&
	    rsdp_scan(t, ebda, ebda + EBDA_SCAN, reader, warn, rsdt, xsdt))
		return true;
	return rsdp_scan(t, BIOS_ROM_START, BIOS_ROM_END, reader, warn, rsdt,
			 xsdt);
}

/*
 * A whole table with signature sig (NULL: any) at phys: its header, a
 * sane length, and its checksum. Returns the table (*len set) or NULL,
 * having reported why.
 */
static const uint8_t *table_get(struct acpi_tables *t, uint64_t phys,
				const char *sig, phys_reader_t reader,
				acpi_warn_t warn, uint32_t *len)
{
	const uint8_t *h = reader(phys, HDR_LEN);
	const uint8_t *p;

	if (!h) {
		skip(t, warn, "table out of reach", phys);
		return NULL;
	}
	if (sig && memcmp(h, sig, 4) != 0) {
		skip(t, warn, "table signature", phys);
		return NULL;
	}
	*len = rd32(h + 4);
	if (*len < HDR_LEN || *len > ACPI_TABLE_MAX) {
		skip(t, warn, "table length", phys);
		return NULL;
	}
	p = reader(phys, *len);
	if (!p) {
		skip(t, warn, "table out of reach", phys);
		return NULL;
	}
	if (!sum_ok(p, *len)) {
		skip(t, warn, "table checksum", phys);
		return NULL;
	}
	return p;
}

/* A 32-bit field at off of f (len bytes), 0 past the end. */
static uint32_t fadt32(const uint8_t *f, uint32_t len, uint32_t off)
{
	return len >= off + 4 ? rd32(f + off) : 0;
}

/* A GAS at off naming a system I/O port: the port, else 0 (5.2.3.2). */
static uint16_t gas_port(const uint8_t *f, uint32_t len, uint32_t off)
{
	uint64_t a;

	if (len < off + GAS_LEN || f[off] != ACPI_GAS_SYSTEM_IO)
		return 0;
	a = rd64(f + off + 4);
	return a <= 0xffff ? (uint16_t)a : 0;
}

/* A 32-bit PM1x_CNT_BLK, or its X_ GAS when that is an I/O port. */
static uint16_t pm1_port(const uint8_t *f, uint32_t len, uint32_t off,
			 uint32_t xoff)
{
	uint16_t x = gas_port(f, len, xoff);
	uint32_t p = fadt32(f, len, off);

	if (x)
		return x;
	return p <= 0xffff ? (uint16_t)p : 0;
}

/* What power-off and reset need (5.2.9, tables 5.9 and 5.10; 4.8.3.2). */
static void take_fadt_power(struct acpi_tables *t, const uint8_t *f,
			    uint32_t len)
{
	uint64_t x_dsdt =
		len >= FADT_X_DSDT_OFF + 8 ? rd64(f + FADT_X_DSDT_OFF) : 0;

	t->dsdt_phys = x_dsdt ? x_dsdt : fadt32(f, len, FADT_DSDT_OFF);
	t->pm1a_cnt = pm1_port(f, len, FADT_PM1A_CNT_OFF, FADT_X_PM1A_CNT_OFF);
	t->pm1b_cnt = pm1_port(f, len, FADT_PM1B_CNT_OFF, FADT_X_PM1B_CNT_OFF);
	t->fadt_flags = fadt32(f, len, FADT_FLAGS_OFF);
	if (t->fadt_rev < FADT_REV_RESET || len <= FADT_RESET_VALUE_OFF ||
	    !(t->fadt_flags & ACPI_FADT_RESET_REG_SUP))
		return;
	t->reset_port = gas_port(f, len, FADT_RESET_REG_OFF);
	t->reset_value = f[FADT_RESET_VALUE_OFF];
	t->reset_valid = t->reset_port != 0;
}

static void take_fadt(struct acpi_tables *t, const uint8_t *f, uint32_t len,
		      uint64_t phys)
{
	t->fadt_found = true;
	t->fadt_phys = phys;
	t->fadt_rev = f[8];
	t->fadt_len = len;
	t->boot_arch_valid = t->fadt_rev >= ACPI_FADT_REV_BOOT_ARCH &&
			     len >= FADT_BOOT_ARCH_OFF + 2;
	if (t->boot_arch_valid)
		t->boot_arch = (uint16_t)(f[FADT_BOOT_ARCH_OFF] |
					  f[FADT_BOOT_ARCH_OFF + 1] << 8);
	take_fadt_power(t, f, len);
}

/* Walk the root table's entries (4 or 8 bytes each) for the first good
 * FADT ("FACP"). Returns 0 or -ENOENT. */
static int find_fadt(struct acpi_tables *t, const uint8_t *root, uint32_t len,
		     unsigned esize, phys_reader_t reader, acpi_warn_t warn)
{
	for (uint32_t off = HDR_LEN; esize <= len - off; off += esize) {
		uint64_t phys =
			esize == 8 ? rd64(root + off) : rd32(root + off);
		const uint8_t *h = reader(phys, HDR_LEN);
		const uint8_t *f;
		uint32_t flen;

		if (!h) {
			skip(t, warn, "table out of reach", phys);
			continue;
		}
		if (memcmp(h, "FACP", 4) != 0)
			continue;
		f = table_get(t, phys, "FACP", reader, warn, &flen);
		if (f) {
			take_fadt(t, f, flen, phys);
			return 0;
		}
	}
	return -ENOENT;
}

/* The XSDT when the RSDP has one and it is good, else the RSDT. */
static int walk_root(struct acpi_tables *t, uint64_t rsdt, uint64_t xsdt,
		     phys_reader_t reader, acpi_warn_t warn)
{
	const uint8_t *root;
	uint32_t len;

	if (xsdt) {
		root = table_get(t, xsdt, "XSDT", reader, warn, &len);
		if (root) {
			t->xsdt = true;
			t->root_phys = xsdt;
			return find_fadt(t, root, len, 8, reader, warn);
		}
	}
	if (!rsdt)
		return -ENOENT;
	root = table_get(t, rsdt, "RSDT", reader, warn, &len);
	if (!root)
		return -EINVAL;
	t->root_phys = rsdt;
	return find_fadt(t, root, len, 4, reader, warn);
}

/*
 * acpi_find - locate the RSDP (the loader's copy in bi first, else the
 * EBDA and BIOS area scan of ACPI 5.2.5.1, not under UEFI), its XSDT or
 * RSDT, and the FADT; fill *t. Bad structures are reported through warn
 * (may be NULL) and skipped.
 * Returns 0 with t->fadt_found; -ENOENT when there is no good RSDP or no
 * good FADT; -EINVAL when the root table is bad. *t holds what was found
 * either way.
 */
int acpi_find(struct acpi_tables *t, const struct boot_info *bi,
	      phys_reader_t reader, acpi_warn_t warn)
{
	uint64_t rsdt = 0, xsdt = 0;

	memset(t, 0, sizeof(*t));
	if (!rsdp_from_loader(t, bi, warn, &rsdt, &xsdt) &&
	    (bi->efi || !rsdp_search(t, reader, warn, &rsdt, &xsdt)))
		return -ENOENT;
	return walk_root(t, rsdt, xsdt, reader, warn);
}

/*
 * acpi_find_s5 - read \_S5's SLP_TYP values from the DSDT that the FADT
 * found by acpi_find names (ACPI 6.5, 5.2.11.1 DSDT, 7.4.2 \_Sx).
 * The DSDT is checked as any table (signature "DSDT", length, checksum);
 * its AML body goes to acpi_s5_parse. Returns 0 with *s5 filled;
 * -ENOENT with no FADT, no DSDT or no \_S5 package; -EINVAL when the
 * DSDT or the package is bad (reported through warn, may be NULL).
 */
int acpi_find_s5(const struct acpi_tables *t, phys_reader_t reader,
		 acpi_warn_t warn, struct acpi_s5 *s5)
{
	struct acpi_tables scratch = *t;
	const uint8_t *d;
	uint32_t len;
	int err;

	if (!t->fadt_found || !t->dsdt_phys)
		return -ENOENT;
	d = table_get(&scratch, t->dsdt_phys, "DSDT", reader, warn, &len);
	if (!d)
		return -EINVAL;
	err = acpi_s5_parse(d + HDR_LEN, len - HDR_LEN, s5);
	if (err == -EINVAL && warn)
		warn("\\_S5 package in the DSDT", t->dsdt_phys);
	return err;
}

/*
 * acpi_has_8042 - the firmware's word on the PS/2 controller: ACPI_NO
 * when a revision 3+ FADT clears IAPC_BOOT_ARCH bit 1 (as Linux reads
 * it), ACPI_YES when it sets it, ACPI_UNKNOWN with no such FADT.
 */
enum acpi_answer acpi_has_8042(const struct acpi_tables *t)
{
	if (!t->fadt_found || !t->boot_arch_valid)
		return ACPI_UNKNOWN;
	return (t->boot_arch & ACPI_BOOT_ARCH_8042) ? ACPI_YES : ACPI_NO;
}
