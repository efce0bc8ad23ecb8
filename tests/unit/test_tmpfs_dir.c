/*
 * Host tests for tmpfs directories (kernel/fs/tmpfs_dir.c, avl.c) and
 * the inode budget (tmpfs.c): the trees stay balanced, lookups cost
 * O(log n) steps, getdents returns every entry that stays exactly once
 * while others come and go, and the budget gives ENOSPC as Linux's
 * nr_inodes does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fsfix.h"
#include "fs/avl.h"
#include "fs/tmpfs_int.h"

/* ---- the AVL tree alone ---- */

struct item {
	struct avl_node node;
	int key;
};

/* Check the AVL invariants under n; returns its height. */
static int check_tree(struct avl_node *n, struct avl_node *parent, int *count)
{
	int l, r;

	if (!n)
		return 0;
	assert_ptr_equal(n->parent, parent);
	l = check_tree(n->left, n, count);
	r = check_tree(n->right, n, count);
	assert_true(l - r <= 1 && r - l <= 1);
	assert_int_equal(n->height, 1 + (l > r ? l : r));
	if (n->left)
		assert_true(avl_entry(n->left, struct item, node)->key <
			    avl_entry(n, struct item, node)->key);
	(*count)++;
	return n->height;
}

static void item_insert(struct avl_node **root, struct item *it)
{
	struct avl_node **link = root, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < avl_entry(parent, struct item, node)->key ?
			&parent->left : &parent->right;
	}
	avl_insert(root, parent, link, &it->node);
}

/* Random inserts and erases keep the tree balanced and in order. */
static void test_avl_random_operations(void **state)
{
	enum { N = 2000 };
	static struct item items[N];
	static bool in[N];
	struct avl_node *root = NULL, *n;
	int count, live = 0, prev;

	srand(7);
	for (int i = 0; i < N; i++)
		items[i].key = i;
	for (int round = 0; round < 20000; round++) {
		int i = rand() % N;

		if (in[i])
			avl_erase(&root, &items[i].node);
		else
			item_insert(&root, &items[i]);
		in[i] = !in[i];
		live += in[i] ? 1 : -1;
		if (round % 500 == 0) {
			count = 0;
			check_tree(root, NULL, &count);
			assert_int_equal(count, live);
		}
	}
	count = 0;
	prev = -1;
	for (n = avl_first(root); n; n = avl_next(n)) {
		assert_true(avl_entry(n, struct item, node)->key > prev);
		prev = avl_entry(n, struct item, node)->key;
		if (avl_next(n))
			assert_ptr_equal(avl_prev(avl_next(n)), n);
		count++;
	}
	assert_int_equal(count, live);
}

/* ---- directories ---- */

static struct tmpfs_dir *root_dir(void)
{
	return fx_sb->root->priv;
}

static void name_of(char *buf, int i)
{
	sprintf(buf, "/file-%06d", i);
}

/* Create files 0..n-1 in the root. */
static void make_files(int from, int to)
{
	char name[32];

	for (int i = from; i < to; i++) {
		name_of(name, i);
		assert_int_equal(fx_write_file(name, NULL), 0);
	}
}

static int log2_ceil(unsigned long n)
{
	int k = 0;

	while ((1ul << k) < n)
		k++;
	return k;
}

/*
 * Bug: a directory was a list, so every lookup, create and unlink walked
 * it: creating 50,000 files in one directory took 112 s in the OS. Now
 * a lookup visits the tree of one hash bucket: a few nodes on average,
 * and never more than an AVL tree of all n (1.44 log2(n + 2) high).
 */
