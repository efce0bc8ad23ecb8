/*
 * ldisc.h - the line discipline of the console terminal (kernel/dev/
 * ldisc.c, pure: editing, echo, signals, output processing); the tty
 * device on top of it is tty.h.
 *
 * struct termios_k and the mode bits are uapi/termios.h.
 */
#ifndef SLEIGHT_LDISC_H
#define SLEIGHT_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

#include "uapi/termios.h"

/* Where a line discipline's output and signals go. */
struct ldisc_ops {
	void (*out)(void *ctx, const char *s, size_t n); /* to the screen */
	void (*signal)(void *ctx, int sig); /* to the foreground group */
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

#endif
