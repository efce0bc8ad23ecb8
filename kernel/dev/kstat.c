/*
 * kernel/dev/kstat.c - /dev/kstat (10:240, read-only): kernel resource
 * counters as text, one "name value" per line, for leak checks around
 * tests. Each read formats a fresh snapshot and returns the part from
 * the file offset on, so reading from offset 0 again sees new values.
 *
 * Owns nothing. Counters: free page frames, live kmalloc objects, live
 * vmalloc pages (when the vm layer provides vmalloc_live_pages), frames
 * held by vfork backups, processes, open files, in-memory inodes.
 * Locking: none; the values are read without a lock, each one is
 * consistent on its own.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "mm.h"
#include "sched.h"
#include "tty.h"
#include "vfork.h"

#define KSTAT_TEXT_MAX	512	/* bytes of one snapshot */

/* Present once the vm layer is linked in; NULL (weak) before. */
uint32_t vmalloc_live_pages(void);
#pragma weak vmalloc_live_pages

static int kstat_format(char *buf, size_t size)
{
	int n = snprintf(buf, size,
			 "free_frames %u\nkmalloc_objects %u\n",
			 pmm_free_frames(), kmalloc_live_objects());

	if (vmalloc_live_pages)
		n += snprintf(buf + n, size - n, "vmalloc_pages %u\n",
			      vmalloc_live_pages());
	n += snprintf(buf + n, size - n,
		      "vfork_frames %d\nprocs %d\nopen_files %ld\n"
		      "inodes %ld\n", vfork_live_frames(), proc_count(),
		      file_live_count, vfs_live_inodes);
	return MIN(n, (int)size - 1);
}

static int kstat_open(struct inode *ip, struct file *f)
{
	return (f->flags & O_ACCMODE) == O_RDONLY ? 0 : -EACCES;
}

static long kstat_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	char *text = kmalloc(KSTAT_TEXT_MAX);
	int len;

	if (!text)
		return -ENOMEM;
	len = kstat_format(text, KSTAT_TEXT_MAX);
	if (*pos >= len) {
		n = 0;
	} else {
		n = MIN(n, (size_t)(len - *pos));
		memcpy(buf, text + *pos, n);
		*pos += n;
	}
	kfree(text);
	return n;
}

static int64_t kstat_lseek(struct file *f, int64_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	if (whence == SEEK_CUR)
		off += f->pos;
	if (off < 0)
		return -EINVAL;
	f->pos = off;
	return off;
}

static const struct file_ops kstat_fops = {
	.open = kstat_open,
	.read = kstat_read,
	.lseek = kstat_lseek,
};

int kstat_dev_init(void)
{
	return devfs_register("kstat", MKDEV(10, 240), 0444, &kstat_fops);
}