static void test_dir_lookup_is_logarithmic(void **state)
{
	static const int sizes[] = { 1000, 16000, 100000 };
	char name[32];
	int made = 0;

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int n = sizes[s];
		unsigned long bound = 1.45 * log2_ceil(n + 2) + 1, worst = 0;

		make_files(made, n);
		made = n;
		assert_int_equal(root_dir()->count, n);
		assert_true((2l << root_dir()->bits) >= n);	/* load <= 2 */
		for (int i = 0; i < n; i += n / 100) {
			unsigned long before = tmpfs_dir_steps;

			name_of(name, i);
			assert_non_null(tmpfs_dir_find(root_dir(), name + 1,
						       strlen(name + 1)));
			if (tmpfs_dir_steps - before > worst)
				worst = tmpfs_dir_steps - before;
		}
		print_message("%d entries: a lookup takes at most %lu steps "
			      "(tree bound %lu)\n", n, worst, bound);
		assert_true(worst <= bound);
		assert_true(worst <= 8);	/* hashed: no growth with n */
	}
	/* unlink them all, in an order unlike the creation order */
	for (int i = 0; i < made; i++) {
		name_of(name, (int)((i * 7919L) % made));
		assert_int_equal(vfs_unlink(&fx_ctx, name), 0);
	}
	assert_int_equal(root_dir()->count, 0);
	assert_null(root_dir()->names);
	assert_null(root_dir()->order);
}

/* Creating 10x the files costs about 10x the steps (rehashing
 * included), not 100x. */
static void test_dir_create_cost_grows_n_log_n(void **state)
{
	unsigned long before = tmpfs_dir_steps, small, big;

	make_files(0, 10000);
	small = tmpfs_dir_steps - before;
	assert_int_equal(tmpfs_destroy(fx_sb), 0);
	fx_sb = tmpfs_create(0755);
	fx_ctx.root = fx_ctx.cwd = fx_sb->root;
	before = tmpfs_dir_steps;
	make_files(0, 100000);
	big = tmpfs_dir_steps - before;
	print_message("tree steps: 10,000 creates %lu, 100,000 creates %lu "
		      "(%.2fx)\n", small, big, (double)big / small);
	assert_true(big < 11 * small);
}

/*
 * The create that makes a directory grow its hash table still works
 * when that table cannot be had (the old one stays), and every name
 * stays findable, whichever allocation fails.
 */
static void test_dir_growth_without_memory(void **state)
{
	char name[32];

	for (long n = 1; n < 30; n++) {
		int err;

		make_files(0, 64);	/* the 65th needs a table */
		kshim_fail_at = kshim_calls + n;
		name_of(name, 64);
		err = fx_write_file(name, NULL);
		kshim_reset();
		assert_true(err == 0 || err == -ENOMEM);
		/* (the open may fail after the file was made) */
		assert_true(root_dir()->count == 65 ||
			    (err && root_dir()->count == 64));
		for (int i = 0; i < root_dir()->count; i++) {
			name_of(name, i);
			assert_true(fx_ino(name, 0) > 0);
		}
		assert_int_equal(tmpfs_destroy(fx_sb), 0);
		fx_sb = tmpfs_create(0755);
		fx_ctx.root = fx_ctx.cwd = fx_sb->root;
	}
}

struct tally {
	unsigned char *seen;	/* times each file number was returned */
	int batch, emitted, others;
};

static int tally_fill(void *ctx, const struct vfs_dirent *de)
{
	struct tally *t = ctx;
	int i;

	if (t->emitted == t->batch)
		return 1;
	t->emitted++;
	if (sscanf(de->name, "file-%d", &i) == 1)
		t->seen[i]++;
	else
		t->others++;
	return 0;
}

/*
 * getdents in small batches while other names are created and removed
 * between the batches: each name that exists all along is returned
 * exactly once (what Linux promises for readdir), "." and ".." too.
 */
static void test_getdents_during_churn(void **state)
{
	enum { KEEP = 3000, CHURN = 6000 };
	struct tally t = { calloc(KEEP + CHURN, 1), 7, 0, 0 };
	char name[32];
	struct file *f;
	int next_churn = KEEP, calls = 0;

	/* even numbers stay; odd ones are unlinked during the walk */
	make_files(0, KEEP);
	assert_int_equal(file_open(&fx_ctx, "/", O_RDONLY | O_DIRECTORY, 0,
				   &f), 0);
	for (;;) {
		t.emitted = 0;
		assert_int_equal(file_getdents(f, tally_fill, &t), 0);
		if (t.emitted == 0)
			break;
		calls++;
		for (int k = 0; k < 3 && next_churn < KEEP + CHURN; k++)
			make_files(next_churn, next_churn + 1), next_churn++;
		for (int k = 1 + 2 * (calls % 1000); k < KEEP; k += 2000) {
			name_of(name, k);
			(void)vfs_unlink(&fx_ctx, name);
		}
	}
	file_put(f);
	for (int i = 0; i < KEEP; i += 2)
		if (t.seen[i] != 1)
			fail_msg("file-%d returned %d times", i, t.seen[i]);
	for (int i = 0; i < KEEP + CHURN; i++)
		assert_true(t.seen[i] <= 1);
	assert_int_equal(t.others, 2);	/* "." and ".." */
	free(t.seen);
}

