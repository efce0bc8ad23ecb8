/*
 * Host tests for kernel/proc/plan.c: the one rule that decides, from the
 * clone flags, which parts of a task (fd table, fs, sighand, signal, mm)
 * a new task shares and which it copies, and which flag sets are
 * -EINVAL (clone(2) ERRORS; Linux kernel/fork.c copy_process).
 *
 * Bug: fork, vfork and clone each kept their own hand-written list of
 * what to copy, the lists disagreed (a vfork child phase inherited the
 * parent's alarm), and glibc's fork flags and pthread_create's set got
 * EINVAL from a check that knew only two shapes of clone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h"
#include "fork.h"

#define SIGCHLD_NR 17

/* The sets the C libraries pass (musl src/process, src/thread; glibc
 * sysdeps/unix/sysv/linux). */
#define FORK_FLAGS SIGCHLD_NR
#define VFORK_FLAGS (CLONE_VM | CLONE_VFORK | SIGCHLD_NR)
#define GLIBC_FORK_FLAGS                                                       \
	(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD_NR)
#define PTHREAD_FLAGS                                                          \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |    \
	 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |                  \
	 CLONE_CHILD_CLEARTID)

static struct proc_plan make(uint32_t flags, int want_err)
{
	struct proc_plan p;

	assert_int_equal(proc_plan_make(PLAN_CLONE, flags, &p), want_err);
	return p;
}

static void assert_parts(const struct proc_plan *p, int files, int fs,
			 int sighand, int signal, int vm)
{
	assert_int_equal(p->how[PART_FILES], files);
	assert_int_equal(p->how[PART_FS], fs);
	assert_int_equal(p->how[PART_SIGHAND], sighand);
	assert_int_equal(p->how[PART_SIGNAL], signal);
	assert_int_equal(p->how[PART_VM], vm);
}

/* fork(2): every part copied, the memory copy-on-write; SIGCHLD. */
static void test_fork_copies_every_part(void **state)
{
	struct proc_plan p = make(FORK_FLAGS, 0);

	assert_parts(&p, PART_COPY, PART_COPY, PART_COPY, PART_COPY,
		     PART_COPY);
	assert_false(p.child_phase);
	assert_false(p.thread);
	assert_false(p.same_parent);
	assert_int_equal(p.exit_signal, SIGCHLD_NR);
	assert_int_equal(p.tid_flags, 0);
}

/* Bug: a vfork child phase shared the parent's alarm and descriptors.
 * vfork and posix_spawn's clone: everything copied but the memory,
 * which is borrowed; a child phase. */
static void test_vfork_borrows_only_memory(void **state)
{
	struct proc_plan p = make(VFORK_FLAGS, 0);

	assert_parts(&p, PART_COPY, PART_COPY, PART_COPY, PART_COPY,
		     PART_SHARE);
	assert_true(p.child_phase);
	assert_false(p.thread);
	assert_int_equal(p.exit_signal, SIGCHLD_NR);
}

/* Bug: glibc's fork, clone(CHILD_SETTID|CHILD_CLEARTID|SIGCHLD), got
 * EINVAL, so every static glibc program died at its first fork. */
static void test_glibc_fork_is_a_fork_with_tid_flags(void **state)
{
	struct proc_plan p = make(GLIBC_FORK_FLAGS, 0);

	assert_parts(&p, PART_COPY, PART_COPY, PART_COPY, PART_COPY,
		     PART_COPY);
	assert_false(p.child_phase);
	assert_int_equal(p.exit_signal, SIGCHLD_NR);
	assert_int_equal(p.tid_flags,
			 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID);
}

/* Bug: musl's and glibc's pthread_create got EINVAL. A thread shares
 * every part, joins the caller's group and sends no exit signal. */
static void test_pthread_create_shares_every_part(void **state)
{
	const uint32_t sets[] = {PTHREAD_FLAGS,
				 PTHREAD_FLAGS | CLONE_DETACHED};

	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		struct proc_plan p = make(sets[i], 0);

		assert_parts(&p, PART_SHARE, PART_SHARE, PART_SHARE,
			     PART_SHARE, PART_SHARE);
		assert_true(p.thread);
		assert_true(p.same_parent);
		assert_false(p.child_phase);
		assert_int_equal(p.exit_signal, 0);
		assert_int_equal(p.tid_flags,
				 CLONE_SETTLS | CLONE_PARENT_SETTID |
					 CLONE_CHILD_CLEARTID);
	}
}

/* clone(2) ERRORS: the combinations Linux refuses, and what Sleight
 * has no support for (namespaces, pidfds, an exit signal above 64). */
static void test_invalid_combinations_are_einval(void **state)
{
	const uint32_t bad[] = {
		CLONE_SIGHAND,
		CLONE_SIGHAND | CLONE_FILES | SIGCHLD_NR,
		CLONE_THREAD | CLONE_VM,
		CLONE_THREAD,
		PTHREAD_FLAGS & ~CLONE_SIGHAND,
		PTHREAD_FLAGS & ~CLONE_VM,
		CLONE_FS | CLONE_NEWNS,
		CLONE_FS | CLONE_NEWUSER,
		CLONE_NEWNS,
		CLONE_NEWPID | SIGCHLD_NR,
		CLONE_NEWNET,
		CLONE_PIDFD | SIGCHLD_NR,
		65,
		0xff,
	};
	struct proc_plan p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(proc_plan_make(PLAN_CLONE, bad[i], &p),
				 -EINVAL);
}

