/*
 * kernel/fs/cpio.c - unpack a cpio "newc" archive (the initramfs) into a
 * directory tree, following cpio(5) "New ASCII Format" and the Linux
 * initramfs buffer format (Documentation/driver-api/early-userspace).
 *
 * Each entry is a 110-byte header of "070701" (or "070702": the check
 * field is the byte sum of the data) and 13 eight-digit hex fields, the
 * NUL-terminated name (namesize bytes, NUL included), padding to a
 * multiple of 4 from the archive start, then filesize data bytes and
 * padding again. "TRAILER!!!" ends the archive.
 *
 * What a fault does, after Linux's unpacker (init/initramfs.c): a
 * malformed archive stops the unpacking ("Initramfs unpacking failed"),
 * and so does running out of memory or space (Linux: "write error"); an
 * entry the file system refuses (a name too long, a parent that is a
 * file...) is skipped and the rest unpacked. Either way what was unpacked
 * stays, and the message gives the byte offset of the entry's header.
 *
 * Cost: every entry is created through the inode ops of its parent
 * directory, which is looked up by path only when it differs from the
 * previous entry's (archives list a directory's files together), and
 * hard links are found in a tree: unpacking n entries is O(n log n).
 *
 * Owns nothing between calls; during a call, the hard-link tree (one
 * inode reference per archive inode that had nlink > 1) and a reference
 * on the cached parent directory, both released at the end. Every read
 * is bounds-checked against len before it happens.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "fsmem.h"
#include "avl.h"

#define HDR_LEN 110
#define NFIELDS 13

enum {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJ,
	F_DEVMIN,
	F_RDEVMAJ,
	F_RDEVMIN,
	F_NAMESIZE,
	F_CHECK
};

struct cpio_hdr {
	uint32_t f[NFIELDS];
	bool crc;	     /* "070702": check is a byte sum */
	const char *name;    /* NUL-terminated, inside the archive */
	const uint8_t *data; /* f[F_FILESIZE] bytes inside the archive */
};

/* A hard-linked non-directory seen earlier in the archive. */
struct cpio_link {
	struct avl_node node; /* in cpio_state.links, by (dev, ino) */
	uint32_t dev, ino;    /* archive identity */
	struct inode *ip;     /* referenced */
};

struct cpio_state {
	struct vfs_ctx ctx;
	const uint8_t *base;
	size_t len, off;
	size_t entry_off; /* header of the entry being unpacked */
	bool malformed;	  /* bad() was called: stop */
	struct cpio_error *why;
	struct avl_node *links; /* struct cpio_link, each kmalloc'd */
	struct inode *pdir;	/* referenced: the last parent, or NULL */
	char *ppath;		/* PATH_MAX: pdir's path from the root */
	unsigned skips_logged;	/* at most SKIPS_LOGGED lines */
};

/* Skipped entries logged one by one; the rest only counted. */
#define SKIPS_LOGGED 16

/* The archive is malformed at the current entry: log, record, stop. */
static int bad(struct cpio_state *s, const char *reason)
{
	printk("cpio: malformed archive at byte %zu: %s\n", s->entry_off,
	       reason);
	s->malformed = true;
	if (s->why) {
		s->why->reason = reason;
		s->why->offset = s->entry_off;
		s->why->err = -EINVAL;
	}
	return -EINVAL;
}

/* Why the file system refused an entry, in words. */
static const char *fs_reason(int err)
{
	static const struct {
		int err;
		const char *why;
	} words[] = {
		{-ENOMEM, "out of memory"},
		{-ENOSPC, "no space left in the file system"},
		{-ENAMETOOLONG, "a name component is too long"},
		{-ENOTDIR, "a parent is not a directory"},
		{-ENOTEMPTY, "a non-empty directory is in the way"},
		{-ELOOP, "too many symlinks in the path"},
		{-EXDEV, "a hard link across file systems"},
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].err == err)
			return words[i].why;
	return "the file system refused it";
}

/*
 * The file system refused the entry at path: out of memory or space
 * stops the unpacking (returns err), anything else skips the entry
 * (returns 0). Both are logged with the entry's offset; the first
 * refusal is recorded in why.
 */
