/*
 * fuzz_cpio.c - libFuzzer harness for the initramfs unpacker
 * (kernel/fs/cpio.c: cpio_unpack) over a fresh tmpfs per run, with
 * tests/unit/kshim.c standing in for kmalloc and printk as in the unit
 * tests.
 *
 * The archive sits in a heap block of exactly the input's size, so
 * AddressSanitizer catches any read past it. The result must be 0 or a
 * -errno; whatever it is, destroying the tmpfs
 * must free every inode, file and allocation the unpack made (a leak
 * aborts). Single-threaded; the tmpfs lives for one run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "kshim.h"

/* One run: unpack the input into an empty tmpfs; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long live0 = kshim_live, inodes0 = vfs_live_inodes;
	long files0 = file_live_count;
	struct cpio_error why = { 0 };
	struct superblock *sb;
	uint8_t *copy;
	int err;

	kshim_reset();
	sb = tmpfs_create(0755);
	copy = malloc(size ? size : 1);
	if (!sb || !copy)
		abort();
	memcpy(copy, data, size);
	err = cpio_unpack(sb->root, copy, size, &why);
	if (err > 0 || err < -4095)
		abort();	/* not 0 or -errno */
	free(copy);
	if (tmpfs_destroy(sb) != 0)
		abort();
	if (kshim_live != live0 || vfs_live_inodes != inodes0 ||
	    file_live_count != files0)
		abort();	/* leaked */
	return 0;
}
