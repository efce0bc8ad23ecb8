/*
 * Host tests for path resolution (kernel/fs/namei.c) over tmpfs:
 * path_resolution(7) edge cases, symlinks, mounts and permissions.
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

static void mkdirs(void)
{
	assert_int_equal(vfs_mkdir(&fx_ctx, "/a", 0755), 0);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/a/b", 0755), 0);
	assert_int_equal(fx_write_file("/a/b/f", "x"), 0);
}

static void test_dots_and_repeated_slashes(void **state)
{
	long b, root;

	mkdirs();
	b = fx_ino("/a/b", 0);
	root = fx_ino("/", 0);
	assert_true(b > 0);
	assert_int_equal(fx_ino("/a/./b/../b", 0), b);
	assert_int_equal(fx_ino("//a///b//", 0), b);
	assert_int_equal(fx_ino("/..", 0), root);
	assert_int_equal(fx_ino("/../../a/../..", 0), root);
	assert_int_equal(fx_ino("a/b/./", 0), b);
	assert_int_equal(fx_ino(".", 0), root);
	assert_int_equal(fx_ino("///", 0), root);
}

static void test_relative_from_cwd(void **state)
{
	struct inode *a;

	mkdirs();
	assert_int_equal(vfs_lookup(&fx_ctx, "/a", 0, &a), 0);
	fx_ctx.cwd = a;
	assert_int_equal(fx_ino("b/f", 0), fx_ino("/a/b/f", 0));
	assert_int_equal(fx_ino("../../..", 0), fx_ino("/", 0));
	assert_int_equal(fx_ino("b/../../a", 0), a->ino);
	fx_ctx.cwd = fx_ctx.root;
	iput(a);
}

/* Bug: a trailing slash on a regular file resolved to the file. */
static void test_trailing_slash_on_file_is_enotdir(void **state)
{
	mkdirs();
	assert_int_equal(fx_ino("/a/b/f/", 0), -ENOTDIR);
	assert_int_equal(fx_ino("/a/b/f/.", 0), -ENOTDIR);
	assert_int_equal(fx_ino("/a/b/f", LOOKUP_DIRECTORY), -ENOTDIR);
	assert_true(fx_ino("/a/b/", 0) > 0);
}

static void test_enotdir_in_the_middle_and_enoent(void **state)
{
	mkdirs();
	assert_int_equal(fx_ino("/a/b/f/x", 0), -ENOTDIR);
	assert_int_equal(fx_ino("/a/b/f/x/y", 0), -ENOTDIR);
	assert_int_equal(fx_ino("/a/nope", 0), -ENOENT);
	assert_int_equal(fx_ino("/a/nope/x", 0), -ENOENT);
	assert_int_equal(fx_ino("", 0), -ENOENT);
}

static void test_symlink_loops_give_eloop(void **state)
{
	assert_int_equal(vfs_symlink(&fx_ctx, "/l2", "/l1"), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "l1", "/l2"), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "self", "/self"), 0);
	assert_int_equal(fx_ino("/l1", LOOKUP_FOLLOW), -ELOOP);
	assert_int_equal(fx_ino("/self", LOOKUP_FOLLOW), -ELOOP);
	assert_int_equal(fx_ino("/self/x", 0), -ELOOP);
	/* Without follow the link itself is the answer. */
	assert_true(fx_ino("/l1", 0) > 0);
}

/* Build /c0 -> c1 -> ... -> c(n-1) -> /target. */
static void make_chain(int n)
{
	char name[32], next[32];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/c%d", i);
		if (i == n - 1)
			snprintf(next, sizeof(next), "/target");
		else
			snprintf(next, sizeof(next), "c%d", i + 1);
		assert_int_equal(vfs_symlink(&fx_ctx, next, name), 0);
	}
}

/* Linux follows at most 40 links per resolution: 40 work, 41 do not. */
static void test_40_links_resolve_41_give_eloop(void **state)
{
	assert_int_equal(vfs_mkdir(&fx_ctx, "/target", 0755), 0);
	make_chain(41);
	assert_int_equal(fx_ino("/c1", LOOKUP_FOLLOW), fx_ino("/target", 0));
	assert_int_equal(fx_ino("/c0", LOOKUP_FOLLOW), -ELOOP);
	/* As a middle component the count is the same. */
	assert_int_equal(fx_ino("/c1/.", 0), fx_ino("/target", 0));
	assert_int_equal(fx_ino("/c0/.", 0), -ELOOP);
}

