/*
 * Host tests for the initramfs unpacker (kernel/fs/cpio.c): archives
 * built here entry by entry, one made by GNU cpio at test time, and every
 * kind of malformed input. The archive under test always sits in a heap
 * block of exactly its size, so AddressSanitizer reports any read past
 * its end.
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
#include "fs/tmpfs_int.h"

struct arc {
	char buf[1 << 16];
	size_t len;
};

static struct arc *A;

static void pad4(void)
{
	while (A->len % 4)
		A->buf[A->len++] = '\0';
}

/* Append one entry with explicit fields; data may be NULL (size 0). */
static void entry_raw(const char *magic, unsigned ino, unsigned mode,
		      unsigned nlink, unsigned mtime, const char *name,
		      size_t namesize, const void *data, size_t size,
		      unsigned check)
{
	A->len += sprintf(A->buf + A->len,
			  "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X"
			  "%08zX%08X", magic, ino, mode, 1000 + ino, 100,
			  nlink, mtime, (unsigned)size, 0, 0, 1, 3, namesize,
			  check);
	memcpy(A->buf + A->len, name, namesize);
	A->len += namesize;
	pad4();
	if (size)
		memcpy(A->buf + A->len, data, size);
	A->len += size;
	pad4();
}

static void entry(unsigned ino, unsigned mode, unsigned nlink,
		  const char *name, const char *data)
{
	entry_raw("070701", ino, mode, nlink, 1700000000 + ino, name,
		  strlen(name) + 1, data, data ? strlen(data) : 0, 0);
}

static void trailer(void)
{
	entry(0, 0, 1, "TRAILER!!!", NULL);
}

/* Unpack A->buf[0..len) from an exact-size copy. */
static int unpack_len(size_t len, struct cpio_error *why)
{
	void *copy = malloc(len ? len : 1);
	int err;

	memcpy(copy, A->buf, len);
	err = cpio_unpack(fx_sb->root, copy, len, why);
	free(copy);
	return err;
}

static int arc_setup(void **state)
{
	A = calloc(1, sizeof(*A));
	return fx_setup(state);
}

static int arc_teardown(void **state)
{
	free(A);
	return fx_teardown(state);
}

static struct inode *get(const char *path)
{
	struct inode *ip = NULL;

	assert_int_equal(vfs_lookup(&fx_ctx, path, 0, &ip), 0);
	return ip;
}

static void test_valid_archive(void **state)
{
	struct cpio_error why = { 0 };
	char buf[64];
	struct inode *ip;

	entry(1, S_IFDIR | 0755, 2, ".", NULL);
	entry(2, S_IFDIR | 0700, 2, "./etc", NULL);
	entry(3, S_IFREG | 0640, 1, "./etc/motd", "welcome\n");
	entry(4, S_IFLNK | 0777, 1, "etc/link", "motd");
	entry(5, S_IFREG | 0755, 1, "deep/er/path/bin", "#!x");
	/* GNU order: earlier names of a link set carry no data. */
	entry(6, S_IFREG | 0600, 2, "h1", NULL);
	entry(6, S_IFREG | 0600, 2, "etc/h2", "shared");
	entry(7, S_IFCHR | 0600, 1, "console", NULL);
	entry(8, S_IFREG | 0644, 1, "empty", NULL);
	trailer();
	memset(A->buf + A->len, 0, 300);	/* block padding after */
	assert_int_equal(unpack_len(A->len + 300, &why), 0);

	assert_int_equal(fx_read_file("/etc/motd", buf, sizeof(buf)), 8);
	assert_string_equal(buf, "welcome\n");
	assert_int_equal(fx_read_file("/etc/link", buf, sizeof(buf)), 8);
	assert_int_equal(vfs_readlink(&fx_ctx, "/etc/link", buf, 64), 4);
	assert_int_equal(fx_read_file("/deep/er/path/bin", buf, 64), 3);
	assert_int_equal(fx_read_file("/h1", buf, sizeof(buf)), 6);
	assert_string_equal(buf, "shared");
	assert_int_equal(fx_ino("/h1", 0), fx_ino("/etc/h2", 0));
	assert_int_equal(fx_read_file("/empty", buf, sizeof(buf)), 0);

	ip = get("/etc/motd");
	assert_int_equal(ip->mode, S_IFREG | 0640);
	assert_int_equal(ip->uid, 1003);
	assert_int_equal(ip->gid, 100);
	assert_int_equal(ip->mtime.sec, 1700000003);
	iput(ip);
	ip = get("/etc");
	assert_int_equal(ip->mode, S_IFDIR | 0700);
	iput(ip);
	ip = get("/h1");
	assert_int_equal(ip->nlink, 2);
	iput(ip);
	ip = get("/console");
	assert_true(S_ISCHR(ip->mode));
	assert_int_equal(ip->rdev, MKDEV(1, 3));
	iput(ip);
	ip = get("/deep/er");
	assert_int_equal(ip->mode, S_IFDIR | 0755);	/* made as parent */
	iput(ip);
}