static int refused(struct cpio_state *s, const char *path, int err)
{
	bool stop = err == -ENOMEM || err == -ENOSPC;

	if (stop || s->skips_logged < SKIPS_LOGGED)
		printk("cpio: %s %s (entry at byte %zu): %s (%d)\n",
		       stop ? "cannot extract" : "skipping", path, s->entry_off,
		       fs_reason(err), err);
	if (!stop && ++s->skips_logged == SKIPS_LOGGED)
		printk("cpio: further skipped entries are only counted\n");
	if (s->why) {
		if (!s->why->reason || stop) {
			s->why->reason = fs_reason(err);
			s->why->offset = s->entry_off;
			s->why->err = err;
		}
		if (!stop)
			s->why->skipped++;
	}
	return stop ? err : 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Does [off, off + n) fit in the archive? Overflow-safe. */
static bool fits(struct cpio_state *s, size_t off, size_t n)
{
	return off <= s->len && n <= s->len - off;
}

/* Parse the header at s->off and advance past header, name, data. */
static int parse_header(struct cpio_state *s, struct cpio_hdr *h)
{
	const char *p = (const char *)s->base + s->off;
	size_t name_off, data_off, end;

	if (!fits(s, s->off, HDR_LEN))
		return bad(s, "truncated header");
	if (memcmp(p, "07070", 5) != 0 || (p[5] != '1' && p[5] != '2'))
		return bad(s, "bad magic (not newc 070701/070702)");
	h->crc = p[5] == '2';
	for (int i = 0; i < NFIELDS; i++) {
		uint32_t v = 0;

		for (int j = 0; j < 8; j++) {
			int d = hexval(p[6 + i * 8 + j]);

			if (d < 0)
				return bad(s, "non-hex digit in header");
			v = v << 4 | d;
		}
		h->f[i] = v;
	}
	if (h->f[F_NAMESIZE] == 0)
		return bad(s, "namesize 0");
	if (h->f[F_NAMESIZE] > PATH_MAX)
		return bad(s, "name too long");
	name_off = s->off + HDR_LEN;
	if (!fits(s, name_off, h->f[F_NAMESIZE]))
		return bad(s, "name past the end of the archive");
	h->name = (const char *)s->base + name_off;
	if (h->name[h->f[F_NAMESIZE] - 1] != '\0' ||
	    strnlen(h->name, h->f[F_NAMESIZE]) != h->f[F_NAMESIZE] - 1)
		return bad(s, "name not NUL-terminated at namesize");
	data_off = name_off + h->f[F_NAMESIZE];
	if (!fits(s, data_off, ALIGN_UP(data_off, 4) - data_off))
		return bad(s, "name padding past the end of the archive");
	data_off = ALIGN_UP(data_off, 4);
	if (!fits(s, data_off, h->f[F_FILESIZE]))
		return bad(s, "file data past the end of the archive");
	h->data = s->base + data_off;
	end = data_off + h->f[F_FILESIZE];
	if (!fits(s, end, ALIGN_UP(end, 4) - end))
		return bad(s, "data padding past the end of the archive");
	s->off = ALIGN_UP(end, 4);
	return 0;
}

/* Strip "./" and leading slashes; reject ".." components. */
static const char *clean_name(const char *name, bool *dotdot)
{
	const char *p;

	while (*name == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	*dotdot = false;
	for (p = name; *p;) {
		size_t n = 0;

		while (p[n] && p[n] != '/')
			n++;
		if (n == 2 && p[0] == '.' && p[1] == '.')
			*dotdot = true;
		p += n;
		while (*p == '/')
			p++;
	}
	return name;
}

/*
 * mkdir -p of every directory above path (the last component is left
 * alone). path is writable scratch, restored before returning.
 */
static int make_parents(struct cpio_state *s, char *path)
{
	char *slash;
	int err;

	for (slash = strchr(path, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		err = vfs_mkdir(&s->ctx, path, 0755);
		*slash = '/';
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}

/*
 * The directory that holds path's last component (at path + base), made
 * if missing. The previous entry's parent is reused when the path before
 * base is the same and that directory still exists, so a directory of n
 * files costs one path walk, not n. The inode is borrowed from s.
 */
static int parent_dir(struct cpio_state *s, char *path, size_t base,
		      struct inode **out)
{
	int err;

	if (s->pdir && s->pdir->nlink && strlen(s->ppath) == base &&
	    memcmp(s->ppath, path, base) == 0) {
		*out = s->pdir;
		return 0;
	}
	iput(s->pdir);
	s->pdir = NULL;
	err = make_parents(s, path);
	if (err)
		return err;
	memcpy(s->ppath, path, base);
	s->ppath[base] = '\0';
	if (base == 0)
		s->pdir = iget(s->ctx.root);
	else
		err = vfs_lookup(&s->ctx, s->ppath,
				 LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &s->pdir);
	*out = s->pdir;
	return err;
}

/*
 * Remove what is in the way of a new entry name[0..len) in dir, except a
 * directory where a directory comes (kept; its attributes are updated).
 */
static int clear_name(struct inode *dir, const char *name, size_t len,
		      uint32_t mode)
{
	struct inode *ip;
	int err = dir->ops->lookup(dir, name, len, &ip);
	bool isdir;

	if (err)
		return err == -ENOENT ? 0 : err;
	isdir = S_ISDIR(ip->mode);
	iput(ip);
	if (isdir && S_ISDIR(mode))
		return 0;
	if (isdir && dir->ops->rmdir)
		return dir->ops->rmdir(dir, name, len);
	if (!isdir && dir->ops->unlink)
		return dir->ops->unlink(dir, name, len);
	return -EPERM;
}

static struct cpio_link *link_of(struct avl_node *n)
{
	return avl_entry(n, struct cpio_link, node);
}

static int link_cmp(uint32_t dev, uint32_t ino, const struct cpio_link *l)
{
	if (dev != l->dev)
		return dev < l->dev ? -1 : 1;
	if (ino != l->ino)
		return ino < l->ino ? -1 : 1;
	return 0;
}

static struct cpio_link *link_find(struct cpio_state *s, struct cpio_hdr *h)
{
	uint32_t dev = MKDEV(h->f[F_DEVMAJ], h->f[F_DEVMIN]);
	struct avl_node *n = s->links;

	while (n) {
		struct cpio_link *l = link_of(n);
		int c = link_cmp(dev, h->f[F_INO], l);

		if (c == 0)
			return l;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Remember a hard-linked file so that later entries with its inode
 * number become links to it. Directories are never remembered: they
 * cannot be hard-linked (their nlink of 2 or more means subdirectories).
 * Called only when link_find found none. 0 or -ENOMEM. */
static int link_remember(struct cpio_state *s, struct cpio_hdr *h,
			 struct inode *ip)
{
	struct avl_node **link = &s->links, *parent = NULL;
	struct cpio_link *l;

	if (h->f[F_NLINK] < 2 || S_ISDIR(ip->mode))
		return 0;
	l = kmalloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->dev = MKDEV(h->f[F_DEVMAJ], h->f[F_DEVMIN]);
	l->ino = h->f[F_INO];
	l->ip = iget(ip);
	while (*link) {
		parent = *link;
		if (link_cmp(l->dev, l->ino, link_of(parent)) < 0)
			link = &parent->left;
		else
			link = &parent->right;
	}
	avl_insert(&s->links, parent, link, &l->node);
	return 0;
}

static void link_forget_all(struct cpio_state *s)
{
	while (s->links) {
		struct cpio_link *l = link_of(s->links);

		avl_erase(&s->links, &l->node);
		iput(l->ip);
		kfree(l);
	}
}

static int write_data(struct inode *ip, struct cpio_hdr *h)
{
	long n;

	if (h->f[F_FILESIZE] == 0)
		return 0;
	n = vfs_truncate(ip, 0);
	if (n)
		return n;
	n = ip->ops->write(ip, h->data, h->f[F_FILESIZE], 0);
	if (n < 0)
		return n;
	return (uint32_t)n == h->f[F_FILESIZE] ? 0 : -ENOSPC;
}

static int make_symlink(struct cpio_state *s, struct cpio_hdr *h,
			struct inode *dir, const char *name, size_t len,
			struct inode **out)
{
	char *target;
	int err;

	if (h->f[F_FILESIZE] == 0 || h->f[F_FILESIZE] >= PATH_MAX)
		return bad(s, "bad symlink target size");
	if (!dir->ops->symlink)
		return -EPERM;
	target = fs_page_alloc(); /* zeroed: the NUL is there */
	if (!target)
		return -ENOMEM;
	memcpy(target, h->data, h->f[F_FILESIZE]);
	err = dir->ops->symlink(dir, name, len, target, NULL, out);
	fs_page_free(target);
	return err;
}

/* Create the inode for entry h as name[0..len) in dir; a reference in
 * *out. An existing directory is kept. -ENOSYS: a type not unpacked. */
static int make_node(struct cpio_state *s, struct cpio_hdr *h,
		     struct inode *dir, const char *name, size_t len,
		     struct inode **out)
{
	uint32_t mode = h->f[F_MODE], perm = mode & 07777;
	uint32_t rdev = MKDEV(h->f[F_RDEVMAJ], h->f[F_RDEVMIN]);
	const struct inode_ops *ops = dir->ops;
	int err;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		if (!ops->mkdir)
			return -EPERM;
		err = ops->mkdir(dir, name, len, S_IFDIR | perm, NULL, out);
		if (err == -EEXIST)
			err = ops->lookup(dir, name, len, out);
		return err;
	case S_IFLNK:
		return make_symlink(s, h, dir, name, len, out);
	case S_IFREG:
	case S_IFCHR:
	case S_IFIFO:
		if (!ops->mknod)
			return -EPERM;
		return ops->mknod(dir, name, len, (mode & S_IFMT) | perm, rdev,
				  NULL, out);
	default:
		return -ENOSYS;
	}
}

static void set_attrs(struct inode *ip, struct cpio_hdr *h)
{
	ip->mode = (ip->mode & S_IFMT) | (h->f[F_MODE] & 07777);
	ip->uid = h->f[F_UID];
	ip->gid = h->f[F_GID];
	ip->mtime.sec = h->f[F_MTIME];
	ip->mtime.nsec = 0;
	ip->ctime = ip->mtime;
}

/* A later name of a hard-linked inode; the entry may carry the data. */
static int link_entry(struct cpio_link *l, struct cpio_hdr *h,
		      struct inode *dir, const char *name, size_t len)
{
	int err;

	if (dir->sb != l->ip->sb)
		return -EXDEV;
	err = dir->ops->link ? dir->ops->link(dir, name, len, l->ip) : -EPERM;
	if (!err)
		err = write_data(l->ip, h);
	if (!err)
		set_attrs(l->ip, h);
	return err;
}

/* Drop trailing "/" and "/." from a cleaned name (not "" or "."). */
static void trim_tail(char *path)
{
	size_t n = strlen(path);

	for (;;) {
		if (n > 1 && path[n - 1] == '/')
			n--;
		else if (n > 2 && path[n - 1] == '.' && path[n - 2] == '/')
			n -= 2;
		else
			break;
	}
	path[n] = '\0';
}

/* One entry: link, or create + data + attributes. */
static int extract(struct cpio_state *s, struct cpio_hdr *h, char *path)
{
	struct cpio_link *l = link_find(s, h);
	size_t base, len;
	const char *name;
	struct inode *dir, *ip;
	int err;

	trim_tail(path);
	base = strlen(path);
	while (base && path[base - 1] != '/')
		base--;
	name = path + base;
	len = strlen(name);
	if (base)
		base--; /* the parent's path ends before '/' */

	if (l && (l->ip->mode & S_IFMT) != (h->f[F_MODE] & S_IFMT))
		return bad(s, "a hard link to an inode of another type");
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	err = parent_dir(s, path, base, &dir);
	if (!err)
		err = clear_name(dir, name, len, h->f[F_MODE]);
	if (err)
		return err;
	if (l)
		return link_entry(l, h, dir, name, len);
	err = make_node(s, h, dir, name, len, &ip);
	if (err)
		return err;
	if (S_ISREG(ip->mode))
		err = write_data(ip, h);
	if (!err) {
		set_attrs(ip, h);
		err = link_remember(s, h, ip);
	}
	iput(ip);
	return err;
}

static bool checksum_ok(struct cpio_hdr *h)
{
	uint32_t sum = 0;

	if (!h->crc)
		return true;
	for (uint32_t i = 0; i < h->f[F_FILESIZE]; i++)
		sum += h->data[i];
	return sum == h->f[F_CHECK];
}

/* Validate and extract entries until the trailer. */
static int unpack_all(struct cpio_state *s, char *path)
{
	struct cpio_hdr h;
	const char *name;
	bool dotdot;
	int err;

	for (;;) {
		s->entry_off = s->off;
		err = parse_header(s, &h);
		if (err)
			return err;
		if (strcmp(h.name, "TRAILER!!!") == 0)
			return 0;
		if (!checksum_ok(&h))
			return bad(s, "070702 checksum mismatch");
		name = clean_name(h.name, &dotdot);
		if (dotdot)
			return bad(s, "'..' in a name");
		if (!*name || strcmp(name, ".") == 0)
			continue;		      /* the root itself */
		memcpy(path, name, strlen(name) + 1); /* < PATH_MAX */
		err = extract(s, &h, path);
		if (!err && s->why)
			s->why->entries++;
		if (err == -ENOSYS) {
			printk("cpio: skipping %s (entry at byte %zu): "
			       "unsupported type %#o\n",
			       path, s->entry_off, h.f[F_MODE] & S_IFMT);
			err = 0;
		} else if (err && !s->malformed) {
			err = refused(s, path, err);
		}
		if (err)
			return err;
	}
}

int cpio_unpack(struct inode *root, const void *data, size_t len,
		struct cpio_error *why)
{
	struct cpio_state *s = kzalloc(sizeof(*s));
	char *path = fs_page_alloc();
	int err = -ENOMEM;

	if (!s || !path || !(s->ppath = fs_page_alloc())) {
		if (why)
			*why = (struct cpio_error){"out of memory", 0, -ENOMEM,
						   0, 0};
		goto out_free;
	}
	s->ctx.root = root;
	s->ctx.cwd = root;
	s->ctx.cred = NULL;
	s->base = data;
	s->len = len;
	s->why = why;
	err = unpack_all(s, path);
	iput(s->pdir);
	link_forget_all(s);
out_free:
	if (s)
		fs_page_free(s->ppath);
	fs_page_free(path);
	kfree(s);
	return err;
}
