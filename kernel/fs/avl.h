/*
 * kernel/fs/avl.h - intrusive AVL trees (height-balanced binary search
 * trees: Adelson-Velsky and Landis 1962; Knuth, TAOCP vol. 3, 6.2.3).
 *
 * A tree is a `struct avl_node *` root; nodes are embedded in the
 * caller's objects. The tree knows no keys: the caller walks down to the
 * empty link where a new node belongs and hands that link to avl_insert,
 * as Linux's rbtree does. Every operation is O(log n) and allocates
 * nothing, so it cannot fail. Locking: the caller's.
 */
#ifndef SLEIGHT_FS_AVL_H
#define SLEIGHT_FS_AVL_H

#include <stddef.h>

struct avl_node {
	struct avl_node *left, *right, *parent;
	int height; /* of the subtree; a leaf is 1 */
};

/* The object of type T whose member m is node n. */
#define avl_entry(n, T, m) ((T *)((char *)(n)-offsetof(T, m)))

/*
 * avl_insert - link n at *link (an empty child link of parent, or the
 * root link when parent is NULL) and rebalance *root.
 */
void avl_insert(struct avl_node **root, struct avl_node *parent,
		struct avl_node **link, struct avl_node *n);
/* avl_erase - unlink n from *root and rebalance. */
void avl_erase(struct avl_node **root, struct avl_node *n);
/* avl_first - the leftmost (smallest) node, or NULL for an empty tree. */
struct avl_node *avl_first(struct avl_node *root);
/* avl_next - the in-order successor of n, or NULL. Amortized O(1). */
struct avl_node *avl_next(struct avl_node *n);
/* avl_prev - the in-order predecessor of n, or NULL. */
struct avl_node *avl_prev(struct avl_node *n);

#endif