/* Unpacking over existing names replaces files, keeps directories. */
static void test_overwrite_existing(void **state)
{
	char buf[16];

	assert_int_equal(fx_write_file("/f", "old contents"), 0);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/d", 0700), 0);
	assert_int_equal(fx_write_file("/d/keep", "k"), 0);
	entry(1, S_IFREG | 0644, 1, "f", "new");
	entry(2, S_IFDIR | 0755, 2, "d", NULL);
	trailer();
	assert_int_equal(unpack_len(A->len, NULL), 0);
	assert_int_equal(fx_read_file("/f", buf, sizeof(buf)), 3);
	assert_string_equal(buf, "new");
	assert_int_equal(fx_read_file("/d/keep", buf, sizeof(buf)), 1);
}

static void test_crc_format(void **state)
{
	struct cpio_error why = { 0 };

	entry_raw("070702", 1, S_IFREG | 0644, 1, 0, "ok", 3, "ab", 2,
		  'a' + 'b');
	trailer();
	assert_int_equal(unpack_len(A->len, &why), 0);
	A->len = 0;
	entry_raw("070702", 1, S_IFREG | 0644, 1, 0, "bad", 4, "ab", 2, 7);
	trailer();
	assert_int_equal(unpack_len(A->len, &why), -EINVAL);
	assert_non_null(strstr(why.reason, "checksum"));
}

/* Expect -EINVAL with a reason containing `what`, logged too. */
static void expect_bad(size_t len, const char *what)
{
	struct cpio_error why = { 0 };

	kshim_last_printk[0] = '\0';
	assert_int_equal(unpack_len(len, &why), -EINVAL);
	assert_non_null(why.reason);
	if (!strstr(why.reason, what))
		fail_msg("reason '%s', wanted '%s'", why.reason, what);
	assert_non_null(strstr(kshim_last_printk, why.reason));
}

static void test_truncated_header(void **state)
{
	entry(1, S_IFREG | 0644, 1, "f", "x");
	expect_bad(50, "truncated header");
	expect_bad(0, "truncated header");
	/* A complete entry and no trailer: the next header is missing. */
	expect_bad(A->len, "truncated header");
}

static void test_bad_magic(void **state)
{
	entry(1, S_IFREG | 0644, 1, "f", "x");
	trailer();
	memcpy(A->buf, "070707", 6);		/* old portable format */
	expect_bad(A->len, "bad magic");
	memcpy(A->buf, "\0\0\0\0\0\0", 6);
	expect_bad(A->len, "bad magic");
}

static void test_non_hex_digit(void **state)
{
	entry(1, S_IFREG | 0644, 1, "f", "x");
	trailer();
	A->buf[6 + 8 * 6 + 3] = 'g';		/* inside filesize */
	expect_bad(A->len, "non-hex");
	A->buf[6 + 8 * 6 + 3] = ' ';
	expect_bad(A->len, "non-hex");
}

