/*
 * tty.h - the console terminal: the line discipline (kernel/dev/ldisc.c,
 * pure: editing, echo, signals, output processing) and the tty device on
 * top of it (kernel/dev/tty.c: /dev/console and /dev/tty), plus the
 * /dev/kstat counters device (kernel/dev/kstat.c).
 *
 * Values are Linux i386 (asm-generic/termbits.h, ioctls.h); struct
 * termios_k is the kernel's struct termios as TCGETS/TCSETS pass it.
 */
#ifndef SLEIGHT_TTY_H
#define SLEIGHT_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

#include "uapi/termios.h"

/* Where a line discipline's output and signals go. */
struct ldisc_ops {
	void (*out)(void *ctx, const char *s, size_t n);  /* to the screen */
	void (*signal)(void *ctx, int sig);	/* to the foreground group */
	void *ctx;
};

/* Kinds of buffered input bytes. */
enum { LD_DATA = 0, LD_EOL = 1, LD_EOF = 2 };

/*
 * A line discipline: typed input in buf[0..len), of which [0..committed)
 * may be read (canonical mode: complete lines; raw mode: everything).
 * kind[i] marks line ends (LD_EOL, a byte that is read) and end-of-file
 * marks (LD_EOF, a ^D that is never read but ends a read).
 * Invariant: committed <= len <= TTY_BUF_SIZE; in raw mode
 * committed == len.
 */
struct ldisc {
	struct termios_k t;
	uint8_t buf[TTY_BUF_SIZE];
	uint8_t kind[TTY_BUF_SIZE];
	uint32_t len;
	uint32_t committed;
	struct ldisc_ops ops;
};

/* ldisc_init - empty, with Linux's default termios (tty_std_termios). */
void ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops);
/* ldisc_set_termios - TCSETS: leaving canonical mode makes the partial
 * line readable. */
void ldisc_set_termios(struct ldisc *ld, const struct termios_k *t);
/* ldisc_input - one typed byte: input mapping, signals, editing, echo. */
void ldisc_input(struct ldisc *ld, uint8_t c);
/* Can a read return now (data or an end-of-file mark)? */
bool ldisc_readable(const struct ldisc *ld);
/* Bytes a read could return now (FIONREAD). */
uint32_t ldisc_avail(const struct ldisc *ld);
/*
 * ldisc_read - take up to n bytes: in canonical mode at most one line
 * (ending at its newline, or at a ^D mark which is consumed and not
 * copied). Returns bytes copied; 0 with a readable ldisc means EOF.
 */
size_t ldisc_read(struct ldisc *ld, uint8_t *dst, size_t n);
/* ldisc_flush_input - drop all typed input (TCFLSH, signals). */
void ldisc_flush_input(struct ldisc *ld);
/* ldisc_output - write n bytes to ops->out with output processing
 * (OPOST: ONLCR "\n" -> "\r\n", OCRNL "\r" -> "\n"). */
void ldisc_output(struct ldisc *ld, const void *src, size_t n);

/* tty_init - register /dev/console and /dev/tty (devfs must exist) and
 * start pumping console input into the line discipline every tick.
 * 0 or a devfs_register/timer_add_hook error. */
int tty_init(void);

struct session_ids;
/* tty_make_controlling - see kernel/dev/tty.c. */
void tty_make_controlling(struct session_ids *s, int pgid);

/* kstat_dev_init - register /dev/kstat and /dev/ps. 0 or a devfs error. */
int kstat_dev_init(void);

#endif