/* ---- the inode budget ---- */

static int budget_teardown(void **state)
{
	tmpfs_set_inode_limit(0);
	return fx_teardown(state);
}

/*
 * Bug: empty files took no pages, so tmpfs counted them against nothing:
 * 698,936 of them in /tmp left one free frame. Like Linux's nr_inodes,
 * every inode (and every extra hard link) now takes from a budget and
 * the one past it gives ENOSPC, whatever kind of name it would make.
 */
static void test_inode_budget_gives_enospc(void **state)
{
	uint32_t base = tmpfs_inodes_used();
	struct file *f;
	int made = 0;

	tmpfs_set_inode_limit(base + 50);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/d", 0755), 0);
	for (;;) {
		char name[32];
		int err;

		snprintf(name, sizeof(name), "/d/%d", made);
		err = fx_write_file(name, NULL);
		if (err) {
			assert_int_equal(err, -ENOSPC);
			break;
		}
		made++;
	}
	assert_int_equal(made, 49);
	assert_int_equal(tmpfs_inodes_used(), base + 50);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/e", 0755), -ENOSPC);
	assert_int_equal(vfs_mknod(&fx_ctx, "/n", S_IFIFO | 0644, 0),
			 -ENOSPC);
	assert_int_equal(vfs_symlink(&fx_ctx, "d", "/l"), -ENOSPC);
	assert_int_equal(vfs_link(&fx_ctx, "/d/0", "/h"), -ENOSPC);
	assert_int_equal(file_open(&fx_ctx, "/x", O_CREAT | O_WRONLY, 0644,
				   &f), -ENOSPC);
	/* an existing file still opens with O_CREAT */
	assert_int_equal(file_open(&fx_ctx, "/d/0", O_CREAT | O_WRONLY, 0644,
				   &f), 0);
	file_put(f);
	/* a rename needs no new inode */
	assert_int_equal(vfs_rename(&fx_ctx, "/d/1", "/moved"), 0);
	/* one unlink makes room for exactly one */
	assert_int_equal(vfs_unlink(&fx_ctx, "/moved"), 0);
	assert_int_equal(vfs_link(&fx_ctx, "/d/0", "/h"), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "d", "/l"), -ENOSPC);
	/* renaming a hard-linked file over another keeps the count right */
	assert_int_equal(vfs_rename(&fx_ctx, "/h", "/d/2"), 0);
	assert_int_equal(tmpfs_inodes_used(), base + 49);
	assert_int_equal(vfs_symlink(&fx_ctx, "d", "/l"), 0);
	assert_int_equal(tmpfs_inodes_used(), base + 50);
}

/* An open unlinked file keeps its inode's share until its last close. */
static void test_inode_budget_follows_open_unlinked(void **state)
{
	uint32_t base = tmpfs_inodes_used();
	struct file *f;

	assert_int_equal(file_open(&fx_ctx, "/f", O_CREAT | O_RDWR, 0644,
				   &f), 0);
	assert_int_equal(vfs_link(&fx_ctx, "/f", "/g"), 0);
	assert_int_equal(tmpfs_inodes_used(), base + 2);
	assert_int_equal(vfs_unlink(&fx_ctx, "/g"), 0);
	assert_int_equal(tmpfs_inodes_used(), base + 1);
	assert_int_equal(vfs_unlink(&fx_ctx, "/f"), 0);
	assert_int_equal(tmpfs_inodes_used(), base + 1);
	file_put(f);
	assert_int_equal(tmpfs_inodes_used(), base);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
#define TB(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, budget_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_avl_random_operations),
		T(test_dir_lookup_is_logarithmic),
		T(test_dir_create_cost_grows_n_log_n),
		T(test_dir_growth_without_memory),
		T(test_getdents_during_churn),
		TB(test_inode_budget_gives_enospc),
		T(test_inode_budget_follows_open_unlinked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
