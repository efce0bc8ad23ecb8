/*
 * kernel/ktest.c - find and run a built-in self-test by name.
 *
 * Owns nothing: the tests live in the .ktests section, bounded by
 * __ktests_start and __ktests_end from linker.ld.
 */
#include "kernel.h"
#include "ktest.h"

extern const struct ktest __ktests_start[], __ktests_end[];

int ktest_run(const char *name)
{
	for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
		if (strcmp(t->name, name) == 0) {
			int status;

			printk("ktest: %s: start\n", name);
			status = t->fn();
			printk("ktest: %s: %s (status %d)\n", name,
			       status ? "FAIL" : "PASS", status);
			return status;
		}
	}
	printk("ktest: no self-test named '%s'\n", name);
	return 127;
}

static int hello(void)
{
	printk("hello from the kernel\n");
	return 0;
}
KTEST(hello, hello);
