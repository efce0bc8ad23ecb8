/*
 * kernel/fs/tmpfs_dir.c - the indexes of a tmpfs directory. Each entry
 * is in two places:
 *  - a hash table of names, whose buckets are AVL trees (avl.h) ordered
 *    by (hash, length, bytes): lookup, create and unlink cost O(1) on
 *    average and O(log n) at worst, even for names chosen to collide;
 *  - an AVL tree ordered by cookie, for getdents: O(log n) to resume.
 * So filling a directory with n names costs O(n) on average where a
 * list cost O(n^2).
 *
 * The table grows (doubling) when the entries outnumber twice its
 * buckets and shrinks when they fall below an eighth, rehashing all
 * entries each time (amortized O(1) per operation). A directory of at
 * most DIR_SMALL entries has no table: its one bucket is d->names. A
 * table of up to a page is one kmalloc block; a larger one is pages of
 * bucket roots under one kmalloc'd index. If a new table cannot be had
 * the old one stays: lookups only get slower (the buckets are trees).
 *
 * Owns: the entries (struct tmpfs_dirent) once inserted, until erased,
 * and the bucket table; the nlink counting around them is tmpfs.c's.
 * Invariants: a name is in a directory at most once; cookies are unique
 * in a directory and grow with each insert (never reused), so a getdents
 * offset (the cookie after the last entry returned) stays meaningful
 * while entries come and go: seeking to it skips exactly the entries
 * already returned. Memory: the entries plus at most one bucket root
 * per entry (about four bytes on i386).
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "vfs.h"
#include "fsmem.h"
#include "tmpfs_int.h"

unsigned long tmpfs_dir_steps;

#define DIR_SMALL 64 /* entries a directory holds without a table */
#define ROOTS_PER_PAGE (PAGE_SIZE / sizeof(struct avl_node *))

/* FNV-1a over the bytes, then the murmur3 finalizer so that the low
 * bits (the bucket index) depend on every byte. */
static uint32_t name_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (uint8_t)*name++) * 16777619u;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

/* Order of names: hash, then length, then bytes. <0, 0 or >0. */
static int name_cmp(uint32_t hash, const char *name, size_t len,
		    const struct tmpfs_dirent *e)
{
	if (hash != e->hash)
		return hash < e->hash ? -1 : 1;
	if (len != e->len)
		return len < e->len ? -1 : 1;
	return memcmp(name, e->name, len);
}

static struct tmpfs_dirent *by_name(struct avl_node *n)
{
	return avl_entry(n, struct tmpfs_dirent, by_name);
}

static struct tmpfs_dirent *by_cookie(struct avl_node *n)
{
	return n ? avl_entry(n, struct tmpfs_dirent, by_cookie) : NULL;
}

/* Pages of roots in a table of 1 << bits; 0: the roots are one block. */
static size_t table_pages(unsigned bits)
{
	size_t roots = 1ul << bits;

	return roots > ROOTS_PER_PAGE ? roots / ROOTS_PER_PAGE : 0;
}

/* The root of the bucket tree for hash. */
static struct avl_node **bucket(struct tmpfs_dir *d, uint32_t hash)
{
	uint32_t i = hash & ((1u << d->bits) - 1);

	if (d->bits == 0)
		return &d->names;
	if (table_pages(d->bits) == 0)
		return &((struct avl_node **)d->table)[i];
	return &((struct avl_node ***)
			 d->table)[i / ROOTS_PER_PAGE][i % ROOTS_PER_PAGE];
}

/* Can a table of 1 << bits roots be built (an index of one page)? */
static bool table_fits(unsigned bits)
{
	return (1ul << bits) <= ROOTS_PER_PAGE * ROOTS_PER_PAGE;
}

static void table_free(void *table, unsigned bits)
{
	size_t pages = table_pages(bits);

	if (!table)
		return;
	for (size_t i = 0; i < pages; i++)
		fs_page_free(((void **)table)[i]);
	kfree(table);
}

/* An empty table of 1 << bits roots (bits > 0), or NULL. */
static void *table_alloc(unsigned bits)
{
	size_t pages = table_pages(bits);
	void **index;

	if (pages == 0)
		return kzalloc(sizeof(struct avl_node *) << bits);
	index = kzalloc(pages * sizeof(void *));
	if (!index)
		return NULL;
	for (size_t i = 0; i < pages; i++) {
		index[i] = fs_page_alloc(); /* zeroed: empty roots */
		if (!index[i]) {
			table_free(index, bits);
			return NULL;
		}
	}
	return index;
}

