/*
 * kernel/fs/fdtable.c - the per-process descriptor table.
 *
 * Owns: the slots of a table; each installed slot holds one reference
 * on its file (taken over from the installer). Who shares a table (its
 * users count) is kernel/proc/parts.c's.
 * Invariants: used bit set <=> slot allocated; files[fd] != NULL only
 * for used slots (NULL means reserved by fd_alloc, not yet installed);
 * cloexec bits only on used slots; nopen == number of used bits.
 * Work is proportional to the open descriptors (bitmap words are
 * skipped 32 slots at a time), never to FD_MAX per descriptor.
 * Locking: none (see vfs.h); a table belongs to one process.
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fsmem.h"

#define WORDS (FD_MAX / 32)

static bool bit_test(const uint32_t *map, int fd)
{
	return map[fd / 32] & (1u << (fd % 32));
}

static void bit_set(uint32_t *map, int fd, bool on)
{
	if (on)
		map[fd / 32] |= 1u << (fd % 32);
	else
		map[fd / 32] &= ~(1u << (fd % 32));
}

/* The next used slot >= fd, or FD_MAX. */
static int next_used(const uint32_t *map, int fd)
{
	while (fd < FD_MAX) {
		uint32_t w = map[fd / 32] >> (fd % 32);

		if (w)
			return fd + __builtin_ctz(w);
		fd = ALIGN_DOWN(fd, 32) + 32;
	}
	return FD_MAX;
}

void fdtable_init(struct fdtable *t)
{
	memset(t, 0, sizeof(*t));
}

int fd_alloc(struct fdtable *t, int min)
{
	int fd = min;

	if (min < 0 || min >= FD_MAX)
		return -EINVAL;
	while (fd < FD_MAX) {
		uint32_t w = ~t->used[fd / 32] >> (fd % 32);

		if (w) {
			fd += __builtin_ctz(w);
			break;
		}
		fd = ALIGN_DOWN(fd, 32) + 32;
	}
	if (fd >= FD_MAX)
		return -EMFILE;
	bit_set(t->used, fd, true);
	bit_set(t->cloexec, fd, false);
	t->nopen++;
	return fd;
}

void fd_unreserve(struct fdtable *t, int fd)
{
	BUG_ON(!bit_test(t->used, fd) || t->files[fd]);
	bit_set(t->used, fd, false);
	t->nopen--;
}

void fd_install(struct fdtable *t, int fd, struct file *f, bool cloexec)
{
	BUG_ON(!bit_test(t->used, fd) || t->files[fd]);
	t->files[fd] = f;
	bit_set(t->cloexec, fd, cloexec);
}

int fd_install_new(struct fdtable *t, struct file *f, bool cloexec)
{
	int fd = fd_alloc(t, 0);

	if (fd >= 0)
		fd_install(t, fd, f, cloexec);
	return fd;
}

static struct file *slot_file(const struct fdtable *t, int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return t->files[fd];
}

int fd_get(struct fdtable *t, int fd, struct file **out)
{
	struct file *f = slot_file(t, fd);

	if (!f)
		return -EBADF;
	*out = file_get(f);
	return 0;
}

/* Empty an installed slot; returns the reference it held. */
static struct file *slot_take(struct fdtable *t, int fd)
{
	struct file *f = t->files[fd];

	t->files[fd] = NULL;
	bit_set(t->used, fd, false);
	bit_set(t->cloexec, fd, false);
	t->nopen--;
	return f;
}

int fd_close(struct fdtable *t, int fd)
{
	if (!slot_file(t, fd))
		return -EBADF;
	file_put(slot_take(t, fd));
	return 0;
}

int fd_get_cloexec(struct fdtable *t, int fd)
{
	if (!slot_file(t, fd))
		return -EBADF;
	return bit_test(t->cloexec, fd) ? FD_CLOEXEC : 0;
}

int fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	if (!slot_file(t, fd))
		return -EBADF;
	bit_set(t->cloexec, fd, on);
	return 0;
}

int fd_dupfd(struct fdtable *t, int oldfd, int min, bool cloexec)
{
	struct file *f = slot_file(t, oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_alloc(t, min);
	if (fd < 0)
		return fd;
	fd_install(t, fd, file_get(f), cloexec);
	return fd;
}

int fd_dup(struct fdtable *t, int oldfd)
{
	return fd_dupfd(t, oldfd, 0, false);
}

/*
 * Put oldfd's file in newfd, closing what newfd held. A reserved newfd
 * gives -EBUSY, as Linux does for a slot being set up by another
 * thread's open.
 */
static int dup_into(struct fdtable *t, int oldfd, int newfd, bool cloexec)
{
	struct file *f = slot_file(t, oldfd), *old = NULL;

	if (!f || newfd < 0 || newfd >= FD_MAX)
		return -EBADF;
	if (bit_test(t->used, newfd) && !t->files[newfd])
		return -EBUSY;
	file_get(f);
	if (t->files[newfd])
		old = slot_take(t, newfd);
	bit_set(t->used, newfd, true);
	t->nopen++;
	fd_install(t, newfd, f, cloexec);
	file_put(old);
	return newfd;
}

int fd_dup2(struct fdtable *t, int oldfd, int newfd)
{
	if (oldfd == newfd)
		return slot_file(t, oldfd) ? newfd : -EBADF;
	return dup_into(t, oldfd, newfd, false);
}

int fd_dup3(struct fdtable *t, int oldfd, int newfd, uint32_t flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return dup_into(t, oldfd, newfd, flags & O_CLOEXEC);
}

void fdtable_clone(struct fdtable *dst, const struct fdtable *src)
{
	int fd;

	fdtable_init(dst);
	for (fd = next_used(src->used, 0); fd < FD_MAX;
	     fd = next_used(src->used, fd + 1)) {
		if (!src->files[fd])
			continue; /* reserved: not the child's */
		dst->files[fd] = file_get(src->files[fd]);
		bit_set(dst->used, fd, true);
		bit_set(dst->cloexec, fd, bit_test(src->cloexec, fd));
		dst->nopen++;
	}
}

/* Close the installed slots whose cloexec bit is set, or all if !only. */
static void close_where(struct fdtable *t, bool only_cloexec)
{
	int fd;

	for (fd = next_used(t->used, 0); fd < FD_MAX;
	     fd = next_used(t->used, fd + 1)) {
		if (!t->files[fd])
			continue;
		if (only_cloexec && !bit_test(t->cloexec, fd))
			continue;
		file_put(slot_take(t, fd));
	}
}

void fdtable_close_all(struct fdtable *t)
{
	close_where(t, false);
}

void fdtable_close_on_exec(struct fdtable *t)
{
	close_where(t, true);
}

int fdtable_count(const struct fdtable *t)
{
	int fd, n = 0;

	for (fd = next_used(t->used, 0); fd < FD_MAX;
	     fd = next_used(t->used, fd + 1))
		n += t->files[fd] != NULL;
	return n;
}