static void test_relative_and_absolute_symlinks(void **state)
{
	mkdirs();
	assert_int_equal(vfs_mkdir(&fx_ctx, "/d", 0755), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "../a/b/f", "/d/rel"), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "/a/b", "/d/abs"), 0);
	assert_int_equal(vfs_symlink(&fx_ctx, "b", "/a/lb"), 0);
	assert_int_equal(fx_ino("/d/rel", LOOKUP_FOLLOW),
			 fx_ino("/a/b/f", 0));
	assert_int_equal(fx_ino("/d/abs/f", 0), fx_ino("/a/b/f", 0));
	assert_int_equal(fx_ino("/a/lb/f", 0), fx_ino("/a/b/f", 0));
	assert_int_equal(fx_ino("/d/abs/..", 0), fx_ino("/a", 0));
	/* A trailing slash follows the last link; on a file: ENOTDIR. */
	assert_int_equal(fx_ino("/d/abs/", 0), fx_ino("/a/b", 0));
	assert_int_equal(fx_ino("/d/rel/", 0), -ENOTDIR);
	/* Dangling. */
	assert_int_equal(vfs_symlink(&fx_ctx, "/nowhere", "/d/dang"), 0);
	assert_int_equal(fx_ino("/d/dang", LOOKUP_FOLLOW), -ENOENT);
}

static void test_enametoolong(void **state)
{
	char *p = malloc(PATH_MAX + 8);

	memset(p, 'x', 300);
	p[0] = '/';
	p[256] = '\0';		/* component of 255 bytes */
	assert_int_equal(fx_ino(p, 0), -ENOENT);
	p[256] = 'x';
	p[257] = '\0';		/* 256 bytes */
	assert_int_equal(fx_ino(p, 0), -ENAMETOOLONG);
	/* Paths of 4095 bytes resolve; 4096 (no room for NUL) do not. */
	for (int i = 0; i < PATH_MAX; i += 2) {
		p[i] = '/';
		p[i + 1] = '.';
	}
	p[PATH_MAX - 1] = '\0';
	assert_int_equal(fx_ino(p, 0), fx_ino("/", 0));
	p[PATH_MAX - 1] = '/';
	p[PATH_MAX] = '\0';
	assert_int_equal(fx_ino(p, 0), -ENAMETOOLONG);
	free(p);
}

static void test_mount_crossing_both_ways(void **state)
{
	struct superblock *sb2 = tmpfs_create(0755);
	struct inode *mnt, *mroot;
	long root = fx_ino("/", 0);

	assert_int_equal(vfs_mkdir(&fx_ctx, "/mnt", 0755), 0);
	assert_int_equal(fx_write_file("/mnt/hidden", "h"), 0);
	assert_int_equal(vfs_lookup(&fx_ctx, "/mnt", 0, &mnt), 0);
	assert_int_equal(vfs_mount(mnt, sb2), 0);
	assert_int_equal(vfs_mount(mnt, sb2), -EBUSY);
	assert_int_equal(fx_write_file("/mnt/x", "in sb2"), 0);
	assert_int_equal(fx_ino("/mnt/hidden", 0), -ENOENT);
	assert_int_equal(fx_ino("/mnt", 0), sb2->root->ino);
	assert_int_equal(fx_ino("/mnt/..", 0), root);
	assert_int_equal(fx_ino("/mnt/x/../..", 0), -ENOTDIR);
	assert_int_equal(fx_ino("/mnt/./../mnt/x", 0), fx_ino("/mnt/x", 0));
	/* From inside the mount, relative "..": back to the parent fs. */
	assert_int_equal(vfs_lookup(&fx_ctx, "/mnt", 0, &mroot), 0);
	assert_ptr_equal(mroot, sb2->root);
	fx_ctx.cwd = mroot;
	assert_int_equal(fx_ino("..", 0), root);
	assert_int_equal(fx_ino("../mnt/x", 0), fx_ino("/mnt/x", 0));
	/* Busy while we hold the root. */
	assert_int_equal(vfs_umount(mroot), -EBUSY);
	assert_int_equal(vfs_rmdir(&fx_ctx, "/mnt"), -EBUSY);
	fx_ctx.cwd = fx_ctx.root;
	iput(mroot);
	assert_int_equal(vfs_umount(sb2->root), 0);
	assert_int_equal(vfs_umount(sb2->root), -EINVAL);
	assert_true(fx_ino("/mnt/hidden", 0) > 0);
	assert_int_equal(fx_ino("/mnt/x", 0), -ENOENT);
	iput(mnt);
	assert_int_equal(tmpfs_destroy(sb2), 0);
}