static void test_bad_names(void **state)
{
	entry_raw("070701", 1, S_IFREG | 0644, 1, 0, "abcd", 4, NULL, 0, 0);
	trailer();
	expect_bad(A->len, "NUL");		/* "abcd" without NUL */
	A->len = 0;
	entry_raw("070701", 1, S_IFREG | 0644, 1, 0, "a\0cd", 4, NULL, 0, 0);
	trailer();
	expect_bad(A->len, "NUL");		/* NUL too early */
	A->len = 0;
	entry_raw("070701", 1, S_IFREG | 0644, 1, 0, "", 0, NULL, 0, 0);
	trailer();
	expect_bad(A->len, "namesize 0");
	A->len = 0;
	entry_raw("070701", 1, S_IFREG | 0644, 1, 0, "x", 2, NULL, 0, 0);
	trailer();
	memcpy(A->buf + 6 + 8 * 11, "00100001", 8);	/* > PATH_MAX */
	expect_bad(A->len, "name too long");
	memcpy(A->buf + 6 + 8 * 11, "00000FFF", 8);	/* past the end */
	expect_bad(A->len, "name past the end");
	A->len = 0;
	entry(1, S_IFREG | 0644, 1, "a/../../etc", "x");
	trailer();
	expect_bad(A->len, "'..'");
}

static void test_sizes_past_the_end(void **state)
{
	entry(1, S_IFREG | 0644, 1, "f", "0123456789");
	trailer();
	memcpy(A->buf + 6 + 8 * 6, "7FFFFFFF", 8);	/* filesize */
	expect_bad(A->len, "file data past the end");
	memcpy(A->buf + 6 + 8 * 6, "FFFFFFFF", 8);	/* overflow bait */
	expect_bad(A->len, "file data past the end");
}

static void test_padding_past_the_end(void **state)
{
	/* Header 110 + name 5 = 115: 1 byte of name padding. */
	entry(1, S_IFREG | 0644, 1, "abcd", "0123456789");
	expect_bad(115, "name padding");
	/* Data ends at 116 + 10 = 126; padding to 128 is cut off. */
	expect_bad(127, "data padding");
	/* Up to the padding the archive is fine; then no header. */
	expect_bad(128, "truncated header");
}

/* Every prefix of a valid archive is refused without a stray read. */
static void test_every_truncation_is_refused(void **state)
{
	size_t full;

	entry(1, S_IFDIR | 0755, 2, "d", NULL);
	entry(2, S_IFREG | 0644, 1, "d/f", "some data");
	entry(3, S_IFLNK | 0777, 1, "d/l", "f");
	trailer();
	full = A->len;
	for (size_t len = 0; len < full; len++) {
		assert_int_equal(tmpfs_destroy(fx_sb), 0);
		fx_sb = tmpfs_create(0755);
		fx_ctx.root = fx_ctx.cwd = fx_sb->root;
		assert_int_equal(unpack_len(len, NULL), -EINVAL);
	}
}

static void test_out_of_memory_is_clean(void **state)
{
	entry(1, S_IFDIR | 0755, 2, "d", NULL);
	entry(2, S_IFREG | 0644, 2, "d/f", "some data");
	entry(2, S_IFREG | 0644, 2, "d/g", "some data");
	trailer();
	for (long n = 1; n < 40; n++) {
		kshim_reset();
		kshim_fail_at = n;
		(void)unpack_len(A->len, NULL);
		kshim_reset();
		assert_int_equal(tmpfs_destroy(fx_sb), 0);
		assert_int_equal(vfs_live_inodes, fx_inodes0);
		fx_sb = tmpfs_create(0755);
		fx_ctx.root = fx_ctx.cwd = fx_sb->root;
	}
}

/*
 * Bug: an archive that gives a directory and later files the same inode
 * number made the files hard links to the directory: a corrupted tree,
 * then a use-after-free or a BUG_ON when it was torn down. Directories
 * are never link targets: d stays a directory, f and g are one file.
 */
