/*
 * bootinfo.h - what the boot loader told us, in one loader-neutral shape.
 * Filled by bootinfo_parse from Multiboot1 or Multiboot2 information.
 */
#ifndef SLEIGHT_BOOTINFO_H
#define SLEIGHT_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>

#include "param.h"

#define MB1_BOOT_MAGIC 0x2BADB002u
#define MB2_BOOT_MAGIC 0x36D76289u

#define MMAP_AVAILABLE 1 /* usable RAM (both protocols use 1) */
#define MMAP_RESERVED 2

#define FB_TYPE_INDEXED 0
#define FB_TYPE_RGB 1
#define FB_TYPE_EGA_TEXT 2

struct mmap_entry {
	uint64_t base; /* bytes, physical */
	uint64_t len;  /* bytes */
	uint32_t type; /* MMAP_AVAILABLE, or anything else */
};

struct boot_module {
	uint32_t start; /* physical, first byte */
	uint32_t end;	/* physical, one past the last byte */
	char cmdline[64];
};

struct boot_fb {
	bool present;
	uint8_t type;		/* FB_TYPE_* */
	uint8_t bpp;		/* bits per pixel; 16 for EGA text */
	uint64_t addr;		/* physical */
	uint32_t pitch;		/* bytes per line */
	uint32_t width, height; /* pixels, or characters for EGA text */
	/* FB_TYPE_RGB: where each colour's bits lie in a pixel (bit
	 * position of the lowest bit, and bit count; Multiboot2 3.6.12) */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

#define ACPI_RSDP_COPY_MAX 36 /* bytes of the loader's RSDP copy kept */

struct boot_info {
	int protocol; /* 1 or 2 */
	char loader[48];
	char cmdline[CMDLINE_MAX];
	struct mmap_entry mmap[BOOT_MMAP_MAX];
	unsigned mmap_count;
	struct boot_module mods[BOOT_MODULES_MAX];
	unsigned mod_count;
	unsigned mods_dropped; /* past BOOT_MODULES_MAX, or malformed:
				  not used, their memory not reserved */
	struct boot_fb fb;
	bool efi; /* booted from UEFI firmware: no VGA text */
	uint8_t acpi_rsdp[ACPI_RSDP_COPY_MAX]; /* Multiboot2 tag 15 or 14 */
	uint8_t acpi_rsdp_len; /* bytes in acpi_rsdp; 0: no copy */
	bool acpi_rsdp_new;    /* it came from tag 15 (ACPI 2.0+) */
	uint32_t info_start;   /* physical range of the loader's info */
	uint32_t info_end;
};

/*
 * Maps a physical range to a readable pointer, or NULL when the range is
 * not reachable. The kernel passes a direct-map lookup; host tests pass
 * their own.
 */
typedef const void *(*phys_reader_t)(uint64_t phys, uint32_t len);

int bootinfo_parse(struct boot_info *bi, uint32_t magic, uint32_t info_phys,
		   phys_reader_t reader);

#endif
