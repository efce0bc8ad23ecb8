/*
 * acpi.h - finding the ACPI tables: the RSDP, the RSDT or XSDT, and what
 * the kernel reads from the FADT (ACPI 6.5 spec, 5.2.5 RSDP, 5.2.7 RSDT,
 * 5.2.8 XSDT, 5.2.9 FADT). kernel/dev/acpi.c, pure and host-tested.
 */
#ifndef SLEIGHT_ACPI_H
#define SLEIGHT_ACPI_H

#include <stdbool.h>
#include <stdint.h>

#include "bootinfo.h"

#define ACPI_BOOT_ARCH_LEGACY 0x0001 /* IAPC_BOOT_ARCH: ISA devices */
#define ACPI_BOOT_ARCH_8042 0x0002   /* an 8042 (PS/2) controller */
#define ACPI_FADT_REV_BOOT_ARCH 3    /* IAPC_BOOT_ARCH valid from here */

/* What acpi_find learnt. Zeroed first; fields past the first failure
 * keep their zero. */
struct acpi_tables {
	bool rsdp_found;
	bool rsdp_from_loader; /* the Multiboot2 copy, not a memory scan */
	uint64_t rsdp_phys;    /* when scanned */
	uint8_t rsdp_rev;      /* 0: ACPI 1.0 (RSDT only); 2+: XSDT too */
	bool xsdt;	       /* the tables came from the XSDT */
	uint64_t root_phys;    /* the RSDT or XSDT used */
	bool fadt_found;
	uint64_t fadt_phys;
	uint8_t fadt_rev;
	uint32_t fadt_len;
	bool boot_arch_valid; /* FADT revision >= 3 and long enough */
	uint16_t boot_arch;   /* IAPC_BOOT_ARCH, when boot_arch_valid */
	unsigned skipped;     /* bad or unreachable structures passed over */
	/* Power and reset (FADT, 5.2.9; 0 when absent or too short). */
	uint64_t dsdt_phys;  /* X_DSDT when set, else DSDT */
	uint16_t pm1a_cnt;   /* PM1a_CNT_BLK I/O port (X_ form if I/O) */
	uint16_t pm1b_cnt;   /* PM1b_CNT_BLK, 0: none */
	uint32_t fadt_flags; /* Flags, table 5.10 */
	bool reset_valid;    /* rev >= 2, RESET_REG_SUP, I/O space, port */
	uint16_t reset_port; /* RESET_REG address (system I/O) */
	uint8_t reset_value; /* RESET_VALUE */
};

#define ACPI_FADT_RESET_REG_SUP (1u << 10) /* Flags bit 10 */
#define ACPI_GAS_SYSTEM_IO 1		   /* GAS address space ID */
#define ACPI_SLP_TYP_SHIFT 10		   /* PM1_CNT, table 4.13 */
#define ACPI_SLP_EN (1u << 13)

/* \_S5's two SLP_TYP values (ACPI 7.4.2), 0..7 each. */
struct acpi_s5 {
	uint8_t typ_a; /* for PM1a_CNT */
	uint8_t typ_b; /* for PM1b_CNT */
};

/* Called for every structure acpi_find skips: what was wrong, where. */
typedef void (*acpi_warn_t)(const char *what, uint64_t phys);

int acpi_find(struct acpi_tables *t, const struct boot_info *bi,
	      phys_reader_t reader, acpi_warn_t warn);

int acpi_find_s5(const struct acpi_tables *t, phys_reader_t reader,
		 acpi_warn_t warn, struct acpi_s5 *s5);
int acpi_s5_parse(const uint8_t *aml, uint32_t len, struct acpi_s5 *s5);

/* Does the firmware say there is an 8042? */
enum acpi_answer { ACPI_UNKNOWN, ACPI_YES, ACPI_NO };
enum acpi_answer acpi_has_8042(const struct acpi_tables *t);

#endif
