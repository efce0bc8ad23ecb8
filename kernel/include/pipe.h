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
	uint32_t size;		/* bytes */
	uint32_t head;		/* index of the oldest byte */
	uint32_t count;		/* bytes queued */
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

struct file;
struct kstat;

/*
 * pipe_create - a new pipe of PIPE_SIZE bytes. *rd is its read end
 * (O_RDONLY) and *wr its write end (O_WRONLY), each with one reference;
 * flags may add O_NONBLOCK to both. 0 or -ENOMEM.
 */
int pipe_create(uint32_t flags, struct file **rd, struct file **wr);
/* Is f an end of a pipe? */
bool file_is_pipe(const struct file *f);
/* pipe_stat - fstat(2) of a pipe end: S_IFIFO | 0600, size 0. */
void pipe_stat(const struct file *f, struct kstat *ks);

#endif