static void test_file_sharing_a_dirs_inode_is_not_linked(void **state)
{
	char buf[8];

	entry(5, S_IFDIR | 0755, 2, "d", NULL);
	entry(5, S_IFREG | 0644, 2, "f", "x");
	entry(5, S_IFREG | 0644, 2, "g", "y");
	trailer();
	assert_int_equal(unpack_len(A->len, NULL), 0);
	assert_int_not_equal(fx_ino("/f", 0), fx_ino("/d", 0));
	assert_int_equal(fx_ino("/g", 0), fx_ino("/f", 0));
	assert_int_equal(fx_read_file("/f", buf, sizeof(buf)), 1);
	assert_string_equal(buf, "y");
	/* teardown checks that the tree is whole and nothing leaked */
}

/* A later entry of another type with a remembered file's inode number
 * is malformed, not a link. */
static void test_link_of_another_type_is_refused(void **state)
{
	struct cpio_error why = { 0 };

	entry(9, S_IFREG | 0644, 2, "f", "x");
	entry(9, S_IFLNK | 0777, 2, "l", "f");
	trailer();
	assert_int_equal(unpack_len(A->len, &why), -EINVAL);
	assert_non_null(why.reason);
}

/* Bug: a directory hard-linked under itself looped the teardown. */
static void test_dir_linked_under_itself_is_refused(void **state)
{
	entry(7, S_IFDIR | 0755, 2, "d", NULL);
	entry(7, S_IFDIR | 0755, 2, "d/e", NULL);
	trailer();
	(void)unpack_len(A->len, NULL);
	assert_int_not_equal(fx_ino("/d/e", 0), fx_ino("/d", 0));
}

/*
 * Bug: the table of remembered hard links had 64 fixed slots and
 * directories took them, so after 70 directories the links of a file
 * were unpacked as separate files, the first one empty (GNU cpio puts a
 * hard-linked file's data on its last name).
 */
