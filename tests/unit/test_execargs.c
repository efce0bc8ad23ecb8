/*
 * Host tests for kernel/proc/execargs.c: copying argv and envp out of
 * user memory with execve(2)'s limits.
 *
 * Bug class: an argument copier that trusts the user's vector reads past
 * a mapping (must be -EFAULT, not a fault in the kernel), lets one huge
 * string or a huge total exhaust kernel memory (must be -E2BIG), or
 * breaks on a long but legal vector (5,000 arguments must work). User
 * memory here is one host buffer standing for [UBASE, UBASE + usize);
 * every byte outside it is "unmapped".
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel.h"
#include "errno.h"
#include "exec.h"

#define UBASE	0x10000000u

/* ---- simulated user memory ---- */

struct umem {
	uint8_t *mem;
	uint32_t size;		/* bytes mapped from UBASE */
	uint32_t brk;		/* next free byte (offset) */
};

static struct umem um;

static void umem_setup(uint32_t size)
{
	free(um.mem);
	um.mem = calloc(1, size);
	assert_non_null(um.mem);
	um.size = size;
	um.brk = 0;
}

static bool mapped(uint32_t a)
{
	return a >= UBASE && a - UBASE < um.size;
}

static long fake_strncpy(char *dst, uint32_t src, long max, void *ctx)
{
	long i;

	for (i = 0; i < max; i++) {
		if (src + (uint64_t)i > 0xFFFFFFFFu || !mapped(src + i))
			return -EFAULT;
		dst[i] = (char)um.mem[src + i - UBASE];
		if (dst[i] == '\0')
			return i;
	}
	return max;
}

static int fake_get_ptr(uint32_t *val, uint32_t src, void *ctx)
{
	if (!mapped(src) || !mapped(src + 3))
		return -EFAULT;
	memcpy(val, um.mem + (src - UBASE), 4);
	return 0;
}

static const struct exec_uaccess ua = { fake_strncpy, fake_get_ptr, NULL };

/* Place n bytes in user memory; returns their user address. */
static uint32_t uput(const void *p, uint32_t n)
{
	uint32_t at = um.brk;

	assert_true(at + n <= um.size);
	memcpy(um.mem + at, p, n);
	um.brk += (n + 3) & ~3u;
	return UBASE + at;
}

static uint32_t ustr(const char *s)
{
	return uput(s, strlen(s) + 1);
}

/* A NULL-terminated user vector of the given user string addresses. */
static uint32_t uvec(const uint32_t *ptrs, uint32_t n)
{
	uint32_t at = um.brk, zero = 0, i;

	for (i = 0; i < n; i++)
		uput(&ptrs[i], 4);
	uput(&zero, 4);
	return UBASE + at;
}

/* ---- allocator hook with accounting ---- */

static size_t live_bytes;
static int allocs_left = -1;	/* < 0: unlimited */

static void *t_alloc(size_t n, void *ctx)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	live_bytes += n;
	return malloc(n);
}

static void t_free(void *p, size_t n, void *ctx)
{
	assert_true(live_bytes >= n);
	live_bytes -= n;
	free(p);
}

static const struct exec_alloc al = { t_alloc, t_free, NULL };

static int setup(void **state)
{
	live_bytes = 0;
	allocs_left = -1;
	umem_setup(8 << 20);
	return 0;
}

static int teardown(void **state)
{
	free(um.mem);
	um.mem = NULL;
	assert_int_equal(live_bytes, 0);	/* nothing leaked */
	return 0;
}

/* The i-th string of the list. */
static const char *nth(const struct exec_args *ea, uint32_t i)
{
	const char *s = ea->buf;

	while (i--)
		s += strlen(s) + 1;
	return s;
}

/* ---- tests ---- */

static void test_argv_and_envp_copied_in_order(void **state)
{
	struct exec_args ea;
	uint32_t a[3] = { ustr("ls"), ustr("-l"), ustr("a b") };
	uint32_t e[2] = { ustr("HOME=/"), ustr("") };
	uint32_t va = uvec(a, 3), ve = uvec(e, 2);

	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, va, false, &ua), 0);
	assert_int_equal(exec_args_copy_user(&ea, ve, true, &ua), 0);
	assert_int_equal(ea.argc, 3);
	assert_int_equal(ea.envc, 2);
	assert_string_equal(nth(&ea, 0), "ls");
	assert_string_equal(nth(&ea, 2), "a b");
	assert_string_equal(nth(&ea, 3), "HOME=/");
	assert_string_equal(nth(&ea, 4), "");
	assert_int_equal(ea.len, 3 + 3 + 4 + 7 + 1);
	/* argv after envp is a caller bug */
	assert_int_equal(exec_args_copy_user(&ea, va, false, &ua), -EINVAL);
	exec_args_free(&ea);
}

