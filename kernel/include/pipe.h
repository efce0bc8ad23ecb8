/*
 * pipe.h - anonymous pipes (pipe(7)): a byte ring shared by a read-end
 * and a write-end open file.
 *
 * The ring (kernel/fs/pipe_ring.c) is pure and knows nothing of files or
 * sleeping; kernel/fs/pipe.c adds the two ends, blocking, EOF, EPIPE and
 * SIGPIPE.
 */
#ifndef SLEIGHT_PIPE_H
#define SLEIGHT_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

/*
 * A ring of `size` bytes at buf. Bytes live at [head, head + count)
 * modulo size. Invariant: count <= size, head < size.
 */
struct pipe_ring {
	uint8_t *buf;
	uint32_t size;	/* bytes */
	uint32_t head;	/* index of the oldest byte */
	uint32_t count; /* bytes queued */
};

/* pipe_ring_init - an empty ring over buf[0..size). */
void pipe_ring_init(struct pipe_ring *r, void *buf, uint32_t size);
/* Bytes queued / bytes that can still be written. */
uint32_t pipe_ring_count(const struct pipe_ring *r);
uint32_t pipe_ring_space(const struct pipe_ring *r);
/*
 * How bytes move in and out of the ring: memcpy for kernel buffers,
 * copy_from_user/copy_to_user for user ones. Returns 0 or -EFAULT.
 */
typedef int (*pipe_copy_t)(void *dst, const void *src, size_t n);

/*
 * pipe_ring_put_copy - append up to n bytes of src with copy; returns
 * bytes taken, or -EFAULT (nothing taken) when copy fails at once.
 * Bytes move in PIPE_BUF pieces of the transfer, each whole or not at
 * all, so a fault part-way takes the pieces before it (a bad user buffer
 * gives the count up to its page, as Linux's page-sized pipe buffers do;
 * a write of at most PIPE_BUF stays all or nothing).
 */
long pipe_ring_put_copy(struct pipe_ring *r, const void *src, uint32_t n,
			pipe_copy_t copy);
/* pipe_ring_get_copy - remove up to n of the oldest bytes into dst with
 * copy, in PIPE_BUF pieces as for put; returns bytes removed, or -EFAULT
 * (nothing removed) when the first piece fails. */
long pipe_ring_get_copy(struct pipe_ring *r, void *dst, uint32_t n,
			pipe_copy_t copy);
/* pipe_ring_put - append up to n bytes of src; returns bytes taken. */
uint32_t pipe_ring_put(struct pipe_ring *r, const void *src, uint32_t n);
/* pipe_ring_get - remove up to n of the oldest bytes into dst; returns
 * bytes moved. */
uint32_t pipe_ring_get(struct pipe_ring *r, void *dst, uint32_t n);

/*
 * Pipe buffer pages per user (Linux fs/pipe.c, fs.pipe-user-pages-soft):
 * each pipe charges its pages to the real uid of its creator. A new pipe
 * gets `want` pages, or `min` when the creator's pages with `want` more
 * would be above `soft` (0: no limit) and the creator is not privileged
 * (Linux: CAP_SYS_RESOURCE or CAP_SYS_ADMIN; Sleight: euid 0). Past
 * `hard` (0: none) an unprivileged user gets no new pipe at all (Linux's
 * pipe-user-pages-hard; there it is off by default).
 */
struct pipe_user {
	uint32_t uid;
	uint32_t pages; /* 0: the slot is free */
};

struct pipe_users {
	struct pipe_user u[PIPE_USERS_MAX];
	uint32_t total; /* pages over all users */
};

struct pipe_limit {
	uint32_t want; /* pages of a normal pipe */
	uint32_t min;  /* pages once over the soft limit */
	uint32_t soft; /* pages per user; 0: none */
	uint32_t hard; /* pages per user; 0: none */
};

/*
 * pipe_users_charge - the pages a new pipe of uid gets (lim->want or
 * lim->min), charged to uid; *charged is what to give back to
 * pipe_users_uncharge (0 when the table had no slot for uid: the pipe
 * then gets lim->min, or lim->want when privileged, uncharged). 0 (no
 * pipe, nothing charged) when an unprivileged uid would go past
 * lim->hard.
 */
uint32_t pipe_users_charge(struct pipe_users *t, uint32_t uid,
			   const struct pipe_limit *lim, bool privileged,
			   uint32_t *charged);
/* pipe_users_uncharge - give back pages charged to uid. */
void pipe_users_uncharge(struct pipe_users *t, uint32_t uid, uint32_t pages);
/* pipe_users_pages - pages charged to uid now. */
uint32_t pipe_users_pages(const struct pipe_users *t, uint32_t uid);

struct file;
struct kstat;

/*
 * pipe_create - a new pipe of PIPE_SIZE bytes, or PIPE_MIN_SIZE when the
 * creator is over the per-user soft limit (above). *rd is its read end
 * (O_RDONLY) and *wr its write end (O_WRONLY), each with one reference;
 * flags may add O_NONBLOCK to both. 0, -ENOMEM, or -ENFILE (the creator
 * is past the hard limit, as Linux's pipe(2)).
 */
int pipe_create(uint32_t flags, struct file **rd, struct file **wr);
/* Is f an end of a pipe? */
bool file_is_pipe(const struct file *f);
/* pipe_stat - fstat(2) of a pipe end: S_IFIFO | 0600, size 0. */
void pipe_stat(const struct file *f, struct kstat *ks);
/* pipe_size - F_GETPIPE_SZ: the capacity of f's pipe in bytes; f must be
 * a pipe end. */
uint32_t pipe_size(const struct file *f);
/* pipe_file_pages - f's share of its pipe's allocated buffer pages (the
 * pages over the open ends, then over f's references), for the OOM
 * killer's footprint; 0 when f is not a pipe end. */
uint32_t pipe_file_pages(const struct file *f);
/* pipe_pages_charged - pipe pages charged to all users (/dev/kstat). */
uint32_t pipe_pages_charged(void);
/* pipe_user_soft_limit - the per-user soft limit in pages: Linux's
 * default scaled down to this machine's memory (param.h). The hard
 * limit is PIPE_USER_HARD_FACTOR times it. */
uint32_t pipe_user_soft_limit(void);

#endif
