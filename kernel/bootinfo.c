/*
 * kernel/bootinfo.c - read the boot loader's information.
 *
 * Owns nothing after it returns: it copies what the kernel needs out of the
 * loader's structures into a struct boot_info, so the loader's memory can be
 * reused. Pure code (all memory reached through the phys_reader_t), so the
 * host tests run it on hand-made and malformed inputs.
 *
 * Sources: Multiboot2 specification 1.0, section 3.6 "Boot information"
 * (3.6.16-17: the ACPI RSDP copies, kept raw for kernel/dev/acpi.c);
 * Multiboot specification 0.6.96, section 3.3 "Boot information format".
 * Every size and offset from the loader is bounds-checked; malformed input
 * gives -EINVAL, and entries past our fixed tables are dropped, not written.
 */
#include "kernel.h"
#include "bootinfo.h"
#include "errno.h"

#define MB2_INFO_MAX (1u << 20) /* bytes; sanity bound on total_size */

enum {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MMAP = 6,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
	MB2_TAG_EFI_BS = 18,
};

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Copy a string of at most len bytes (not necessarily NUL-terminated). */
static void copy_str(char *dst, size_t size, const uint8_t *src, size_t len)
{
	size_t n = strnlen((const char *)src, len);

	if (n > size - 1)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void add_mmap(struct boot_info *bi, uint64_t base, uint64_t len,
		     uint32_t type)
{
	if (bi->mmap_count < BOOT_MMAP_MAX)
		bi->mmap[bi->mmap_count++] =
			(struct mmap_entry){base, len, type};
}

static void add_module(struct boot_info *bi, uint32_t start, uint32_t end,
		       const uint8_t *name, size_t name_len)
{
	struct boot_module *m;

	if (bi->mod_count >= BOOT_MODULES_MAX || end < start) {
		bi->mods_dropped++;
		return;
	}
	m = &bi->mods[bi->mod_count++];
	m->start = start;
	m->end = end;
	copy_str(m->cmdline, sizeof(m->cmdline), name, name_len);
}

static int mb2_mmap(struct boot_info *bi, const uint8_t *t, uint32_t size)
{
	uint32_t esize;

	if (size < 16)
		return -EINVAL;
	esize = rd32(t + 8);
	if (esize < 24)
		return -EINVAL;
	/* "esize <= size - off", not "off + esize <= size": no wrap-around */
	for (uint32_t off = 16; off <= size && esize <= size - off;
	     off += esize)
		add_mmap(bi, rd64(t + off), rd64(t + off + 8),
			 rd32(t + off + 16));
	return 0;
}

/* The RGB colour layout (6 bytes: red, green, blue; position, size). */
static void fb_rgb_layout(struct boot_fb *fb, const uint8_t *c)
{
	fb->red_pos = c[0], fb->red_size = c[1];
	fb->green_pos = c[2], fb->green_size = c[3];
	fb->blue_pos = c[4], fb->blue_size = c[5];
}

/* Multiboot2 3.6.12: the tag's fixed part is 30 bytes (addr at 8, pitch,
 * width, height, bpp, type), then a reserved u16 and, for RGB, the
 * colour layout at 32. An RGB tag too short for it is malformed. */
static int mb2_framebuffer(struct boot_info *bi, const uint8_t *t,
			   uint32_t size)
{
	if (size < 31 || (t[29] == FB_TYPE_RGB && size < 38))
		return -EINVAL;
	bi->fb.present = true;
	bi->fb.addr = rd64(t + 8);
	bi->fb.pitch = rd32(t + 16);
	bi->fb.width = rd32(t + 20);
	bi->fb.height = rd32(t + 24);
	bi->fb.bpp = t[28];
	bi->fb.type = t[29];
	if (bi->fb.type == FB_TYPE_RGB)
		fb_rgb_layout(&bi->fb, t + 32);
	return 0;
}

/* Keep the loader's RSDP copy (Multiboot2 3.6.16-17); the new one (tag
 * 15) wins over the old (tag 14) whatever their order. acpi.c checks it. */
static void mb2_acpi(struct boot_info *bi, const uint8_t *t, uint32_t type,
		     uint32_t size)
{
	uint32_t n = size - 8;

	if (type == MB2_TAG_ACPI_OLD && bi->acpi_rsdp_new)
		return;
	if (n > ACPI_RSDP_COPY_MAX)
		n = ACPI_RSDP_COPY_MAX;
	memcpy(bi->acpi_rsdp, t + 8, n);
	bi->acpi_rsdp_len = (uint8_t)n;
	bi->acpi_rsdp_new = type == MB2_TAG_ACPI_NEW;
}

static int mb2_tag(struct boot_info *bi, const uint8_t *t, uint32_t type,
		   uint32_t size)
{
	switch (type) {
	case MB2_TAG_CMDLINE:
		copy_str(bi->cmdline, sizeof(bi->cmdline), t + 8, size - 8);
		return 0;
	case MB2_TAG_LOADER:
		copy_str(bi->loader, sizeof(bi->loader), t + 8, size - 8);
		return 0;
	case MB2_TAG_MODULE:
		if (size < 16)
			return -EINVAL;
		add_module(bi, rd32(t + 8), rd32(t + 12), t + 16, size - 16);
		return 0;
	case MB2_TAG_MMAP:
		return mb2_mmap(bi, t, size);
	case MB2_TAG_FRAMEBUFFER:
		return mb2_framebuffer(bi, t, size);
	case MB2_TAG_EFI32:
	case MB2_TAG_EFI64:
	case MB2_TAG_EFI_BS:
		bi->efi = true;
		return 0;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		mb2_acpi(bi, t, type, size);
		return 0;
	default:
		return 0; /* tags we do not use are skipped */
	}
}

static int parse_mb2(struct boot_info *bi, uint32_t info_phys,
		     phys_reader_t reader)
{
	const uint8_t *p = reader(info_phys, 8);
	uint32_t total;

	if (!p)
		return -EFAULT;
	total = rd32(p);
	if (total < 16 || total > MB2_INFO_MAX)
		return -EINVAL;
	p = reader(info_phys, total);
	if (!p)
		return -EFAULT;
	bi->info_start = info_phys;
	bi->info_end = info_phys + total;

	for (uint32_t off = 8; off + 8 <= total;) {
		uint32_t type = rd32(p + off), size = rd32(p + off + 4);
		int err;

		if (size < 8 || size > total - off)
			return -EINVAL;
		if (type == MB2_TAG_END)
			return 0;
		err = mb2_tag(bi, p + off, type, size);
		if (err)
			return err;
		off += ALIGN_UP(size, 8u);
	}
	return -EINVAL; /* no end tag */
}

#define MB1_MEM (1u << 0)
#define MB1_CMDLINE (1u << 2)
#define MB1_MODS (1u << 3)
#define MB1_MMAP (1u << 6)
#define MB1_LOADER (1u << 9)
#define MB1_FB (1u << 12)
#define MB1_INFO_SIZE 116u
#define MB1_STR_MAX CMDLINE_MAX

/* Read a NUL-terminated string of at most max bytes at phys. */
static void mb1_str(char *dst, size_t size, uint32_t phys, phys_reader_t reader)
{
	uint32_t lo = 0, hi = (uint32_t)size; /* lo reachable, hi maybe not */
	const uint8_t *s = reader(phys, hi);

	/* The string may sit just below the end of RAM: find the longest
	 * reachable prefix by bisection. */
	while (!s && hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (reader(phys, mid))
			lo = mid;
		else
			hi = mid;
		if (hi - lo <= 1 && lo > 0)
			s = reader(phys, hi = lo);
	}
	if (s)
		copy_str(dst, size, s, hi);
}

static int mb1_mmap(struct boot_info *bi, const uint8_t *info,
		    phys_reader_t reader)
{
	uint32_t len = rd32(info + 44), addr = rd32(info + 48);
	const uint8_t *m = reader(addr, len);

	if (!m)
		return -EFAULT;
	for (uint32_t off = 0; off + 24 <= len;) {
		uint32_t esize = rd32(m + off);

		/* size excludes its own 4 bytes; it must fit what is left */
		if (esize < 20 || esize > len - off - 4)
			return -EINVAL;
		add_mmap(bi, rd64(m + off + 4), rd64(m + off + 12),
			 rd32(m + off + 20));
		off += esize + 4;
	}
	return 0;
}

static int mb1_mods(struct boot_info *bi, const uint8_t *info,
		    phys_reader_t reader)
{
	uint32_t count = rd32(info + 20), addr = rd32(info + 24);
	const uint8_t *m;

	if (count > BOOT_MODULES_MAX)
		count = BOOT_MODULES_MAX;
	m = reader(addr, count * 16);
	if (count && !m)
		return -EFAULT;
	for (uint32_t i = 0; i < count; i++) {
		char name[64] = "";

		if (rd32(m + i * 16 + 8))
			mb1_str(name, sizeof(name), rd32(m + i * 16 + 8),
				reader);
		add_module(bi, rd32(m + i * 16), rd32(m + i * 16 + 4),
			   (const uint8_t *)name, sizeof(name));
	}
	return 0;
}

static int parse_mb1(struct boot_info *bi, uint32_t info_phys,
		     phys_reader_t reader)
{
	const uint8_t *info = reader(info_phys, MB1_INFO_SIZE);
	uint32_t flags;
	int err;

	if (!info)
		return -EFAULT;
	flags = rd32(info);
	bi->info_start = info_phys;
	bi->info_end = info_phys + MB1_INFO_SIZE;
	if (flags & MB1_CMDLINE)
		mb1_str(bi->cmdline, sizeof(bi->cmdline), rd32(info + 16),
			reader);
	if (flags & MB1_LOADER)
		mb1_str(bi->loader, sizeof(bi->loader), rd32(info + 64),
			reader);
	if ((flags & MB1_MODS) && (err = mb1_mods(bi, info, reader)))
		return err;
	if (flags & MB1_MMAP) {
		if ((err = mb1_mmap(bi, info, reader)))
			return err;
	} else if (flags & MB1_MEM) {
		add_mmap(bi, 0, (uint64_t)rd32(info + 4) << 10, MMAP_AVAILABLE);
		add_mmap(bi, 0x100000, (uint64_t)rd32(info + 8) << 10,
			 MMAP_AVAILABLE);
	}
	if (flags & MB1_FB) {
		bi->fb.present = true;
		bi->fb.addr = rd64(info + 88);
		bi->fb.pitch = rd32(info + 96);
		bi->fb.width = rd32(info + 100);
		bi->fb.height = rd32(info + 104);
		bi->fb.bpp = info[108];
		bi->fb.type = info[109];
		if (bi->fb.type == FB_TYPE_RGB)
			fb_rgb_layout(&bi->fb, info + 110);
	}
	return 0;
}

/*
 * bootinfo_parse - fill *bi from the loader's information at info_phys.
 * magic is EAX at entry: MB1_BOOT_MAGIC or MB2_BOOT_MAGIC.
 * Returns 0; -EINVAL for an unknown magic or malformed information;
 * -EFAULT when the reader cannot reach a structure. *bi is zeroed first,
 * and on error holds whatever was parsed before the fault.
 */
int bootinfo_parse(struct boot_info *bi, uint32_t magic, uint32_t info_phys,
		   phys_reader_t reader)
{
	memset(bi, 0, sizeof(*bi));
	if (magic == MB2_BOOT_MAGIC) {
		bi->protocol = 2;
		return parse_mb2(bi, info_phys, reader);
	}
	if (magic == MB1_BOOT_MAGIC) {
		bi->protocol = 1;
		return parse_mb1(bi, info_phys, reader);
	}
	return -EINVAL;
}
