/*
 * cmdline.h - the kernel command line, parsed.
 *
 * Words (separated by spaces or tabs):
 *   console=serial|vga|both   where printk goes (default both)
 *   init=PATH                 the first user program
 *   ktest=NAME                run a built-in kernel self-test, then halt
 *   quiet                     only warnings and errors on the console
 *   exit_on_halt              report the halt status to QEMU's
 *                             isa-debug-exit port
 * Anything else is an unknown word: reported through a callback, ignored.
 */
#ifndef SLEIGHT_CMDLINE_H
#define SLEIGHT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

enum console_sel {
	CONSOLE_BOTH = 0,
	CONSOLE_SERIAL,
	CONSOLE_VGA,
};

struct kcmdline {
	enum console_sel console;
	char init[128];
	char ktest[32];
	bool quiet;
	bool exit_on_halt;
};

typedef void (*cmdline_unknown_t)(const char *word, size_t len);

int cmdline_parse(struct kcmdline *kc, const char *line,
		  cmdline_unknown_t unknown);

#endif