static void test_null_vectors_are_empty(void **state)
{
	struct exec_args ea;

	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, 0, false, &ua), 0);
	assert_int_equal(exec_args_copy_user(&ea, 0, true, &ua), 0);
	assert_int_equal(ea.argc + ea.envc, 0);
	exec_args_free(&ea);
	exec_args_free(&ea);	/* twice is harmless */
}

static void test_200k_single_argument_is_e2big(void **state)
{
	struct exec_args ea;
	char *big = malloc(200 * 1024 + 1);
	uint32_t p;

	memset(big, 'a', 200 * 1024);
	big[200 * 1024] = '\0';
	p = ustr(big);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(&p, 1), false, &ua),
			 -E2BIG);
	exec_args_free(&ea);
	free(big);
}

static void test_max_arg_strlen_edge(void **state)
{
	struct exec_args ea;
	char *s = malloc(EXEC_ARG_STRLEN_MAX + 1);
	uint32_t fits, over;

	/* EXEC_ARG_STRLEN_MAX bytes with the NUL: allowed */
	memset(s, 'b', EXEC_ARG_STRLEN_MAX);
	s[EXEC_ARG_STRLEN_MAX - 1] = '\0';
	fits = ustr(s);
	/* one more: refused */
	s[EXEC_ARG_STRLEN_MAX - 1] = 'b';
	s[EXEC_ARG_STRLEN_MAX] = '\0';
	over = ustr(s);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(&fits, 1), false, &ua),
			 0);
	assert_int_equal(strlen(nth(&ea, 0)), EXEC_ARG_STRLEN_MAX - 1);
	assert_int_equal(exec_args_copy_user(&ea, uvec(&over, 1), true, &ua),
			 -E2BIG);
	exec_args_free(&ea);
	free(s);
}

static void test_argv_runs_into_unmapped_page(void **state)
{
	struct exec_args ea;
	uint32_t s = ustr("x"), i, va;

	/* fill the last page of the mapping with pointers and no NULL */
	um.brk = um.size - PAGE_SIZE;
	va = UBASE + um.brk;
	for (i = 0; i < PAGE_SIZE / 4; i++)
		uput(&s, 4);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, va, false, &ua), -EFAULT);
	assert_int_equal(ea.argc, PAGE_SIZE / 4);	/* all before it */
	exec_args_free(&ea);
}

static void test_string_runs_into_unmapped_page(void **state)
{
	struct exec_args ea;
	uint32_t p, tail = um.size - 8;

	memset(um.mem + tail, 'z', 8);		/* no NUL before the end */
	p = UBASE + tail;
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(&p, 1), false, &ua),
			 -EFAULT);
	p = 0x1000;				/* never mapped */
	assert_int_equal(exec_args_copy_user(&ea, uvec(&p, 1), false, &ua),
			 -EFAULT);
	assert_int_equal(exec_args_copy_user(&ea, 0xFFFFFFFCu, false, &ua),
			 -EFAULT);
	exec_args_free(&ea);
}

static void test_5000_arguments_work(void **state)
{
	enum { N = 5000 };
	struct exec_args ea;
	static uint32_t ptrs[N];
	char s[32];
	uint32_t i, va;

	for (i = 0; i < N; i++) {
		snprintf(s, sizeof(s), "arg-%u", i);
		ptrs[i] = ustr(s);
	}
	va = uvec(ptrs, N);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, va, false, &ua), 0);
	assert_int_equal(ea.argc, N);
	assert_true(ea.cap > EXEC_ARGS_INIT_CAP);	/* it grew */
	for (i = 0; i < N; i += 499) {
		snprintf(s, sizeof(s), "arg-%u", i);
		assert_string_equal(nth(&ea, i), s);
	}
	assert_string_equal(nth(&ea, N - 1), "arg-4999");
	exec_args_free(&ea);
}

