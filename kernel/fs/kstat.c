/*
 * kernel/fs/kstat.c - two read-only text devices that show kernel state:
 *   /dev/kstat (10:240): resource counters, one "name value" per line,
 *     for leak checks around tests: free page frames, live kmalloc
 *     objects, live vmalloc pages, vfork child phases in progress
 *     ("vfork_frames"), processes, open files,
 *     in-memory inodes; and for memory exhaustion the frame reserve,
 *     OOM kills so far, pipe pages charged to users and the per-user
 *     pipe soft and hard limits (pages);
 *   /dev/ps (10:241): the process table, one process per line, for ps(1).
 * Each read formats a fresh snapshot and returns the part from the file
 * offset on, so reading from offset 0 again sees new values.
 *
 * Owns nothing. Locking: counters are read without a lock, each one
 * consistent on its own; the process table is read with interrupts off.
 * It reads fs and proc counters, so it sits in the fs layer
 * (docs/layout.md), not with the drivers in kernel/dev.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "mm.h"
#include "pipe.h"
#include "proc.h"
#include "sched.h"
#include "kstat.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/io.h"

#define TEXTDEV_MAX PAGE_SIZE /* bytes of one snapshot */

static int kstat_format(char *buf, size_t size)
{
	int n = snprintf(buf, size,
			 "free_frames %u\nkmalloc_objects %u\n"
			 "vmalloc_pages %u\nvfork_frames %d\nprocs %d\n"
			 "open_files %ld\ninodes %ld\n"
			 "reserve_frames %u\noom_kills %u\n"
			 "pipe_pages %u\npipe_user_pages_soft %u\n"
			 "pipe_user_pages_hard %u\n",
			 pmm_free_frames(), kmalloc_live_objects(),
			 vmalloc_live_pages(), vfork_live_frames(),
			 proc_count(), file_live_count, vfs_live_inodes,
			 pmm_reserve_frames(), mm_oom_kills(),
			 pipe_pages_charged(), pipe_user_soft_limit(),
			 pipe_user_soft_limit() * PIPE_USER_HARD_FACTOR);

	return MIN(n, (int)size - 1);
}

static const char state_letter[] = {
	[P_EMBRYO] = 'E',   [P_RUNNABLE] = 'R', [P_RUNNING] = 'R',
	[P_SLEEPING] = 'S', [P_STOPPED] = 'T',	[P_ZOMBIE] = 'Z',
	[P_VFORK] = 'V',
};

/* One line per process: pid, ppid, pgid, sid, state, name. A parent
 * suspended in vfork shows as 'V'; its child phase is a process of its
 * own. */
static int ps_format(char *buf, size_t size)
{
	int n = snprintf(buf, size, "PID PPID PGID SID STAT NAME\n");
	uint32_t f = irq_save();

	for (int i = 0; i < PROC_MAX && n < (int)size; i++) {
		const struct proc *p = &proc_table[i];
		int ppid;

		if (p->state == P_UNUSED || p->state == P_EMBRYO)
			continue;
		ppid = p->parent ? p->parent->pid : 0;
		n += snprintf(buf + n, size - n, "%d %d %d %d %c %s\n", p->pid,
			      ppid, p->signal->session.pgid,
			      p->signal->session.sid, state_letter[p->state],
			      p->name);
	}
	irq_restore(f);
	return MIN(n, (int)size - 1);
}

static int kstat_open(struct inode *ip, struct file *f)
{
	return (f->flags & O_ACCMODE) == O_RDONLY ? 0 : -EACCES;
}

static long text_read(int (*format)(char *, size_t), void *buf, size_t n,
		      int64_t *pos)
{
	char *text = kmalloc(TEXTDEV_MAX);
	int len;

	if (!text)
		return -ENOMEM;
	len = format(text, TEXTDEV_MAX);
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

static long kstat_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return text_read(kstat_format, buf, n, pos);
}

static long ps_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return text_read(ps_format, buf, n, pos);
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

static const struct file_ops ps_fops = {
	.open = kstat_open,
	.read = ps_read,
	.lseek = kstat_lseek,
};

/* kstat_dev_init - register /dev/kstat and /dev/ps. 0 or a devfs error. */
int kstat_dev_init(void)
{
	int err = devfs_register("kstat", MKDEV(10, 240), 0444, &kstat_fops);

	return err ? err : devfs_register("ps", MKDEV(10, 241), 0444, &ps_fops);
}