/* Linux's rule, stated the other way round: which flag needs which. */
static int oracle(uint32_t f)
{
	static const struct {
		uint32_t flag, needs, excludes;
	} rules[] = {
		{CLONE_SIGHAND, CLONE_VM, 0},
		{CLONE_THREAD, CLONE_SIGHAND, 0},
		{CLONE_FS, 0, CLONE_NEWNS},
		{CLONE_FS, 0, CLONE_NEWUSER},
	};

	if (f & (CLONE_NEWNS | CLONE_NEWUSER))
		return -EINVAL; /* no namespaces */
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (!(f & rules[i].flag))
			continue;
		if ((rules[i].needs & ~f) || (rules[i].excludes & f))
			return -EINVAL;
	}
	return 0;
}

/* Every combination of the flags that matter to the rule: the result
 * is the oracle's, and a valid plan shares exactly what its flags name. */
static void test_rule_table_exhaustive(void **state)
{
	const uint32_t bits[] = {
		CLONE_VM,	     CLONE_FS,		  CLONE_FILES,
		CLONE_SIGHAND,	     CLONE_THREAD,	  CLONE_VFORK,
		CLONE_PARENT,	     CLONE_NEWNS,	  CLONE_NEWUSER,
		CLONE_SYSVSEM,	     CLONE_SETTLS,	  CLONE_PARENT_SETTID,
		CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID, CLONE_DETACHED,
	};
	const int n = sizeof(bits) / sizeof(bits[0]);
	int valid = 0;

	for (uint32_t m = 0; m < (1u << n); m++) {
		uint32_t f = SIGCHLD_NR;
		struct proc_plan p;
		int err;

		for (int b = 0; b < n; b++)
			if (m & (1u << b))
				f |= bits[b];
		err = proc_plan_make(PLAN_CLONE, f, &p);
		assert_int_equal(err, oracle(f));
		if (err)
			continue;
		valid++;
		assert_int_equal(p.how[PART_FILES] == PART_SHARE,
				 !!(f & CLONE_FILES));
		assert_int_equal(p.how[PART_FS] == PART_SHARE,
				 !!(f & CLONE_FS));
		assert_int_equal(p.how[PART_SIGHAND] == PART_SHARE,
				 !!(f & CLONE_SIGHAND));
		assert_int_equal(p.how[PART_SIGNAL] == PART_SHARE,
				 !!(f & CLONE_THREAD));
		assert_int_equal(p.how[PART_VM] == PART_SHARE,
				 !!(f & CLONE_VM));
		for (int i = 0; i < PART_COUNT; i++)
			assert_true(p.how[i] == PART_SHARE ||
				    p.how[i] == PART_COPY);
		assert_int_equal(p.child_phase,
				 (f & (CLONE_VM | CLONE_VFORK)) ==
					 (CLONE_VM | CLONE_VFORK));
		assert_int_equal(p.exit_signal,
				 (f & CLONE_THREAD) ? 0 : SIGCHLD_NR);
		assert_int_equal(p.same_parent,
				 !!(f & (CLONE_PARENT | CLONE_THREAD)));
		/* one thread group may share every part */
		if (f & CLONE_THREAD)
			assert_int_equal(p.how[PART_VM], PART_SHARE);
	}
	assert_true(valid > 0 && valid < (1 << n));
}

/* execve(2): an fd table and dispositions of its own (if shared), the
 * caught handlers reset; fs and the group's state kept; new memory. */
static void test_exec_unshares_files_and_sighand(void **state)
{
	struct proc_plan p;

	assert_int_equal(proc_plan_make(PLAN_EXEC, 0, &p), 0);
	assert_parts(&p, PART_UNSHARE, PART_KEEP, PART_UNSHARE, PART_KEEP,
		     PART_NEW);
	assert_true(p.exec_reset);
	assert_false(p.child_phase);
}

/* pid 1 starts from nothing: every part new. */
static void test_init_gets_new_parts(void **state)
{
	struct proc_plan p;

	assert_int_equal(proc_plan_make(PLAN_INIT, 0, &p), 0);
	assert_parts(&p, PART_NEW, PART_NEW, PART_NEW, PART_NEW, PART_NEW);
	assert_false(p.exec_reset);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fork_copies_every_part),
		cmocka_unit_test(test_vfork_borrows_only_memory),
		cmocka_unit_test(test_glibc_fork_is_a_fork_with_tid_flags),
		cmocka_unit_test(test_pthread_create_shares_every_part),
		cmocka_unit_test(test_invalid_combinations_are_einval),
		cmocka_unit_test(test_rule_table_exhaustive),
		cmocka_unit_test(test_exec_unshares_files_and_sighand),
		cmocka_unit_test(test_init_gets_new_parts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