static void test_total_over_limit_is_e2big(void **state)
{
	struct exec_args ea;
	char *s = malloc(100 * 1024 + 1);
	uint32_t ptrs[24], i;

	memset(s, 'c', 100 * 1024);
	s[100 * 1024] = '\0';
	ptrs[0] = ustr(s);
	for (i = 1; i < 24; i++)	/* 24 x 100 KiB > 2 MiB */
		ptrs[i] = ptrs[0];
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(ptrs, 24), false, &ua),
			 -E2BIG);
	assert_true(ea.len + 4 * ea.argc <= EXEC_ARGS_BYTES_MAX);
	assert_int_equal(ea.argc, 20);
	exec_args_free(&ea);
	free(s);
}

static void test_entry_count_limit(void **state)
{
	struct exec_args ea;
	uint32_t empty = ustr(""), i, va = UBASE + um.brk;

	for (i = 0; i < EXEC_ARGC_MAX + 1; i++)
		uput(&empty, 4);
	uput(&(uint32_t){ 0 }, 4);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, va, true, &ua), -E2BIG);
	assert_int_equal(ea.envc, EXEC_ARGC_MAX);
	exec_args_free(&ea);
}

static void test_out_of_memory_while_growing(void **state)
{
	struct exec_args ea;
	char s[3000];
	uint32_t ptrs[2];

	memset(s, 'd', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	ptrs[0] = ptrs[1] = ustr(s);
	allocs_left = 1;		/* the first buffer only */
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(ptrs, 2), false, &ua),
			 -ENOMEM);
	assert_int_equal(ea.argc, 1);
	exec_args_free(&ea);
	allocs_left = 0;
	assert_int_equal(exec_args_init(&ea, &al), -ENOMEM);
	exec_args_free(&ea);
}

static void test_script_rewrites_argv0(void **state)
{
	struct exec_args ea;
	struct exec_script sc;
	static const char line[] = "#!/bin/sh -e\n";
	uint32_t a[2] = { ustr("x"), ustr("a") }, e = ustr("K=v");

	assert_int_equal(exec_script_parse(line, sizeof(line) - 1, &sc), 0);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(a, 2), false, &ua), 0);
	assert_int_equal(exec_args_copy_user(&ea, uvec(&e, 1), true, &ua), 0);
	assert_int_equal(exec_args_script(&ea, &sc, "/tmp/s"), 0);
	assert_int_equal(ea.argc, 4);
	assert_int_equal(ea.envc, 1);
	assert_string_equal(nth(&ea, 0), "/bin/sh");
	assert_string_equal(nth(&ea, 1), "-e");
	assert_string_equal(nth(&ea, 2), "/tmp/s");
	assert_string_equal(nth(&ea, 3), "a");
	assert_string_equal(nth(&ea, 4), "K=v");
	assert_int_equal(ea.len, 8 + 3 + 7 + 2 + 4);
	exec_args_free(&ea);
}

static void test_script_without_arg_and_empty_argv(void **state)
{
	struct exec_args ea;
	struct exec_script sc;
	static const char line[] = "#!/bin/awk\n";

	assert_int_equal(exec_script_parse(line, sizeof(line) - 1, &sc), 0);
	assert_int_equal(exec_args_init(&ea, &al), 0);
	assert_int_equal(exec_args_add(&ea, "E=1", true), 0);
	assert_int_equal(exec_args_add(&ea, "late", false), -EINVAL);
	assert_int_equal(exec_args_script(&ea, &sc, "./p"), 0);
	assert_int_equal(ea.argc, 2);
	assert_string_equal(nth(&ea, 0), "/bin/awk");
	assert_string_equal(nth(&ea, 1), "./p");
	assert_string_equal(nth(&ea, 2), "E=1");
	exec_args_free(&ea);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_argv_and_envp_copied_in_order),
		T(test_null_vectors_are_empty),
		T(test_200k_single_argument_is_e2big),
		T(test_max_arg_strlen_edge),
		T(test_argv_runs_into_unmapped_page),
		T(test_string_runs_into_unmapped_page),
		T(test_5000_arguments_work),
		T(test_total_over_limit_is_e2big),
		T(test_entry_count_limit),
		T(test_out_of_memory_while_growing),
		T(test_script_rewrites_argv0),
		T(test_script_without_arg_and_empty_argv),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