/* ".." at the process root stays there, also after a symlink. */
static void test_dotdot_stops_at_process_root(void **state)
{
	struct inode *jail;

	mkdirs();
	assert_int_equal(vfs_symlink(&fx_ctx, "/b", "/a/up"), 0);
	assert_int_equal(vfs_lookup(&fx_ctx, "/a", 0, &jail), 0);
	fx_ctx.root = jail;
	fx_ctx.cwd = jail;
	assert_int_equal(fx_ino("/../../..", 0), jail->ino);
	assert_int_equal(fx_ino("/up/f", 0), fx_ino("/b/f", 0));
	assert_int_equal(fx_ino("/a", 0), -ENOENT);
	fx_ctx.root = fx_ctx.cwd = fx_sb->root;
	iput(jail);
}

static void test_search_permission(void **state)
{
	struct inode *ip;

	mkdirs();
	assert_int_equal(vfs_mkdir(&fx_ctx, "/priv", 0700), 0);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/xonly", 0711), 0);
	assert_int_equal(fx_write_file("/priv/f", "p"), 0);
	assert_int_equal(fx_write_file("/xonly/f", "p"), 0);
	fx_ctx.cred = &fx_user;
	assert_int_equal(fx_ino("/priv/f", 0), -EACCES);
	assert_int_equal(fx_ino("/priv/nope", 0), -EACCES);
	assert_true(fx_ino("/xonly/f", 0) > 0);
	assert_int_equal(vfs_mkdir(&fx_ctx, "/xonly/new", 0755), -EACCES);
	/* Root passes everything but exec of a file without x bits. */
	fx_ctx.cred = &(struct cred){ 0, 0 };
	assert_true(fx_ino("/priv/f", 0) > 0);
	assert_int_equal(vfs_lookup(&fx_ctx, "/priv/f", 0, &ip), 0);
	assert_int_equal(vfs_permission(ip, MAY_EXEC, fx_ctx.cred), -EACCES);
	assert_int_equal(vfs_permission(ip, MAY_WRITE, fx_ctx.cred), 0);
	ip->mode |= 0010;
	assert_int_equal(vfs_permission(ip, MAY_EXEC, fx_ctx.cred), 0);
	assert_int_equal(vfs_permission(ip, MAY_EXEC, &fx_user), -EACCES);
	iput(ip);
	fx_ctx.cred = NULL;
}

static void test_lookup_parent(void **state)
{
	char name[NAME_MAX + 1];
	struct inode *dir;
	bool trailing;

	mkdirs();
	assert_int_equal(vfs_lookup_parent(&fx_ctx, "/a/b/new", &dir, name,
					   &trailing), 0);
	assert_string_equal(name, "new");
	assert_false(trailing);
	assert_int_equal(dir->ino, fx_ino("/a/b", 0));
	iput(dir);
	assert_int_equal(vfs_lookup_parent(&fx_ctx, "a//b//", &dir, name,
					   &trailing), 0);
	assert_string_equal(name, "b");
	assert_true(trailing);
	iput(dir);
	assert_int_equal(vfs_lookup_parent(&fx_ctx, "/", &dir, name,
					   &trailing), 0);
	assert_string_equal(name, "");
	iput(dir);
	assert_int_equal(vfs_lookup_parent(&fx_ctx, "/a/b/f/x", &dir, name,
					   &trailing), -ENOTDIR);
	assert_int_equal(vfs_lookup_parent(&fx_ctx, "/nope/x", &dir, name,
					   &trailing), -ENOENT);
}

/* Failed lookups free their buffers and references. */
static void test_lookup_errors_leak_nothing(void **state)
{
	long live;

	mkdirs();
	live = kshim_live;
	fx_ino("/a/b/f/x", 0);
	fx_ino("/nope", 0);
	assert_int_equal(kshim_live, live);
	kshim_fail_at = kshim_calls + 2;
	assert_int_equal(fx_ino("/a", 0), -ENOMEM);
	kshim_reset();
	assert_int_equal(kshim_live, live);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dots_and_repeated_slashes),
		T(test_relative_from_cwd),
		T(test_trailing_slash_on_file_is_enotdir),
		T(test_enotdir_in_the_middle_and_enoent),
		T(test_symlink_loops_give_eloop),
		T(test_40_links_resolve_41_give_eloop),
		T(test_relative_and_absolute_symlinks),
		T(test_enametoolong),
		T(test_mount_crossing_both_ways),
		T(test_dotdot_stops_at_process_root),
		T(test_search_permission),
		T(test_lookup_parent),
		T(test_lookup_errors_leak_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
