/*
 * Host tests for the descriptor table (kernel/fs/fdtable.c): allocation
 * order, dup family semantics, close-on-exec and fork cloning (which a
 * vfork child phase uses too).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h"
#include "file.h"
#include "kshim.h"

static int released;

static void count_release(struct file *f)
{
	released++;
}

static const struct file_ops anon_ops = { .release = count_release };

static struct fdtable *t;
static long live0;

static int setup(void **state)
{
	kshim_reset();
	live0 = kshim_live;
	released = 0;
	t = calloc(1, sizeof(*t));
	fdtable_init(t);
	return 0;
}

static int teardown(void **state)
{
	kshim_reset();
	fdtable_close_all(t);
	assert_int_equal(fdtable_count(t), 0);
	free(t);
	assert_int_equal(file_live_count, 0);
	assert_int_equal(kshim_live, live0);
	return 0;
}

static struct file *anon(void)
{
	struct file *f = file_alloc(NULL, &anon_ops, O_RDWR, NULL);

	assert_non_null(f);
	return f;
}

/* Install a new file at the lowest slot; returns the fd. */
static int open_one(bool cloexec)
{
	int fd = fd_install_new(t, anon(), cloexec);

	assert_true(fd >= 0);
	return fd;
}

static void test_lowest_free_and_holes(void **state)
{
	for (int i = 0; i < 5; i++)
		assert_int_equal(open_one(false), i);
	assert_int_equal(fd_close(t, 1), 0);
	assert_int_equal(fd_close(t, 3), 0);
	assert_int_equal(fd_close(t, 3), -EBADF);
	assert_int_equal(fd_close(t, -1), -EBADF);
	assert_int_equal(fd_close(t, FD_MAX), -EBADF);
	assert_int_equal(released, 2);
	assert_int_equal(open_one(false), 1);
	assert_int_equal(open_one(false), 3);
	assert_int_equal(open_one(false), 5);
	assert_int_equal(fd_alloc(t, 40), 40);	/* reserved, invisible */
	assert_int_equal(fd_get(t, 40, &(struct file *){ NULL }), -EBADF);
	assert_int_equal(fd_alloc(t, 40), 41);
	fd_unreserve(t, 40);
	fd_unreserve(t, 41);
	assert_int_equal(fd_alloc(t, FD_MAX), -EINVAL);
	assert_int_equal(fd_alloc(t, -1), -EINVAL);
	assert_int_equal(fdtable_count(t), 6);
}

static void test_full_table_emfile(void **state)
{
	struct file *f = anon();

	for (int i = 0; i < FD_MAX; i++)
		assert_int_equal(open_one(false), i);
	assert_int_equal(fd_install_new(t, f, false), -EMFILE);
	assert_int_equal(fd_dup(t, 0), -EMFILE);
	assert_int_equal(fd_close(t, 200), 0);
	assert_int_equal(fd_dupfd(t, 0, 201, false), -EMFILE);
	assert_int_equal(fd_install_new(t, f, false), 200);
	assert_int_equal(fdtable_count(t), FD_MAX);
}

static void test_fd_get_takes_a_reference(void **state)
{
	int fd = open_one(false);
	struct file *f;

	assert_int_equal(fd_get(t, fd, &f), 0);
	assert_int_equal(f->refcount, 2);
	assert_int_equal(fd_close(t, fd), 0);
	assert_int_equal(released, 0);	/* still ours */
	file_put(f);
	assert_int_equal(released, 1);
}

