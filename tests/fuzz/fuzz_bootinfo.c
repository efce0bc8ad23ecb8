/*
 * fuzz_bootinfo.c - libFuzzer harness for the boot-information reader
 * (kernel/bootinfo.c: bootinfo_parse), Multiboot1 and Multiboot2.
 *
 * The input's first byte picks the protocol; the rest is the whole of
 * a fake physical memory, with the information block at address 0 and
 * everything it points to (strings, maps, modules) inside it. The reader
 * hands out a heap copy of exactly the range asked for, so reading past
 * a range is caught by AddressSanitizer; ranges outside the memory are
 * unreachable (NULL). The result must be 0, -EINVAL or -EFAULT, with the
 * counts inside their tables and every string NUL-terminated inside its
 * array (checked here; a violation aborts). Copies are freed after each
 * run; single-threaded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errno.h"
#include "bootinfo.h"
#include "physmem.h"

static struct physmem pm;

static const void *reader(uint64_t phys, uint32_t len)
{
	return physmem_read(&pm, phys, len);
}

static void check_str(const char *s, size_t size)
{
	if (!memchr(s, '\0', size))
		abort();
}

static void check_info(const struct boot_info *bi)
{
	unsigned i;

	if (bi->mmap_count > BOOT_MMAP_MAX || bi->mod_count > BOOT_MODULES_MAX)
		abort();
	check_str(bi->loader, sizeof(bi->loader));
	check_str(bi->cmdline, sizeof(bi->cmdline));
	for (i = 0; i < bi->mod_count; i++) {
		check_str(bi->mods[i].cmdline, sizeof(bi->mods[i].cmdline));
		if (bi->mods[i].end < bi->mods[i].start)
			abort();
	}
}

/* One run: parse the input as boot information; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	uint32_t magic;
	int err;

	if (size < 1)
		return 0;
	magic = data[0] & 1 ? MB2_BOOT_MAGIC : MB1_BOOT_MAGIC;
	pm.mem = data + 1;
	pm.size = size - 1;
	err = bootinfo_parse(&bi, magic, 0, reader);
	if (err != 0 && err != -EINVAL && err != -EFAULT)
		abort();
	check_info(&bi);
	physmem_release(&pm);
	return 0;
}
