/*
 * kernel/fs/tmpfs_dir.c - the indexes of a tmpfs directory: every entry
 * is in two AVL trees (avl.h), one ordered by name for lookup, create
 * and unlink, one ordered by cookie for getdents. Each of those costs
 * O(log n) in the directory's size n, so filling a directory with n
 * names costs O(n log n) where a list cost O(n^2).
 *
 * Owns: the entries (struct tmpfs_dirent) once inserted, until erased;
 * the nlink counting around them is tmpfs.c's.
 * Invariants: a name is in a directory at most once; cookies are unique
 * in a directory and grow with each insert (never reused), so a getdents
 * offset (the cookie after the last entry returned) stays meaningful
 * while entries come and go: seeking to it skips exactly the entries
 * already returned. The trees use no memory beyond the entries, so a
 * directory costs memory in proportion to its names.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "vfs.h"
#include "fsmem.h"
#include "tmpfs_int.h"

unsigned long tmpfs_dir_steps;

/* FNV-1a, 32 bits: cheap, and spreads names that share a prefix. */
static uint32_t name_hash(const char *name, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ (uint8_t)*name++) * 16777619u;
	return h;
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
	struct avl_node *n = d->names;

	while (n) {
		int c = name_cmp(hash, name, len, by_name(n));

		tmpfs_dir_steps++;
		if (c == 0)
			return by_name(n);
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Add e to the name tree: walk to its empty link. */
static void insert_by_name(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	struct avl_node **link = &d->names, *parent = NULL;

	while (*link) {
		parent = *link;
		tmpfs_dir_steps++;
		if (name_cmp(e->hash, e->name, e->len, by_name(parent)) < 0)
			link = &parent->left;
		else
			link = &parent->right;
	}
	avl_insert(&d->names, parent, link, &e->by_name);
}

/* Add e to the cookie tree: its cookie is the largest, so it goes at the
 * right end. */
static void insert_by_cookie(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	struct avl_node **link = &d->order, *parent = NULL;

	while (*link) {
		parent = *link;
		tmpfs_dir_steps++;
		link = &parent->right;
	}
	avl_insert(&d->order, parent, link, &e->by_cookie);
}

void tmpfs_dir_insert(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	e->cookie = d->next_cookie++;
	insert_by_name(d, e);
	insert_by_cookie(d, e);
	d->count++;
}

void tmpfs_dir_erase(struct tmpfs_dir *d, struct tmpfs_dirent *e)
{
	avl_erase(&d->names, &e->by_name);
	avl_erase(&d->order, &e->by_cookie);
	d->count--;
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
