/*
 * kernel/fs/tmpfs_data.c - the bytes of tmpfs regular files and symlinks.
 *
 * A regular file's data is a two-level page table: a top page of
 * pointers to index pages, each a page of pointers to data pages
 * (PTRS_PER_PAGE each); page 0 hangs off the file itself, so a file of
 * one page costs one page. Missing pages are holes and read as zeros.
 * A symlink's target is kept in one kmalloc'd or page-sized buffer.
 *
 * Owns: the data pages of each tmpfs file (freed by truncate and evict)
 * and the page budget they count against.
 * Invariants: no data page lies wholly at or beyond ALIGN_UP(size); the
 * bytes of the last page past size are zero, so growing a file by
 * truncate or a write past the end exposes only zeros.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "fs.h"
#include "vfs.h"
#include "fsmem.h"
#include "tmpfs_int.h"

#define PTRS_PER_PAGE (PAGE_SIZE / sizeof(void *))

/*
 * Every page a tmpfs file holds (data, index tables, long symlink
 * targets) counts against one budget, as Linux's tmpfs size= does: when
 * it is spent, writes fail with ENOSPC instead of taking the last free
 * frames (a full /tmp must still leave room to run rm).
 */
static uint32_t pages_used, page_limit; /* limit 0: none */

/* tmpfs_set_page_limit - the budget, in pages, for all tmpfs files. */
void tmpfs_set_page_limit(uint32_t pages)
{
	page_limit = pages;
}

/* tmpfs_pages_used - pages tmpfs files hold now. */
uint32_t tmpfs_pages_used(void)
{
	return pages_used;
}

static void *data_page_alloc(void)
{
	void *p;

	if (page_limit && pages_used >= page_limit)
		return NULL;
	p = fs_page_alloc();
	if (p)
		pages_used++;
	return p;
}

static void data_page_free(void *p)
{
	if (p) {
		fs_page_free(p);
		pages_used--;
	}
}

/* The slot holding data page pg, allocating the tables when create. */
static void **page_slot(struct tmpfs_file *f, uint32_t pg, bool create)
{
	uint32_t hi = pg / PTRS_PER_PAGE, lo = pg % PTRS_PER_PAGE;
	void **mid;

	if (pg == 0)
		return &f->page0;
	if (hi >= PTRS_PER_PAGE)
		return NULL;
	if (!f->top) {
		if (!create || !(f->top = data_page_alloc()))
			return NULL;
	}
	mid = f->top[hi];
	if (!mid) {
		if (!create || !(mid = data_page_alloc()))
			return NULL;
		f->top[hi] = mid;
	}
	return &mid[lo];
}

long tmpfs_file_read(struct inode *ip, void *buf, size_t n, int64_t off)
{
	struct tmpfs_file *f = ip->priv;
	size_t done = 0;

	if (off < 0)
		return -EINVAL;
	if (off >= ip->size)
		return 0;
	if ((int64_t)n > ip->size - off)
		n = ip->size - off;
	while (done < n) {
		uint32_t pg = (off + done) / PAGE_SIZE;
		size_t in = (off + done) % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - in);
		void **slot = page_slot(f, pg, false);

		if (slot && *slot)
			memcpy((char *)buf + done, (char *)*slot + in, chunk);
		else
			memset((char *)buf + done, 0, chunk);
		done += chunk;
	}
	inode_touch(ip, true, false, false);
	return done;
}

/*
 * A data page that a process has mapped (an executable's text, shared by
 * exec instead of copied) is replaced by a private copy before the file
 * system writes to it, so that running programs never see the file
 * change under them. Returns the page to write to, or NULL (no memory).
 */
static void *page_for_write(void **slot)
{
	void *copy;

	if (!fs_page_shared(*slot))
		return *slot;
	copy = data_page_alloc();
	if (!copy)
		return NULL;
	memcpy(copy, *slot, PAGE_SIZE);
	data_page_free(*slot); /* drops only our reference */
	*slot = copy;
	return copy;
}

/* tmpfs_get_page - the kernel address of data page pg of a regular file,
 * or NULL for a hole (reads as zeros). The page stays the file's; a
 * caller that keeps it must take its own frame reference. */
void *tmpfs_get_page(struct inode *ip, uint32_t pg)
{
	void **slot = page_slot(ip->priv, pg, false);

	return slot ? *slot : NULL;
}

