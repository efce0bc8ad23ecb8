/*
 * Host tests for kernel/proc/ustack.c: the initial user stack image.
 *
 * Bug class: a stack image with a wrong pointer, a missing NULL, an
 * auxv entry the C library cannot find, or a misaligned %esp makes every
 * program crash in its start code; one that writes outside its window
 * corrupts the pages around the stack. Each test builds an image into a
 * window with guard bytes around it, then walks it back the way a C
 * library's _start does: argc, argv[], NULL, envp[], NULL, auxv pairs.
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

#define TOP	0xBFFFF000u	/* user address just above the stack */
#define GUARD	64		/* bytes checked on each side of the window */

static const uint8_t rnd[USTACK_RANDOM_BYTES] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static void *t_alloc(size_t n, void *ctx)
{
	return malloc(n);
}

static void t_free(void *p, size_t n, void *ctx)
{
	free(p);
}

static const struct exec_alloc al = { t_alloc, t_free, NULL };

struct win {
	uint8_t *mem;		/* GUARD + len + GUARD bytes */
	uint32_t len;
	uint32_t top;
};

static void win_init(struct win *w, uint32_t len, uint32_t top)
{
	w->mem = malloc(len + 2 * GUARD);
	assert_non_null(w->mem);
	memset(w->mem, 0xA5, len + 2 * GUARD);
	w->len = len;
	w->top = top;
}

static void win_check_guards(const struct win *w)
{
	uint32_t i;

	for (i = 0; i < GUARD; i++) {
		assert_int_equal(w->mem[i], 0xA5);
		assert_int_equal(w->mem[GUARD + w->len + i], 0xA5);
	}
}

/* Host pointer for user address a, which must be inside the window. */
static const uint8_t *at(const struct win *w, uint32_t a)
{
	assert_true(a >= w->top - w->len && a < w->top);
	return w->mem + GUARD + (a - (w->top - w->len));
}

static uint32_t word(const struct win *w, uint32_t a)
{
	uint32_t v;

	memcpy(&v, at(w, a), 4);
	return v;
}

static const char *ustr(const struct win *w, uint32_t a)
{
	const char *s = (const char *)at(w, a);

	at(w, a + strlen(s));	/* the NUL is inside the window too */
	return s;
}

static struct elf_plan plan = {
	.type = ET_EXEC, .entry = 0x08049046, .phdr = 0x08048034,
	.phent = 32, .phnum = 7,
};

static void make_args(struct exec_args *ea, const char *const *argv,
		      const char *const *envp)
{
	assert_int_equal(exec_args_init(ea, &al), 0);
	for (; *argv; argv++)
		assert_int_equal(exec_args_add(ea, *argv, false), 0);
	for (; *envp; envp++)
		assert_int_equal(exec_args_add(ea, *envp, true), 0);
}

static struct ustack_info info(const struct exec_args *ea)
{
	struct ustack_info in = {
		.args = ea, .execfn = "/bin/prog", .random = rnd,
		.plan = &plan, .uid = 1000, .euid = 1001, .gid = 100,
		.egid = 101, .hwcap = 0x178bfbff, .secure = false,
	};
	return in;
}

static int build(const struct ustack_info *in, struct win *w, uint32_t *sp)
{
	return ustack_build(in, w->mem + GUARD, w->len, w->top, sp);
}

/* Looks up an auxv type in the vector starting at user address a. */
static bool auxv_get(const struct win *w, uint32_t a, uint32_t type,
		     uint32_t *val)
{
	for (;; a += 8) {
		uint32_t t = word(w, a);

		if (t == type) {
			*val = word(w, a + 4);
			return true;
		}
		if (t == AT_NULL)
			return false;
	}
}

static void test_image_parses_back(void **state)
{
	static const char *const argv[] = { "prog", "a b", "", NULL };
	static const char *const envp[] = { "PATH=/bin", "HOME=/", NULL };
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	uint32_t sp, a, v, i;

	make_args(&ea, argv, envp);
	in = info(&ea);
	win_init(&w, 2 * PAGE_SIZE, TOP);
	assert_int_equal(build(&in, &w, &sp), 0);
	win_check_guards(&w);

	assert_int_equal(sp % 16, 0);
	assert_int_equal(word(&w, sp), 3);
	for (i = 0; i < 3; i++) {
		v = word(&w, sp + 4 + 4 * i);
		assert_true(v > sp);	/* strings lie above the vectors */
		assert_string_equal(ustr(&w, v), argv[i]);
	}
	assert_int_equal(word(&w, sp + 16), 0);
	for (i = 0; i < 2; i++)
		assert_string_equal(ustr(&w, word(&w, sp + 20 + 4 * i)),
				    envp[i]);
	assert_int_equal(word(&w, sp + 28), 0);
	a = sp + 32;	/* auxv */

	assert_true(auxv_get(&w, a, AT_PHDR, &v));
	assert_int_equal(v, plan.phdr);
	assert_true(auxv_get(&w, a, AT_PHENT, &v));
	assert_int_equal(v, 32);
	assert_true(auxv_get(&w, a, AT_PHNUM, &v));
	assert_int_equal(v, plan.phnum);
	assert_true(auxv_get(&w, a, AT_PAGESZ, &v));
	assert_int_equal(v, PAGE_SIZE);
	assert_true(auxv_get(&w, a, AT_ENTRY, &v));
	assert_int_equal(v, plan.entry);
	assert_true(auxv_get(&w, a, AT_BASE, &v));
	assert_int_equal(v, 0);
	assert_true(auxv_get(&w, a, AT_FLAGS, &v));
	assert_int_equal(v, 0);
	assert_true(auxv_get(&w, a, AT_UID, &v));
	assert_int_equal(v, 1000);
	assert_true(auxv_get(&w, a, AT_EUID, &v));
	assert_int_equal(v, 1001);
	assert_true(auxv_get(&w, a, AT_GID, &v));
	assert_int_equal(v, 100);
	assert_true(auxv_get(&w, a, AT_EGID, &v));
	assert_int_equal(v, 101);
	assert_true(auxv_get(&w, a, AT_SECURE, &v));
	assert_int_equal(v, 0);
	assert_true(auxv_get(&w, a, AT_HWCAP, &v));
	assert_int_equal(v, 0x178bfbff);
	assert_true(auxv_get(&w, a, AT_RANDOM, &v));
	assert_memory_equal(at(&w, v + 15) - 15, rnd, sizeof(rnd));
	assert_true(auxv_get(&w, a, AT_EXECFN, &v));
	assert_string_equal(ustr(&w, v), "/bin/prog");
	assert_false(auxv_get(&w, a, 99, &v));	/* ends with AT_NULL */

	/* the topmost word is the zero end marker */
	assert_int_equal(word(&w, TOP - 4), 0);
	exec_args_free(&ea);
	free(w.mem);
}

