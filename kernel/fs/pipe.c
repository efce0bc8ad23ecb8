/*
 * kernel/fs/pipe.c - anonymous pipes: two open files (a read end and a
 * write end) sharing one struct pipe, per pipe(7).
 *
 * Owns struct pipe, its ring buffer (vmalloc, at the first write) and
 * the per-user pipe page accounting: a pipe charges PIPE_SIZE (or, with
 * its creator over the soft limit, PIPE_MIN_SIZE) to its creator's real
 * uid from creation to release, as Linux does (pipe.h). The pipe holds
 * one count per open end (readers, writers), not per fd:
 * dup and fork share the struct file, so an end closes when its file's
 * last reference goes (pipe_release). The pipe is freed when both counts
 * are zero.
 * Blocking: readers and writers sleep on the pipe's one wait queue and
 * every state change wakes them all; each re-checks its condition.
 * Locking: pipe state is only touched in process context, but the test
 * and the sleep run with interrupts off (sched.h pattern) so no wake-up
 * is lost. No pointer into the ring is held across a sleep.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "pipe.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "stat.h"
#include "uaccess.h"
#include "vm.h"
#include "fsmem.h"
#include "uapi/ioctls.h"
#include "arch/x86/io.h"

struct pipe {
	struct pipe_ring ring; /* ring.size: capacity, bytes */
	uint32_t acct_uid;     /* charged to this real uid ... */
	uint32_t acct_pages;   /* ... this many pages (0: none) */
	int readers;	       /* open read-end files */
	int writers;	       /* open write-end files */
	struct wait_queue wq;  /* everyone blocked on this pipe */
	uint32_t ino;	       /* for fstat */
	uint32_t uid, gid;     /* creator, for fstat */
	struct ktimespec ctime;
};

static const struct file_ops pipe_fops;
static uint32_t pipe_next_ino = 1;
static struct pipe_users pipe_users; /* pages charged per user */

static struct pipe *pipe_of(const struct file *f)
{
	return f->priv;
}

/*
 * Read: whatever is queued, up to n bytes, waiting only while the pipe
 * is empty; 0 at EOF (empty, no writers); -EAGAIN when empty with
 * O_NONBLOCK; -ERESTARTSYS when a signal interrupts the wait.
 */
static long pipe_read_copy(struct file *f, void *buf, size_t n,
			   pipe_copy_t copy)
{
	struct pipe *p = pipe_of(f);
	uint32_t fl;
	long got = 0;
	int err = 0;

	if (n == 0)
		return 0;
	fl = irq_save();
	while (pipe_ring_count(&p->ring) == 0 && p->writers > 0) {
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (sleep_interruptible_locked(&p->wq)) {
			err = -ERESTARTSYS;
			break;
		}
	}
	if (!err) {
		got = pipe_ring_get_copy(&p->ring, buf, MIN(n, PIPE_SIZE),
					 copy);
		if (got > 0)
			wake_up_locked(&p->wq);
	}
	irq_restore(fl);
	return err ? err : got;
}

/* No reader left: SIGPIPE to the writer (even with room), then -EPIPE. */
static long pipe_broken_locked(void)
{
	assert_irqs_off();
	signal_send_locked(current, SIGPIPE);
	return -EPIPE;
}

/* Would a ring of size bytes fail for want of frames (not of vmalloc
 * address space)? The reserve counts as gone: the OOM path is for
 * those the reserve refuses. */
static bool frames_short(uint32_t size)
{
	return pmm_free_frames() <= pmm_reserve_frames() + size / PAGE_SIZE;
}

/*
 * Write: all n bytes unless interrupted, non-blocking or the readers
 * go away; n <= PIPE_BUF is written in one piece (POSIX atomicity).
 * Returns bytes written if any, else the error.
 */
static long pipe_write_copy(struct file *f, const void *buf, size_t n,
			    pipe_copy_t copy)
{
	struct pipe *p = pipe_of(f);
	const uint8_t *src = buf;
	bool atomic = n <= PIPE_BUF, oom_tried = false;
	size_t done = 0;
	uint32_t fl = irq_save();
	long err = 0;

	while (done < n) {
		uint32_t space = pipe_ring_space(&p->ring);

		if (p->readers == 0) {
			err = pipe_broken_locked();
			break;
		}
		if (!p->ring.buf && !(p->ring.buf = vmalloc(p->ring.size))) {
			/* out of frames (not of vmalloc space, which the
			 * per-user limits guard): no pointer into the ring
			 * is held, so the OOM killer may sleep; then
			 * everything is checked again */
			if (!oom_tried && frames_short(p->ring.size)) {
				oom_tried = true;
				irq_restore(fl);
				mm_out_of_memory("pipe write", true);
				fl = irq_save();
				continue;
			}
			err = -ENOMEM;
			break;
		}
		if (space >= (atomic ? n - done : 1)) {
			long put = pipe_ring_put_copy(&p->ring, src + done,
						      n - done, copy);

			if (put < 0) {
				err = put;
				break;
			}
			done += put;
			wake_up_locked(&p->wq);
			continue;
		}
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (sleep_interruptible_locked(&p->wq)) {
			err = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	return done ? (long)done : err;
}

static int kernel_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

static long pipe_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	return pipe_read_copy(f, buf, n, kernel_copy);
}

static long pipe_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	return pipe_write_copy(f, buf, n, kernel_copy);
}

/* The ring's copy callbacks for a user buffer: the generic void * they
 * are handed is the user pointer, passed through unchanged. */
static int user_copy_to(void *udst, const void *src, size_t n)
{
	return copy_to_user((void __force __user *)udst, src, n);
}