long tmpfs_file_write(struct inode *ip, const void *buf, size_t n, int64_t off)
{
	struct tmpfs_file *f = ip->priv;
	size_t done = 0;

	if (off < 0)
		return -EINVAL;
	if (off >= (int64_t)TMPFS_FILE_MAX)
		return n ? -EFBIG : 0;
	if ((int64_t)n > (int64_t)TMPFS_FILE_MAX - off)
		n = TMPFS_FILE_MAX - off;
	while (done < n) {
		uint32_t pg = (off + done) / PAGE_SIZE;
		size_t in = (off + done) % PAGE_SIZE;
		size_t chunk = MIN(n - done, PAGE_SIZE - in);
		void **slot = page_slot(f, pg, true);

		if (slot && !*slot)
			*slot = data_page_alloc();
		if (!slot || !*slot || !page_for_write(slot))
			break;
		memcpy((char *)*slot + in, (const char *)buf + done, chunk);
		done += chunk;
	}
	if (done == 0 && n)
		return -ENOSPC;
	if (off + (int64_t)done > ip->size)
		ip->size = off + done;
	inode_touch(ip, false, true, true);
	return done;
}

/* Free every data page with index >= keep, and tables left empty. */
static void free_pages_from(struct tmpfs_file *f, uint32_t keep)
{
	uint32_t hi, lo;

	if (keep == 0) {
		data_page_free(f->page0);
		f->page0 = NULL;
	}
	if (!f->top)
		return;
	for (hi = 0; hi < PTRS_PER_PAGE; hi++) {
		void **mid = f->top[hi];
		uint32_t base = hi * PTRS_PER_PAGE;

		if (!mid)
			continue;
		for (lo = 0; lo < PTRS_PER_PAGE; lo++) {
			if (base + lo >= keep && mid[lo]) {
				data_page_free(mid[lo]);
				mid[lo] = NULL;
			}
		}
		if (base >= keep) {
			data_page_free(mid);
			f->top[hi] = NULL;
		}
	}
	if (keep == 0) {
		data_page_free(f->top);
		f->top = NULL;
	}
}

int tmpfs_file_truncate(struct inode *ip, int64_t size)
{
	struct tmpfs_file *f = ip->priv;

	if (size > (int64_t)TMPFS_FILE_MAX)
		return -EFBIG;
	if (size < ip->size) {
		uint32_t keep = ALIGN_UP((uint64_t)size, PAGE_SIZE) / PAGE_SIZE;
		size_t in = size % PAGE_SIZE;
		void **slot;

		free_pages_from(f, keep);
		slot = in ? page_slot(f, size / PAGE_SIZE, false) : NULL;
		if (slot && *slot && page_for_write(slot))
			memset((char *)*slot + in, 0, PAGE_SIZE - in);
	}
	ip->size = size;
	return 0;
}

/*
 * tmpfs_inode_pages - the pages (data and index tables) the regular
 * tmpfs file ip holds; 0 for anything else. O(index pages + data slots
 * of present index pages); for the OOM killer, not a hot path.
 */
uint32_t tmpfs_inode_pages(const struct inode *ip)
{
	const struct tmpfs_file *f;
	uint32_t n = 0, hi, lo;

	if (!ip || !ip->sb || strcmp(ip->sb->fstype, "tmpfs") ||
	    !S_ISREG(ip->mode) || !(f = ip->priv) || !f->top)
		return 0;
	n = 1;
	for (hi = 0; hi < PTRS_PER_PAGE; hi++) {
		void **mid = f->top[hi];

		if (!mid)
			continue;
		n++;
		for (lo = 0; lo < PTRS_PER_PAGE; lo++)
			n += mid[lo] != NULL;
	}
	return n;
}

void tmpfs_file_free(struct inode *ip)
{
	struct tmpfs_file *f = ip->priv;

	if (!f)
		return;
	free_pages_from(f, 0);
	kfree(f);
	ip->priv = NULL;
}

int tmpfs_symlink_set(struct inode *ip, const char *target)
{
	size_t len = strlen(target);
	char *buf;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	buf = len < TMPFS_SHORT_LINK ? kmalloc(len + 1) : data_page_alloc();
	if (!buf)
		return -ENOMEM;
	memcpy(buf, target, len + 1);
	ip->priv = buf;
	ip->size = len;
	return 0;
}

int tmpfs_readlink(struct inode *ip, char *buf, size_t size)
{
	size_t n = MIN(size, (size_t)ip->size);

	memcpy(buf, ip->priv, n);
	return n;
}

void tmpfs_symlink_free(struct inode *ip)
{
	if (ip->size < TMPFS_SHORT_LINK)
		kfree(ip->priv);
	else
		data_page_free(ip->priv);
	ip->priv = NULL;
}
