/*
 * kernel/fs/pipe_ring.c - the byte ring under a pipe, and the per-user
 * accounting of pipe buffer pages.
 *
 * Owns nothing: the caller provides and frees the buffer and the
 * accounting table. Pure code (no locking, no sleeping), tested on the
 * host by tests/unit/test_pipe.c.
 * Invariants: count <= size and head < size between calls; a put never
 * overwrites queued bytes and a get never returns a byte twice. In a
 * pipe_users table, a slot with pages == 0 is free, no two used slots
 * have the same uid, and total is the sum of the slots' pages.
 */
#include "kernel.h"
#include "errno.h"
#include "pipe.h"

void pipe_ring_init(struct pipe_ring *r, void *buf, uint32_t size)
{
	r->buf = buf;
	r->size = size;
	r->head = 0;
	r->count = 0;
}

uint32_t pipe_ring_count(const struct pipe_ring *r)
{
	return r->count;
}

uint32_t pipe_ring_space(const struct pipe_ring *r)
{
	return r->size - r->count;
}

/*
 * Move n bytes between the ring, from index at on, and the outside
 * buffer ext (into the ring when in), in PIPE_BUF pieces of the
 * transfer. A piece is moved whole or not at all: the first piece that
 * copy refuses ends the transfer. Returns the bytes of the pieces moved.
 */
static uint32_t ring_copy(struct pipe_ring *r, uint32_t at, uint8_t *ext,
			  uint32_t n, bool in, pipe_copy_t copy)
{
	uint32_t done = 0;

	while (done < n) {
		uint32_t piece = MIN(n - done, (uint32_t)PIPE_BUF);
		uint32_t i = (at + done) % r->size;
		uint32_t first = MIN(piece, r->size - i); /* to the end */
		uint8_t *e = ext + done;
		int err;

		if (in)
			err = copy(r->buf + i, e, first) ||
			      copy(r->buf, e + first, piece - first);
		else
			err = copy(e, r->buf + i, first) ||
			      copy(e + first, r->buf, piece - first);
		if (err)
			break;
		done += piece;
	}
	return done;
}

long pipe_ring_put_copy(struct pipe_ring *r, const void *src, uint32_t n,
			pipe_copy_t copy)
{
	uint32_t done;

	n = MIN(n, pipe_ring_space(r));
	if (n == 0)
		return 0;
	done = ring_copy(r, r->head + r->count, (uint8_t *)src, n, true, copy);
	if (done == 0)
		return -EFAULT;
	r->count += done;
	return done;
}

long pipe_ring_get_copy(struct pipe_ring *r, void *dst, uint32_t n,
			pipe_copy_t copy)
{
	uint32_t done;

	n = MIN(n, r->count);
	if (n == 0)
		return 0;
	done = ring_copy(r, r->head, dst, n, false, copy);
	if (done == 0)
		return -EFAULT;
	r->head = (r->head + done) % r->size;
	r->count -= done;
	if (r->count == 0)
		r->head = 0; /* keep later writes contiguous */
	return done;
}

static int kernel_copy(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	return 0;
}

uint32_t pipe_ring_put(struct pipe_ring *r, const void *src, uint32_t n)
{
	return (uint32_t)pipe_ring_put_copy(r, src, n, kernel_copy);
}

uint32_t pipe_ring_get(struct pipe_ring *r, void *dst, uint32_t n)
{
	return (uint32_t)pipe_ring_get_copy(r, dst, n, kernel_copy);
}

/* ---- per-user pipe pages (Linux fs/pipe.c account_pipe_buffers) ---- */

static struct pipe_user *user_slot(struct pipe_users *t, uint32_t uid,
				   bool create)
{
	struct pipe_user *free = NULL;

	for (unsigned i = 0; i < PIPE_USERS_MAX; i++) {
		if (t->u[i].pages && t->u[i].uid == uid)
			return &t->u[i];
		if (!t->u[i].pages && !free)
			free = &t->u[i];
	}
	if (free && create)
		free->uid = uid;
	return create ? free : NULL;
}

uint32_t pipe_users_pages(const struct pipe_users *t, uint32_t uid)
{
	struct pipe_user *s = user_slot((struct pipe_users *)t, uid, false);

	return s ? s->pages : 0;
}

uint32_t pipe_users_charge(struct pipe_users *t, uint32_t uid,
			   const struct pipe_limit *lim, bool privileged,
			   uint32_t *charged)
{
	struct pipe_user *s = user_slot(t, uid, true);
	uint32_t pages = lim->want;

	*charged = 0;
	if (!s) /* table full: no accounting, the small size */
		return privileged ? lim->want : lim->min;
	if (lim->soft && s->pages + lim->want > lim->soft && !privileged)
		pages = lim->min;
	if (lim->hard && s->pages + pages > lim->hard && !privileged)
		return 0;
	s->pages += pages;
	t->total += pages;
	*charged = pages;
	return pages;
}

void pipe_users_uncharge(struct pipe_users *t, uint32_t uid, uint32_t pages)
{
	struct pipe_user *s = user_slot(t, uid, false);

	if (!s || !pages)
		return;
	pages = MIN(pages, s->pages);
	s->pages -= pages;
	t->total -= pages;
}