static int user_copy_from(void *dst, const void *usrc, size_t n)
{
	return copy_from_user(dst, (const void __force __user *)usrc, n);
}

/* The same, straight between user memory and the ring (no bounce). */
static long pipe_read_user(struct file *f, void __user *ubuf, size_t n)
{
	return pipe_read_copy(f, (void __force *)ubuf, n, user_copy_to);
}

static long pipe_write_user(struct file *f, const void __user *ubuf, size_t n)
{
	return pipe_write_copy(f, (const void __force *)ubuf, n,
			       user_copy_from);
}

static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = pipe_of(f);
	unsigned mask = 0;

	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (pipe_ring_count(&p->ring))
			mask |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			mask |= POLLHUP;
	} else {
		if (pipe_ring_space(&p->ring) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	return mask;
}

/* FIONREAD: bytes queued. Everything else is not a tty (-ENOTTY). */
static int pipe_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	uint32_t n = pipe_ring_count(&pipe_of(f)->ring);

	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user_u32((void __user *)arg, n);
}

static void pipe_release(struct file *f)
{
	struct pipe *p = pipe_of(f);
	uint32_t fl = irq_save();

	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wake_up_locked(&p->wq);
	irq_restore(fl);
	if (p->readers || p->writers)
		return;
	if (p->ring.buf)
		vfree(p->ring.buf, p->ring.size);
	pipe_users_uncharge(&pipe_users, p->acct_uid, p->acct_pages);
	kfree(p);
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.read_user = pipe_read_user,
	.write_user = pipe_write_user,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

bool file_is_pipe(const struct file *f)
{
	return f->ops == &pipe_fops;
}

void pipe_stat(const struct file *f, struct kstat *ks)
{
	const struct pipe *p = pipe_of(f);

	memset(ks, 0, sizeof(*ks));
	ks->dev = PIPEFS_DEV;
	ks->ino = p->ino;
	ks->mode = S_IFIFO | 0600;
	ks->nlink = 1;
	ks->uid = p->uid;
	ks->gid = p->gid;
	ks->blksize = PAGE_SIZE;
	ks->atime = ks->mtime = ks->ctime = p->ctime;
}

uint32_t pipe_size(const struct file *f)
{
	return pipe_of(f)->ring.size;
}

uint32_t pipe_file_pages(const struct file *f)
{
	const struct pipe *p;
	uint32_t ends;

	if (!file_is_pipe(f))
		return 0;
	p = pipe_of(f);
	ends = (uint32_t)(p->readers + p->writers);
	if (!p->ring.buf || !ends || !f->refcount)
		return 0;
	return p->ring.size / PAGE_SIZE / ends / f->refcount;
}

uint32_t pipe_pages_charged(void)
{
	return pipe_users.total;
}

/* pipe_user_soft_limit - see pipe.h. */
uint32_t pipe_user_soft_limit(void)
{
	uint32_t soft = MIN((uint32_t)PIPE_USER_PAGES_SOFT,
			    pmm_total_frames() >> PIPE_USER_SOFT_SHIFT);

	return MIN(soft,
		   (VMALLOC_AREA_SIZE / PAGE_SIZE) >> PIPE_USER_SOFT_VM_SHIFT);
}

/* Size the new pipe p and charge it to current's real uid: Linux
 * alloc_pipe_info. Root (euid 0) is exempt from both limits. 0, or
 * -ENFILE past the hard limit. */
static int pipe_charge(struct pipe *p)
{
	uint32_t soft = pipe_user_soft_limit();
	struct pipe_limit lim = {.want = PIPE_SIZE / PAGE_SIZE,
				 .min = PIPE_MIN_SIZE / PAGE_SIZE,
				 .soft = soft,
				 .hard = soft * PIPE_USER_HARD_FACTOR};
	bool privileged = !current || current->ids.euid == 0;
	uint32_t uid = current ? current->ids.uid : 0, pages;

	pages = pipe_users_charge(&pipe_users, uid, &lim, privileged,
				  &p->acct_pages);
	if (!pages)
		return -ENFILE;
	p->acct_uid = uid;
	pipe_ring_init(&p->ring, NULL, pages * PAGE_SIZE);
	return 0;
}

/* The ring's buffer is allocated by the first write: most pipes of
 * posix_spawn (the error channel) and many of a shell never carry a
 * byte. Its size is decided (and charged) now, as Linux does. NULL
 * with *err -ENOMEM or -ENFILE. */
static struct pipe *pipe_alloc(int *err)
{
	struct pipe *p = kzalloc(sizeof(*p));

	*err = -ENOMEM;
	if (!p)
		return NULL;
	*err = pipe_charge(p);
	if (*err) {
		kfree(p);
		return NULL;
	}
	p->ino = pipe_next_ino++;
	if (current) {
		p->uid = current->ids.euid;
		p->gid = current->ids.egid;
	}
	vfs_now(&p->ctime);
	return p;
}

int pipe_create(uint32_t flags, struct file **rd, struct file **wr)
{
	uint32_t nb = flags & O_NONBLOCK;
	int err;
	struct pipe *p = pipe_alloc(&err);

	if (!p)
		return err;
	*rd = file_alloc(NULL, &pipe_fops, O_RDONLY | nb, p);
	if (!*rd)
		goto out_free_pipe;
	p->readers = 1;
	*wr = file_alloc(NULL, &pipe_fops, O_WRONLY | nb, p);
	if (!*wr)
		goto out_put_rd;
	p->writers = 1;
	return 0;

out_put_rd:
	file_put(*rd); /* readers 0, writers 0: frees p */
	return -ENOMEM;
out_free_pipe:
	pipe_users_uncharge(&pipe_users, p->acct_uid, p->acct_pages);
	kfree(p);
	return -ENOMEM;
}
