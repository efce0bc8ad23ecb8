/*
 * ktest.h - built-in kernel self-tests, selected by ktest=NAME on the
 * kernel command line (tools/osrun -- NAME). A self-test returns the exit
 * status the machine halts with: 0 for pass.
 *
 * Define one anywhere with
 *	static int my_test(void) { ... }
 *	KTEST(my_name, my_test);
 * The linker gathers them into the .ktests section; no central table.
 */
#ifndef SLEIGHT_KTEST_H
#define SLEIGHT_KTEST_H

struct ktest {
	const char *name;
	int (*fn)(void);
};

#define KTEST(name_, fn_)                                                      \
	static const struct ktest ktest_entry_##name_                          \
		__attribute__((used, section(".ktests"), aligned(4))) = {      \
			.name = #name_, .fn = fn_}

/*
 * KTEST_CHECK(cond) - inside a self-test function: when cond is false,
 * print "FAIL: cond (file:line)" and return 1 from the test.
 */
#define KTEST_CHECK(cond)                                                      \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printk("FAIL: %s (%s:%d)\n", #cond, __FILE__,          \
			       __LINE__);                                      \
			return 1;                                              \
		}                                                              \
	} while (0)

/* Run the named self-test; returns its status, or 127 if none has that
 * name. */
int ktest_run(const char *name);

#endif
