/*
 * kernel/fs/vfs.c - inode lifetime, the mount list, permission checks and
 * the wall clock for inode times.
 *
 * Owns: the mount list (mounts), the clock hook, the live-inode counter.
 * Locking: none; uniprocessor, no kernel preemption, never called from
 * interrupt handlers (see vfs.h).
 * Invariants:
 *  - an inode is freed exactly when refcount == 0 and nlink == 0;
 *  - a directory has at most one mount on it (inode->mounted) and a
 *    mount root knows its mount (inode->mnt_root); each mount holds one
 *    reference on its mountpoint and one on its root.
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fsmem.h"

long vfs_live_inodes;

static struct mount *mounts;

static void clock_epoch(struct ktimespec *ts)
{
	ts->sec = 0;
	ts->nsec = 0;
}

static void (*vfs_clock)(struct ktimespec *ts) = clock_epoch;

void vfs_set_clock(void (*now)(struct ktimespec *ts))
{
	vfs_clock = now ? now : clock_epoch;
}

void vfs_now(struct ktimespec *ts)
{
	vfs_clock(ts);
}

/* Set the chosen inode times to now. */
void inode_touch(struct inode *ip, bool atime, bool mtime, bool ctime)
{
	struct ktimespec now;

	vfs_now(&now);
	if (atime)
		ip->atime = now;
	if (mtime)
		ip->mtime = now;
	if (ctime)
		ip->ctime = now;
}

struct inode *inode_new(struct superblock *sb, uint32_t mode,
			const struct inode_ops *ops, const struct cred *cr)
{
	struct inode *ip = kzalloc(sizeof(*ip));

	if (!ip)
		return NULL;
	ip->ino = sb->next_ino++;
	ip->mode = mode;
	ip->uid = cr ? cr->uid : 0;
	ip->gid = cr ? cr->gid : 0;
	ip->refcount = 1;
	ip->sb = sb;
	ip->ops = ops;
	inode_touch(ip, true, true, true);
	vfs_live_inodes++;
	return ip;
}

void inode_free(struct inode *ip)
{
	vfs_live_inodes--;
	kfree(ip);
}

struct inode *iget(struct inode *ip)
{
	ip->refcount++;
	return ip;
}

static void inode_maybe_evict(struct inode *ip)
{
	if (ip->refcount || ip->nlink)
		return;
	BUG_ON(ip->mounted || ip->mnt_root);
	if (ip->ops && ip->ops->evict)
		ip->ops->evict(ip);
	else
		inode_free(ip);
}

void iput(struct inode *ip)
{
	if (!ip)
		return;
	BUG_ON(ip->refcount == 0);
	ip->refcount--;
	inode_maybe_evict(ip);
}

void inode_drop_link(struct inode *ip)
{
	BUG_ON(ip->nlink == 0);
	ip->nlink--;
	inode_touch(ip, false, false, true);
	inode_maybe_evict(ip);
}

/*
 * Linux generic_permission (fs/namei.c), without ACLs or supplementary
 * groups: pick the owner, group or other triplet, root overrides all but
 * exec of a file with no x bit.
 */
int vfs_generic_permission(struct inode *ip, int mask, const struct cred *cr)
{
	uint32_t bits;

	if (!cr)
		return 0;
	if (cr->uid == 0) {
		if ((mask & MAY_EXEC) && !S_ISDIR(ip->mode) &&
		    !(ip->mode & 0111))
			return -EACCES;
		return 0;
	}
	if (cr->uid == ip->uid)
		bits = (ip->mode >> 6) & 7;
	else if (cr->gid == ip->gid)
		bits = (ip->mode >> 3) & 7;
	else
		bits = ip->mode & 7;
	return (mask & ~bits) ? -EACCES : 0;
}

int vfs_permission(struct inode *ip, int mask, const struct cred *cr)
{
	if (ip->ops && ip->ops->permission)
		return ip->ops->permission(ip, mask, cr);
	return vfs_generic_permission(ip, mask, cr);
}

int vfs_mount(struct inode *mp, struct superblock *sb)
{
	struct mount *m;

	if (!S_ISDIR(mp->mode))
		return -ENOTDIR;
	if (mp->mounted || sb->root->mnt_root)
		return -EBUSY;
	m = kzalloc(sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->mountpoint = iget(mp);
	m->root = iget(sb->root);
	m->sb = sb;
	mp->mounted = m;
	sb->root->mnt_root = m;
	m->next = mounts;
	mounts = m;
	return 0;
}

/*
 * The root is held by the superblock and by the mount: any count above 2
 * is a user (open file, cwd, lookup result).
 */
int vfs_umount(struct inode *root)
{
	struct mount *m = root->mnt_root, **pp;

	if (!m)
		return -EINVAL;
	if (root->refcount > 2 || root->mounted)
		return -EBUSY;
	for (pp = &mounts; *pp != m; pp = &(*pp)->next)
		BUG_ON(!*pp);
	*pp = m->next;
	m->mountpoint->mounted = NULL;
	root->mnt_root = NULL;
	iput(m->mountpoint);
	iput(m->root);
	kfree(m);
	return 0;
}

void *vfs_get_page(struct inode *ip, uint32_t pg)
{
	if (!S_ISREG(ip->mode) || !ip->ops->get_page)
		return NULL;
	return ip->ops->get_page(ip, pg);
}

int vfs_truncate(struct inode *ip, int64_t size)
{
	int err;

	if (S_ISDIR(ip->mode))
		return -EISDIR;
	if (!S_ISREG(ip->mode) || size < 0)
		return -EINVAL;
	if (!ip->ops->truncate)
		return -EINVAL;
	err = ip->ops->truncate(ip, size);
	if (!err)
		inode_touch(ip, false, true, true);
	return err;
}