static void test_empty_argv_envp_and_secure(void **state)
{
	static const char *const none[] = { NULL };
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	uint32_t sp, v;

	make_args(&ea, none, none);
	in = info(&ea);
	in.secure = true;
	win_init(&w, PAGE_SIZE, TOP);
	assert_int_equal(build(&in, &w, &sp), 0);
	win_check_guards(&w);
	assert_int_equal(sp % 16, 0);
	assert_int_equal(word(&w, sp), 0);
	assert_int_equal(word(&w, sp + 4), 0);
	assert_int_equal(word(&w, sp + 8), 0);
	assert_true(auxv_get(&w, sp + 12, AT_SECURE, &v));
	assert_int_equal(v, 1);
	exec_args_free(&ea);
	free(w.mem);
}

/*
 * The alignment must hold for every string length, not just the one a
 * test happens to pick: vary the execfn length through a full period.
 */
static void test_esp_aligned_for_all_lengths(void **state)
{
	static const char *const argv[] = { "x", NULL };
	static const char *const none[] = { NULL };
	char fn[40];
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	uint32_t sp, n, prev = 0;

	make_args(&ea, argv, none);
	win_init(&w, PAGE_SIZE, TOP);
	for (n = 1; n < 34; n++) {
		memset(fn, 'f', n);
		fn[n] = '\0';
		in = info(&ea);
		in.execfn = fn;
		assert_int_equal(build(&in, &w, &sp), 0);
		assert_int_equal(sp % 16, 0);
		assert_string_equal(ustr(&w, word(&w, sp + 4)), "x");
		if (prev)
			assert_true(sp <= prev);	/* grows downward */
		prev = sp;
	}
	win_check_guards(&w);
	exec_args_free(&ea);
	free(w.mem);
}

static void test_too_big_is_e2big_and_exact_fit_works(void **state)
{
	static const char *const argv[] = { "prog", "hello", NULL };
	static const char *const envp[] = { "A=1", NULL };
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	uint32_t sp, need;

	make_args(&ea, argv, envp);
	in = info(&ea);
	win_init(&w, PAGE_SIZE, TOP);
	assert_int_equal(build(&in, &w, &sp), 0);
	need = TOP - sp;
	free(w.mem);

	win_init(&w, need, TOP);
	assert_int_equal(build(&in, &w, &sp), 0);
	assert_int_equal(TOP - sp, need);
	win_check_guards(&w);
	free(w.mem);

	win_init(&w, need - 1, TOP);
	assert_int_equal(build(&in, &w, &sp), -E2BIG);
	win_check_guards(&w);
	free(w.mem);
	exec_args_free(&ea);
}

static void test_big_args_do_not_fit_small_stack(void **state)
{
	static const char *const none[] = { NULL };
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	char *s = malloc(100000);
	uint32_t sp, i;

	memset(s, 's', 99999);
	s[99999] = '\0';
	make_args(&ea, none, none);
	for (i = 0; i < 3; i++)
		assert_int_equal(exec_args_add(&ea, s, false), 0);
	in = info(&ea);
	win_init(&w, 64 * 1024, TOP);
	assert_int_equal(build(&in, &w, &sp), -E2BIG);
	win_check_guards(&w);
	free(w.mem);
	win_init(&w, 512 * 1024, TOP);
	assert_int_equal(build(&in, &w, &sp), 0);
	assert_int_equal(word(&w, sp), 3);
	assert_int_equal(strlen(ustr(&w, word(&w, sp + 12))), 99999);
	free(w.mem);
	free(s);
	exec_args_free(&ea);
}

static void test_bad_top(void **state)
{
	static const char *const none[] = { NULL };
	struct exec_args ea;
	struct ustack_info in;
	struct win w;
	uint32_t sp;

	make_args(&ea, none, none);
	in = info(&ea);
	win_init(&w, PAGE_SIZE, TOP + 4);	/* misaligned */
	assert_int_equal(build(&in, &w, &sp), -EINVAL);
	w.top = PAGE_SIZE / 2;			/* window below 0 */
	assert_int_equal(build(&in, &w, &sp), -EINVAL);
	w.top = 0x40;				/* stack wraps below 0 */
	w.len = 0x40;
	assert_int_equal(build(&in, &w, &sp), -E2BIG);
	free(w.mem);
	exec_args_free(&ea);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_image_parses_back),
		cmocka_unit_test(test_empty_argv_envp_and_secure),
		cmocka_unit_test(test_esp_aligned_for_all_lengths),
		cmocka_unit_test(test_too_big_is_e2big_and_exact_fit_works),
		cmocka_unit_test(test_big_args_do_not_fit_small_stack),
		cmocka_unit_test(test_bad_top),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