static void test_dup_family(void **state)
{
	int a = open_one(true);		/* 0, cloexec */
	struct file *f;

	assert_int_equal(fd_dup(t, a), 1);
	assert_int_equal(fd_get_cloexec(t, 1), 0);	/* dup clears */
	assert_int_equal(fd_get_cloexec(t, a), FD_CLOEXEC);
	assert_int_equal(fd_dup(t, 7), -EBADF);
	/* dup2 onto itself: no-op returning fd, flags kept. */
	assert_int_equal(fd_dup2(t, a, a), a);
	assert_int_equal(fd_get_cloexec(t, a), FD_CLOEXEC);
	assert_int_equal(fd_dup2(t, 9, 9), -EBADF);
	assert_int_equal(fd_dup2(t, a, FD_MAX), -EBADF);
	assert_int_equal(fd_dup2(t, a, -2), -EBADF);
	/* dup3 onto itself is EINVAL; bad flags EINVAL. */
	assert_int_equal(fd_dup3(t, a, a, 0), -EINVAL);
	assert_int_equal(fd_dup3(t, a, 5, O_NONBLOCK), -EINVAL);
	assert_int_equal(fd_dup3(t, a, 5, O_CLOEXEC), 5);
	assert_int_equal(fd_get_cloexec(t, 5), FD_CLOEXEC);
	/* dup2 over an open fd closes it silently, clears CLOEXEC. */
	assert_int_equal(open_one(false), 2);
	assert_int_equal(fd_dup2(t, a, 5), 5);
	assert_int_equal(released, 0);		/* same file was at 5 */
	assert_int_equal(fd_get_cloexec(t, 5), 0);
	assert_int_equal(fd_dup2(t, 2, 5), 5);
	assert_int_equal(fd_get(t, 5, &f), 0);
	assert_int_equal(f->refcount, 3);	/* fds 2, 5 and f */
	file_put(f);
	assert_int_equal(fd_dup2(t, a, 2), 2);	/* 2 still at 5 */
	assert_int_equal(released, 0);
	assert_int_equal(fd_close(t, 5), 0);
	assert_int_equal(released, 1);
	/* F_DUPFD / F_DUPFD_CLOEXEC */
	assert_int_equal(fd_dupfd(t, a, 10, false), 10);
	assert_int_equal(fd_get_cloexec(t, 10), 0);
	assert_int_equal(fd_dupfd(t, a, 10, true), 11);
	assert_int_equal(fd_get_cloexec(t, 11), FD_CLOEXEC);
	assert_int_equal(fd_dupfd(t, a, FD_MAX, false), -EINVAL);
	assert_int_equal(fd_set_cloexec(t, 10, true), 0);
	assert_int_equal(fd_get_cloexec(t, 10), FD_CLOEXEC);
	assert_int_equal(fd_set_cloexec(t, 12, true), -EBADF);
}

static void test_close_on_exec(void **state)
{
	open_one(false);
	open_one(true);
	open_one(false);
	open_one(true);
	assert_int_equal(fd_dupfd(t, 0, 200, true), 200);
	fdtable_close_on_exec(t);
	assert_int_equal(fdtable_count(t), 2);
	assert_int_equal(fd_close(t, 1), -EBADF);
	assert_int_equal(fd_close(t, 3), -EBADF);
	assert_int_equal(fd_close(t, 200), -EBADF);
	assert_int_equal(fd_get_cloexec(t, 0), 0);
	assert_int_equal(released, 2);
	assert_int_equal(open_one(false), 1);
}

static void test_clone_for_fork(void **state)
{
	struct fdtable *c = calloc(1, sizeof(*c));
	struct file *f;

	open_one(false);
	open_one(true);
	assert_int_equal(fd_dupfd(t, 0, 77, false), 77);
	fdtable_clone(c, t);
	assert_int_equal(fdtable_count(c), 3);
	assert_int_equal(fd_get_cloexec(c, 1), FD_CLOEXEC);
	assert_int_equal(fd_get(c, 77, &f), 0);
	assert_int_equal(f->refcount, 5);	/* 0, 77 in t and c, f */
	file_put(f);
	fdtable_close_all(c);
	assert_int_equal(released, 0);
	assert_int_equal(fdtable_count(t), 3);
	free(c);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lowest_free_and_holes),
		T(test_full_table_emfile),
		T(test_fd_get_takes_a_reference),
		T(test_dup_family),
		T(test_close_on_exec),
		T(test_clone_for_fork),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