static void insert_by_name(struct tmpfs_dir *d, struct tmpfs_dirent *e);

/* Rehash every entry of d's cookie tree into a table of 1 << bits
 * buckets. false: no memory for it, d unchanged. */
static bool resize(struct tmpfs_dir *d, unsigned bits)
{
	void *old = d->table, *table = NULL;
	unsigned old_bits = d->bits;
	struct avl_node *n;

	if (bits && !(table = table_alloc(bits)))
		return false;
	d->table = table;
	d->bits = bits;
	d->names = NULL;
	for (n = avl_first(d->order); n; n = avl_next(n))
		insert_by_name(d, avl_entry(n, struct tmpfs_dirent, by_cookie));
	table_free(old, old_bits);
	return true;
}

/* The table size for n entries: at most two per bucket. */
static unsigned bits_for(int n)
{
	unsigned bits = 0;

	if (n <= DIR_SMALL)
		return 0;
	while ((2l << bits) < n && table_fits(bits + 1))
		bits++;
	return bits;
}

void tmpfs_dir_release(struct tmpfs_dir *d)
{
	table_free(d->table, d->bits);
	d->table = NULL;
	d->bits = 0;
}

struct tmpfs_dirent *tmpfs_dirent_new(const char *name, size_t len,
				      struct inode *ip)
{
	struct tmpfs_dirent *e = kmalloc(sizeof(*e) + len);

	if (!e)
		return NULL;
	e->ip = ip;
	e->len = len;
	e->hash = name_hash(name, len);
	memcpy(e->name, name, len);
	return e;
}

struct tmpfs_dirent *tmpfs_dir_find(struct tmpfs_dir *d, const char *name,
				    size_t len)
{
	uint32_t hash = name_hash(name, len);
	struct avl_node *n = *bucket(d, hash);

	while (n) {
		int c = name_cmp(hash, name, len, by_name(n));

		tmpfs_dir_steps++;
		if (c == 0)
			return by_name(n);
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Add e to its bucket's tree: walk to its empty link. */
static void insert_by_name(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	struct avl_node **root = bucket(d, e->hash), **link = root;
	struct avl_node *parent = NULL;

	while (*link) {
		parent = *link;
		tmpfs_dir_steps++;
		if (name_cmp(e->hash, e->name, e->len, by_name(parent)) < 0)
			link = &parent->left;
		else
			link = &parent->right;
	}
	avl_insert(root, parent, link, &e->by_name);
}

/* Add e to the cookie tree: its cookie is the largest, so it becomes
 * the right child of the last entry (which has none). O(1) amortized. */
static void insert_by_cookie(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	struct avl_node *parent = d->last ? &d->last->by_cookie : NULL;

	tmpfs_dir_steps++;
	avl_insert(&d->order, parent, parent ? &parent->right : &d->order,
		   &e->by_cookie);
	d->last = e;
}

void tmpfs_dir_insert(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	e->cookie = d->next_cookie++;
	insert_by_cookie(d, e);
	d->count++;
	/* a rehash inserts e too; without memory for it, the old table */
	if (bits_for(d->count) <= d->bits || !resize(d, bits_for(d->count)))
		insert_by_name(d, e);
}

void tmpfs_dir_erase(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	avl_erase(bucket(d, e->hash), &e->by_name);
	if (d->last == e)
		d->last = by_cookie(avl_prev(&e->by_cookie));
	avl_erase(&d->order, &e->by_cookie);
	d->count--;
	if (d->bits && d->count < (1 << d->bits) / 8)
		(void)resize(d, bits_for(d->count)); /* or keep the old */
}

struct tmpfs_dirent *tmpfs_dir_seek(struct tmpfs_dir *d, int64_t cookie)
{
	struct avl_node *n = d->order, *best = NULL;

	while (n) {
		tmpfs_dir_steps++;
		if (by_cookie(n)->cookie >= cookie) {
			best = n;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return by_cookie(best);
}

struct tmpfs_dirent *tmpfs_dir_next(struct tmpfs_dirent *e)
{
	return by_cookie(avl_next(&e->by_cookie));
}
