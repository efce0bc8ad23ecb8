/*
 * Host tests for kernel/fs/stat.c and the user layouts in stat.h.
 *
 * Bug: struct stat64 has i386 64-bit members 8-byte aligned (as a 64-bit
 * compiler would place them), so st_size, st_blocks or st_ino land at
 * the wrong offsets and musl reads garbage; statx fields shift; st_dev
 * differs between two stats of the same file system.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "stat.h"

static void test_stat64_i386_offsets(void **state)
{
	assert_int_equal(sizeof(struct stat64), 96);
	assert_int_equal(offsetof(struct stat64, st_dev), 0);
	assert_int_equal(offsetof(struct stat64, __st_ino), 12);
	assert_int_equal(offsetof(struct stat64, st_mode), 16);
	assert_int_equal(offsetof(struct stat64, st_nlink), 20);
	assert_int_equal(offsetof(struct stat64, st_uid), 24);
	assert_int_equal(offsetof(struct stat64, st_gid), 28);
	assert_int_equal(offsetof(struct stat64, st_rdev), 32);
	assert_int_equal(offsetof(struct stat64, st_size), 44);
	assert_int_equal(offsetof(struct stat64, st_blksize), 52);
	assert_int_equal(offsetof(struct stat64, st_blocks), 56);
	assert_int_equal(offsetof(struct stat64, st_atime), 64);
	assert_int_equal(offsetof(struct stat64, st_mtime), 72);
	assert_int_equal(offsetof(struct stat64, st_ctime_nsec), 84);
	assert_int_equal(offsetof(struct stat64, st_ino), 88);
}

static void test_statx_offsets(void **state)
{
	assert_int_equal(sizeof(struct statx), 256);
	assert_int_equal(offsetof(struct statx, stx_mode), 28);
	assert_int_equal(offsetof(struct statx, stx_ino), 32);
	assert_int_equal(offsetof(struct statx, stx_size), 40);
	assert_int_equal(offsetof(struct statx, stx_blocks), 48);
	assert_int_equal(offsetof(struct statx, stx_atime), 64);
	assert_int_equal(offsetof(struct statx, stx_ctime), 96);
	assert_int_equal(offsetof(struct statx, stx_mtime), 112);
	assert_int_equal(offsetof(struct statx, stx_rdev_major), 128);
	assert_int_equal(offsetof(struct statx, stx_dev_minor), 140);
}

static void test_inode_fields_reach_stat64(void **state)
{
	struct superblock sb1, sb2;
	struct inode ip;
	struct kstat ks;
	struct stat64 st;
	struct statx sx;
	uint32_t dev;

	memset(&ip, 0, sizeof(ip));
	ip.ino = 77;
	ip.mode = S_IFREG | 0640;
	ip.uid = 1000;
	ip.gid = 100;
	ip.nlink = 2;
	ip.size = 5000000000LL;
	ip.mtime.sec = 1700000000;
	ip.mtime.nsec = 123;
	ip.sb = &sb1;
	stat_from_inode(&ip, &ks);
	stat_to_stat64(&ks, &st);
	assert_int_equal(st.st_ino, 77);
	assert_int_equal(st.__st_ino, 77);
	assert_int_equal(st.st_mode, S_IFREG | 0640);
	assert_int_equal(st.st_nlink, 2);
	assert_int_equal(st.st_uid, 1000);
	assert_true(st.st_size == 5000000000LL);
	assert_int_equal(st.st_blksize, 4096);
	/* 5e9 bytes rounded up to pages, in 512-byte units */
	assert_true(st.st_blocks == (5000000000ULL + 4095) / 4096 * 8);
	assert_int_equal(st.st_mtime, 1700000000);
	assert_int_equal(st.st_mtime_nsec, 123);
	dev = st.st_dev;
	stat_to_statx(&ks, &sx);
	assert_int_equal(sx.stx_mask, STATX_BASIC_STATS);
	assert_int_equal(sx.stx_mode, S_IFREG | 0640);
	assert_true(sx.stx_mtime.tv_sec == 1700000000);
	assert_int_equal(sx.stx_dev_minor, MINOR(dev));

	/* the same superblock keeps its number; another gets another */
	assert_int_equal(stat_sb_dev(&sb1), dev);
	assert_int_not_equal(stat_sb_dev(&sb2), dev);
	assert_int_not_equal(stat_sb_dev(&sb2), PIPEFS_DEV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat64_i386_offsets),
		cmocka_unit_test(test_statx_offsets),
		cmocka_unit_test(test_inode_fields_reach_stat64),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
