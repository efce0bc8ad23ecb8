/*
 * kernel/fs/avl.c - intrusive AVL trees (see avl.h).
 *
 * Owns nothing: nodes belong to the caller. Invariants between calls:
 * every node's height is 1 + the larger height of its children, the
 * two children's heights differ by at most 1, and parent pointers
 * mirror child pointers. Locking: none; the caller serializes.
 */
#include "avl.h"

static int height(const struct avl_node *n)
{
	return n ? n->height : 0;
}

static void fix_height(struct avl_node *n)
{
	int l = height(n->left), r = height(n->right);

	n->height = 1 + (l > r ? l : r);
}

/* Put new where old hangs under parent (NULL: at the root). */
static void replace_child(struct avl_node **root, struct avl_node *parent,
			  struct avl_node *old, struct avl_node *new)
{
	if (!parent)
		*root = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/* x's right child takes x's place; x becomes its left child. */
static struct avl_node *rotate_left(struct avl_node **root, struct avl_node *x)
{
	struct avl_node *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	replace_child(root, x->parent, x, y);
	y->left = x;
	x->parent = y;
	fix_height(x);
	fix_height(y);
	return y;
}

static struct avl_node *rotate_right(struct avl_node **root, struct avl_node *x)
{
	struct avl_node *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	replace_child(root, x->parent, x, y);
	y->right = x;
	x->parent = y;
	fix_height(x);
	fix_height(y);
	return y;
}

/* Restore the balance at n (one single or double rotation); returns the
 * node now in n's place. */
static struct avl_node *balance(struct avl_node **root, struct avl_node *n)
{
	int bf;

	fix_height(n);
	bf = height(n->left) - height(n->right);
	if (bf > 1) {
		if (height(n->left->left) < height(n->left->right))
			rotate_left(root, n->left);
		return rotate_right(root, n);
	}
	if (bf < -1) {
		if (height(n->right->right) < height(n->right->left))
			rotate_right(root, n->right);
		return rotate_left(root, n);
	}
	return n;
}

/*
 * Rebalance from n up. Once a subtree comes out as high as it was, no
 * ancestor's height or balance changed, so the walk stops there: an
 * insert or erase rebalances O(1) nodes on average.
 */
static void rebalance_up(struct avl_node **root, struct avl_node *n)
{
	while (n) {
		int old = n->height;

		n = balance(root, n);
		if (n->height == old)
			return;
		n = n->parent;
	}
}

void avl_insert(struct avl_node **root, struct avl_node *parent,
		struct avl_node **link, struct avl_node *n)
{
	n->left = n->right = NULL;
	n->parent = parent;
	n->height = 1;
	*link = n;
	rebalance_up(root, parent);
}

static struct avl_node *leftmost(struct avl_node *n)
{
	while (n->left)
		n = n->left;
	return n;
}

void avl_erase(struct avl_node **root, struct avl_node *n)
{
	struct avl_node *start, *s;

	if (!n->left || !n->right) {
		start = n->parent;
		replace_child(root, n->parent, n, n->left ? n->left : n->right);
		rebalance_up(root, start);
		return;
	}
	/* Two children: the successor s (no left child) takes n's place. */
	s = leftmost(n->right);
	if (s->parent != n) {
		start = s->parent;
		replace_child(root, s->parent, s, s->right);
		s->right = n->right;
		n->right->parent = s;
	} else {
		start = s;
	}
	replace_child(root, n->parent, n, s);
	s->left = n->left;
	n->left->parent = s;
	s->height = n->height;
	rebalance_up(root, start);
}

struct avl_node *avl_first(struct avl_node *root)
{
	return root ? leftmost(root) : NULL;
}

struct avl_node *avl_next(struct avl_node *n)
{
	if (n->right)
		return leftmost(n->right);
	while (n->parent && n->parent->right == n)
		n = n->parent;
	return n->parent;
}

static struct avl_node *rightmost(struct avl_node *n)
{
	while (n->right)
		n = n->right;
	return n;
}

struct avl_node *avl_prev(struct avl_node *n)
{
	if (n->left)
		return rightmost(n->left);
	while (n->parent && n->parent->left == n)
		n = n->parent;
	return n->parent;
}
