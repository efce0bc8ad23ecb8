/*
 * fuzz_path.c - libFuzzer harness for path resolution and the path
 * operations (kernel/fs/namei.c, kernel/fs/vfs_ops.c) over tmpfs, with
 * tests/unit/kshim.c standing in for kmalloc and printk as in the unit
 * tests.
 *
 * Each run builds a fresh tree (/a/b/f, /mnt with a second tmpfs mounted
 * on it, a symlink /l -> a/b) and plays the input as a script: records
 * end at '\n', the first byte of a record picks an operation, and the
 * rest is one path, or two separated by '\t' (so paths hold any other
 * byte, NUL included: what follows a NUL is simply not seen). Operations
 * run as root or as uid 1000, from / or from a directory the script
 * chose. Results must be 0 or -errno; at the end everything is unmounted
 * and destroyed, and every inode, file and allocation must be freed (a
 * leak aborts). Single-threaded; nothing lives past one run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "file.h"
#include "kshim.h"

#define MAX_REC 4200	/* longer than PATH_MAX, to reach -ENAMETOOLONG */

static struct cred user = { 1000, 1000 };

struct run {
	struct vfs_ctx ctx;
	struct superblock *sb, *sb2;
	struct inode *mnt;	/* referenced: the mountpoint */
	struct inode *cwd;	/* referenced, or NULL: ctx.cwd is the root */
};

/* A result must be -errno, or 0 to max (a byte count or 0). */
static void check_res(long res, long max)
{
	if (res > max || res < -4095)
		abort();
}

static void check_err(long err)
{
	check_res(err, 0);
}

static void set_cwd(struct run *r, const char *path)
{
	struct inode *ip;

	if (vfs_lookup(&r->ctx, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
		       &ip) < 0)
		return;
	if (r->cwd)
		iput(r->cwd);
	r->cwd = ip;
	r->ctx.cwd = ip;
}

static void op_lookup(struct run *r, const char *p, int flags)
{
	struct inode *ip;
	int err = vfs_lookup(&r->ctx, p, flags, &ip);

	check_err(err);
	if (err == 0)
		iput(ip);
}

static void op_parent(struct run *r, const char *p)
{
	char name[NAME_MAX + 1];
	struct inode *dir;
	bool slash;
	int err = vfs_lookup_parent(&r->ctx, p, &dir, name, &slash);

	check_err(err);
	if (err)
		return;
	if (strnlen(name, sizeof(name)) > NAME_MAX || strchr(name, '/'))
		abort();
	iput(dir);
}

static void op_create(struct run *r, const char *p)
{
	struct file *f;
	int err = file_open(&r->ctx, p, O_RDWR | O_CREAT, 0644, &f);

	check_err(err);
	if (err)
		return;
	check_res(file_write(f, "data", 4), 4);
	file_put(f);
}

/* One record: op byte, then path a and maybe path b. */
static void play(struct run *r, uint8_t op, const char *a, const char *b)
{
	char buf[64];

	r->ctx.cred = (op & 0x80) ? &user : NULL;
	switch (op % 14) {
	case 0:
		op_lookup(r, a, 0);
		break;
	case 1:
		op_lookup(r, a, LOOKUP_FOLLOW);
		break;
	case 2:
		op_lookup(r, a, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
		break;
	case 3:
		op_parent(r, a);
		break;
	case 4:
		check_err(vfs_mkdir(&r->ctx, a, 0755));
		break;
	case 5:
		check_err(vfs_rmdir(&r->ctx, a));
		break;
	case 6:
		check_err(vfs_unlink(&r->ctx, a));
		break;
	case 7:
		check_err(vfs_symlink(&r->ctx, b, a));
		break;
	case 8:
		check_err(vfs_link(&r->ctx, a, b));
		break;
	case 9:
		check_err(vfs_rename(&r->ctx, a, b));
		break;
	case 10:
		check_res(vfs_readlink(&r->ctx, a, buf, sizeof(buf)),
			  sizeof(buf));
		break;
	case 11:
		op_create(r, a);
		break;
	case 12:
		check_err(vfs_mknod(&r->ctx, a, S_IFIFO | 0644, 0));
		break;
	case 13:
		set_cwd(r, a);
		break;
	}
}

static void setup(struct run *r)
{
	memset(r, 0, sizeof(*r));
	r->sb = tmpfs_create(0755);
	r->sb2 = tmpfs_create(0755);
	if (!r->sb || !r->sb2)
		abort();
	r->ctx.root = r->ctx.cwd = r->sb->root;
	if (vfs_mkdir(&r->ctx, "/a", 0755) || vfs_mkdir(&r->ctx, "/a/b", 0700)
	    || vfs_mkdir(&r->ctx, "/mnt", 0755) ||
	    vfs_symlink(&r->ctx, "a/b", "/l"))
		abort();
	op_create(r, "/a/b/f");
	if (vfs_lookup(&r->ctx, "/mnt", 0, &r->mnt) ||
	    vfs_mount(r->mnt, r->sb2))
		abort();
}

static void teardown(struct run *r)
{
	if (r->cwd)
		iput(r->cwd);
	if (vfs_umount(r->sb2->root))
		abort();
	iput(r->mnt);
	if (tmpfs_destroy(r->sb2) || tmpfs_destroy(r->sb))
		abort();
}

/* One run: play the input as a script; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long live0 = kshim_live, inodes0 = vfs_live_inodes;
	long files0 = file_live_count;
	static char rec[MAX_REC + 1];
	struct run r;
	size_t i = 0;

	kshim_reset();
	setup(&r);
	while (i < size) {
		size_t n = 0;
		char *tab;

		while (i < size && data[i] != '\n' && n < MAX_REC)
			rec[n++] = (char)data[i++];
		i++;
		rec[n] = '\0';
		if (n == 0)
			continue;
		tab = memchr(rec + 1, '\t', n - 1);
		if (tab)
			*tab = '\0';
		play(&r, (uint8_t)rec[0], rec + 1, tab ? tab + 1 : "/x");
	}
	teardown(&r);
	if (kshim_live != live0 || vfs_live_inodes != inodes0 ||
	    file_live_count != files0)
		abort();	/* leaked */
	return 0;
}
