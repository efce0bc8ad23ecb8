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
 * Owns nothing between calls; during a call, the hard-link table: one
 * inode reference per archive inode that had nlink > 1, released at the
 * end. Every read is bounds-checked against len before it happens.
 * Locking: none (see vfs.h).
 */
#include "kernel.h"
#include "errno.h"
#include "vfs.h"
#include "fs.h"
#include "fsmem.h"

#define HDR_LEN		110
#define NFIELDS		13

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
       F_DEVMAJ, F_DEVMIN, F_RDEVMAJ, F_RDEVMIN, F_NAMESIZE, F_CHECK };

struct cpio_hdr {
	uint32_t f[NFIELDS];
	bool crc;		/* "070702": check is a byte sum */
	const char *name;	/* NUL-terminated, inside the archive */
	const uint8_t *data;	/* f[F_FILESIZE] bytes inside the archive */
};

/* A hard-linked non-directory seen earlier in the archive. */
struct cpio_link {
	struct cpio_link *next;
	uint32_t dev, ino;	/* archive identity */
	struct inode *ip;	/* referenced */
};

struct cpio_state {
	struct vfs_ctx ctx;
	const uint8_t *base;
	size_t len, off;
	struct cpio_error *why;
	struct cpio_link *links;	/* list, each kmalloc'd */
};

static int bad(struct cpio_state *s, const char *reason)
{
	printk("cpio: malformed archive at byte %zu: %s\n", s->off, reason);
	if (s->why) {
		s->why->reason = reason;
		s->why->offset = s->off;
	}
	return -EINVAL;
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
	for (p = name; *p; ) {
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

/* Remove what is in the way of a new entry (not a directory to keep). */
static int clear_path(struct cpio_state *s, const char *path, uint32_t mode)
{
	struct inode *ip;
	int err = vfs_lookup(&s->ctx, path, 0, &ip);

	if (err)
		return err == -ENOENT ? 0 : err;
	if (S_ISDIR(ip->mode) && S_ISDIR(mode)) {
		iput(ip);
		return -EEXIST;	/* kept; attributes updated later */
	}
	err = S_ISDIR(ip->mode) ? vfs_rmdir(&s->ctx, path)
				: vfs_unlink(&s->ctx, path);
	iput(ip);
	return err;
}

static struct cpio_link *link_find(struct cpio_state *s, struct cpio_hdr *h)
{
	uint32_t dev = MKDEV(h->f[F_DEVMAJ], h->f[F_DEVMIN]);

	for (struct cpio_link *l = s->links; l; l = l->next)
		if (l->ino == h->f[F_INO] && l->dev == dev)
			return l;
	return NULL;
}

/* Remember a hard-linked file so that later entries with its inode
 * number become links to it. Directories are never remembered: they
 * cannot be hard-linked (their nlink of 2 or more means subdirectories).
 * 0 or -ENOMEM. */
static int link_remember(struct cpio_state *s, struct cpio_hdr *h,
			 struct inode *ip)
{
	struct cpio_link *l;

	if (h->f[F_NLINK] < 2 || S_ISDIR(ip->mode))
		return 0;
	l = kmalloc(sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->dev = MKDEV(h->f[F_DEVMAJ], h->f[F_DEVMIN]);
	l->ino = h->f[F_INO];
	l->ip = iget(ip);
	l->next = s->links;
	s->links = l;
	return 0;
}

static void link_forget_all(struct cpio_state *s)
{
	while (s->links) {
		struct cpio_link *l = s->links;

		s->links = l->next;
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

/* Create the inode for entry h at path; a reference in *out. */
static int make_node(struct cpio_state *s, struct cpio_hdr *h,
		     const char *path, struct inode **out)
{
	uint32_t mode = h->f[F_MODE];
	char *target;
	int err;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		err = vfs_mkdir(&s->ctx, path, mode);
		break;
	case S_IFLNK:
		if (h->f[F_FILESIZE] == 0 || h->f[F_FILESIZE] >= PATH_MAX)
			return bad(s, "bad symlink target size");
		target = fs_page_alloc();
		if (!target)
			return -ENOMEM;
		memcpy(target, h->data, h->f[F_FILESIZE]);
		err = vfs_symlink(&s->ctx, target, path);
		fs_page_free(target);
		break;
	case S_IFREG:
	case S_IFCHR:
	case S_IFIFO:
		err = vfs_mknod(&s->ctx, path, mode,
				MKDEV(h->f[F_RDEVMAJ], h->f[F_RDEVMIN]));
		break;
	default:
		printk("cpio: skipping %s: unsupported type %#o\n", path,
		       mode & S_IFMT);
		return -ENOSYS;
	}
	if (err && err != -EEXIST)
		return err;
	return vfs_lookup(&s->ctx, path, 0, out);
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
static int link_entry(struct cpio_state *s, struct cpio_link *l,
		      struct cpio_hdr *h, const char *path)
{
	char *name = kmalloc(NAME_MAX + 1);
	struct inode *dir;
	bool trailing;
	int err;

	if (!name)
		return -ENOMEM;
	err = vfs_lookup_parent(&s->ctx, path, &dir, name, &trailing);
	if (!err) {
		err = dir->sb != l->ip->sb ? -EXDEV :
			dir->ops->link(dir, name, strlen(name), l->ip);
		iput(dir);
	}
	kfree(name);
	if (!err)
		err = write_data(l->ip, h);
	if (!err)
		set_attrs(l->ip, h);
	return err;
}

/* One entry: link, or create + data + attributes. */
static int extract(struct cpio_state *s, struct cpio_hdr *h, char *path)
{
	struct cpio_link *l = link_find(s, h);
	struct inode *ip;
	int err;

	err = make_parents(s, path);
	if (!err)
		err = clear_path(s, path, h->f[F_MODE]);
	if (err == -EEXIST)
		err = 0;
	if (err)
		return err;
	if (l && (l->ip->mode & S_IFMT) != (h->f[F_MODE] & S_IFMT))
		return bad(s, "a hard link to an inode of another type");
	if (l)
		return link_entry(s, l, h, path);
	err = make_node(s, h, path, &ip);
	if (err)
		return err == -ENOSYS ? 0 : err;
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
			continue;	/* the root itself */
		memcpy(path, name, strlen(name) + 1);	/* < PATH_MAX */
		err = extract(s, &h, path);
		if (err) {
			printk("cpio: cannot extract %s: error %d\n", path,
			       err);
			return err;
		}
	}
}

int cpio_unpack(struct inode *root, const void *data, size_t len,
		struct cpio_error *why)
{
	struct cpio_state *s = kzalloc(sizeof(*s));
	char *path = fs_page_alloc();
	int err = -ENOMEM;

	if (!s || !path)
		goto out_free;
	s->ctx.root = root;
	s->ctx.cwd = root;
	s->ctx.cred = NULL;
	s->base = data;
	s->len = len;
	s->why = why;
	err = unpack_all(s, path);
	link_forget_all(s);
out_free:
	fs_page_free(path);
	kfree(s);
	return err;
}