static void test_hard_links_after_many_dirs(void **state)
{
	char name[32], buf[64];

	for (unsigned i = 0; i < 70; i++) {
		snprintf(name, sizeof(name), "dir%u", i);
		entry(100 + i, S_IFDIR | 0755, 2, name, NULL);
	}
	entry(1, S_IFDIR | 0755, 2, "z", NULL);
	entry(500, S_IFREG | 0644, 2, "z/a", NULL);
	entry(500, S_IFREG | 0644, 2, "z/b", "hello");
	trailer();
	assert_int_equal(unpack_len(A->len, NULL), 0);
	assert_int_equal(fx_read_file("/z/a", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(fx_ino("/z/a", 0), fx_ino("/z/b", 0));
}

/* An archive written by GNU cpio -o -H newc from a real directory. */
static void test_gnu_cpio_archive(void **state)
{
	char dir[] = "/tmp/sleight-cpio-XXXXXX", cmd[512], buf[64];
	FILE *p;
	size_t n;

	if (system("command -v cpio >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cd %s && mkdir -p bin etc/sub && printf hello > etc/greet &&"
		 " ln etc/greet etc/sub/again && ln -s ../etc/greet bin/g &&"
		 " chmod 751 bin && find . | LC_ALL=C sort |"
		 " cpio -o -H newc --quiet", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(A->buf, 1, sizeof(A->buf), p);
	assert_int_equal(pclose(p), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(n > 0 && n < sizeof(A->buf));
	assert_int_equal(unpack_len(n, NULL), 0);
	assert_int_equal(fx_read_file("/etc/greet", buf, sizeof(buf)), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(fx_read_file("/bin/g", buf, sizeof(buf)), 5);
	assert_int_equal(fx_read_file("/etc/sub/again", buf, 64), 5);
	assert_int_equal(fx_ino("/etc/sub/again", 0), fx_ino("/etc/greet", 0));
	struct inode *ip = get("/bin");
	assert_int_equal(ip->mode, S_IFDIR | 0751);
	iput(ip);
}

/*
 * Bug: an entry the file system refused (here a name component of 300
 * bytes) was reported as "initramfs rejected at byte 0: ?" and the rest
 * of the archive dropped. Now the message names the entry, the byte
 * offset of its header and the reason, the entry is skipped as Linux's
 * unpacker skips it, and the entries after it are unpacked.
 */
static void test_refused_entry_names_offset_and_rest_unpacked(void **state)
{
	struct cpio_error why = { 0 };
	char longname[320], want[64], buf[8];
	size_t bad_off, notdir_off;

	memset(longname, 'n', 300);
	strcpy(longname + 300, "/x");
	entry(1, S_IFREG | 0644, 1, "first", "1");
	bad_off = A->len;
	entry(2, S_IFREG | 0644, 1, longname, "2");
	notdir_off = A->len;
	entry(3, S_IFREG | 0644, 1, "first/under", "3");
	entry(4, S_IFREG | 0644, 1, "last", "4");
	trailer();
	kshim_last_printk[0] = '\0';
	assert_int_equal(unpack_len(A->len, &why), 0);
	assert_int_equal(why.skipped, 2);
	assert_int_equal(why.entries, 2);
	assert_int_equal(why.offset, bad_off);	/* the first refusal */
	assert_int_equal(why.err, -ENAMETOOLONG);
	assert_non_null(strstr(why.reason, "too long"));
	/* the last line logged is the second refusal, with its offset */
	snprintf(want, sizeof(want), "entry at byte %zu", notdir_off);
	assert_non_null(strstr(kshim_last_printk, want));
	assert_non_null(strstr(kshim_last_printk, "first/under"));
	assert_non_null(strstr(kshim_last_printk, "not a directory"));
	assert_int_equal(fx_read_file("/last", buf, sizeof(buf)), 1);
}

/* An entry under a symlinked directory lands in the link's target, as
 * a path walk puts it (usr-merged trees: bin -> usr/bin). */
static void test_entry_under_symlinked_dir(void **state)
{
	char buf[8];

	entry(1, S_IFDIR | 0755, 2, "usr", NULL);
	entry(2, S_IFDIR | 0755, 2, "usr/bin", NULL);
	entry(3, S_IFLNK | 0777, 1, "bin", "usr/bin");
	entry(4, S_IFREG | 0755, 1, "bin/sh", "#!");
	trailer();
	assert_int_equal(unpack_len(A->len, NULL), 0);
	assert_int_equal(fx_read_file("/usr/bin/sh", buf, sizeof(buf)), 2);
	assert_int_equal(fx_ino("/bin/sh", 0), fx_ino("/usr/bin/sh", 0));
}

/* A malformed entry is reported at its own header, not the next one. */
static void test_malformed_entry_offset_is_its_header(void **state)
{
	struct cpio_error why = { 0 };
	size_t off;

	entry(1, S_IFREG | 0644, 1, "ok", "fine");
	off = A->len;
	entry_raw("070702", 2, S_IFREG | 0644, 1, 0, "bad", 4, "ab", 2, 7);
	entry(3, S_IFREG | 0644, 1, "never", "x");
	trailer();
	assert_int_equal(unpack_len(A->len, &why), -EINVAL);
	assert_int_equal(why.offset, off);
	assert_int_equal(why.entries, 1);
	assert_int_equal(fx_ino("/never", 0), -ENOENT);
	assert_true(fx_ino("/ok", 0) > 0);
}

/* Out of inodes stops the unpacking (Linux: "write error"), keeping
 * what came before, and says where. */
static void test_no_space_stops_and_keeps_earlier(void **state)
{
	struct cpio_error why = { 0 };
	size_t off;

	entry(1, S_IFREG | 0644, 1, "a", "1");
	entry(2, S_IFREG | 0644, 1, "b", "2");
	off = A->len;
	entry(3, S_IFREG | 0644, 1, "c", "3");
	entry(4, S_IFREG | 0644, 1, "d", "4");
	trailer();
	tmpfs_set_inode_limit(tmpfs_inodes_used() + 2);
	assert_int_equal(unpack_len(A->len, &why), -ENOSPC);
	tmpfs_set_inode_limit(0);
	assert_int_equal(why.err, -ENOSPC);
	assert_int_equal(why.offset, off);
	assert_int_equal(why.entries, 2);
	assert_non_null(strstr(kshim_last_printk, "no space"));
	assert_true(fx_ino("/b", 0) > 0);
	assert_int_equal(fx_ino("/d", 0), -ENOENT);
}

/* Append an entry to a growing heap archive (for big archives). */
static void big_entry(char **buf, size_t *len, const char *name,
		      unsigned ino, unsigned mode, unsigned nlink)
{
	size_t n = strlen(name) + 1;

	*len += sprintf(*buf + *len, "070701%08X%08X%08X%08X%08X%08X%08X"
			"%08X%08X%08X%08X%08zX%08X", ino, mode, 0, 0, nlink, 0,
			0, 0, 0, 0, 0, n, 0);
	memcpy(*buf + *len, name, n);
	*len = (*len + n + 3) & ~(size_t)3;
}

/* Tree steps to unpack n files into one directory, half of them
 * hard-linked in pairs. */
static unsigned long unpack_steps(long n)
{
	char *buf = calloc(1, 160 * (size_t)n + 4096), name[32];
	size_t len = 0;
	unsigned long before;

	big_entry(&buf, &len, "d", 1, S_IFDIR | 0755, 2);
	for (long i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "d/f%07ld", i);
		big_entry(&buf, &len, name, 10 + (i < n / 2 ? i / 2 : i),
			  S_IFREG | 0644, i < n / 2 ? 2 : 1);
	}
	big_entry(&buf, &len, "TRAILER!!!", 0, 0, 1);
	assert_int_equal(tmpfs_destroy(fx_sb), 0);
	fx_sb = tmpfs_create(0755);
	fx_ctx.root = fx_ctx.cwd = fx_sb->root;
	before = tmpfs_dir_steps;
	assert_int_equal(cpio_unpack(fx_sb->root, buf, len, NULL), 0);
	free(buf);
	return tmpfs_dir_steps - before;
}

/*
 * Bug: a 20,000-entry initramfs took 38 s to boot: every entry walked
 * its directory's list several times, and every hard link the list of
 * links. Ten times the entries must cost about ten times the work
 * (hashed directories: ~10x; even n log n would stay under 13x),
 * counted in directory tree steps.
 */
static void test_unpack_cost_grows_n_log_n(void **state)
{
	unsigned long small = unpack_steps(10000), big = unpack_steps(100000);

	print_message("tree steps: 10,000 entries %lu, 100,000 %lu (%.2fx)\n",
		      small, big, (double)big / small);
	assert_true(big < 12 * small);
	assert_int_equal(fx_ino("/d/f0000000", 0), fx_ino("/d/f0000001", 0));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, arc_setup, arc_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_valid_archive),
		T(test_overwrite_existing),
		T(test_crc_format),
		T(test_truncated_header),
		T(test_bad_magic),
		T(test_non_hex_digit),
		T(test_bad_names),
		T(test_sizes_past_the_end),
		T(test_padding_past_the_end),
		T(test_every_truncation_is_refused),
		T(test_out_of_memory_is_clean),
		T(test_file_sharing_a_dirs_inode_is_not_linked),
		T(test_link_of_another_type_is_refused),
		T(test_dir_linked_under_itself_is_refused),
		T(test_hard_links_after_many_dirs),
		T(test_gnu_cpio_archive),
		T(test_refused_entry_names_offset_and_rest_unpacked),
		T(test_entry_under_symlinked_dir),
		T(test_malformed_entry_offset_is_its_header),
		T(test_no_space_stops_and_keeps_earlier),
		T(test_unpack_cost_grows_n_log_n),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
