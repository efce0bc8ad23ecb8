/*
 * ldisc.h - the line discipline of the console terminal (kernel/dev/
 * ldisc.c, pure: editing, echo, signals, output processing); the tty
 * device on top of it is tty.h.
 *
 * Values are Linux i386 (asm-generic/termbits.h, ioctls.h); struct
 * termios_k is the kernel's struct termios as TCGETS/TCSETS pass it.
 */
#ifndef SLEIGHT_LDISC_H
#define SLEIGHT_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

#define NCCS_K		19

struct termios_k {
	uint32_t c_iflag;
	uint32_t c_oflag;
	uint32_t c_cflag;
	uint32_t c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS_K];
};

struct winsize_k {
	uint16_t ws_row, ws_col;
	uint16_t ws_xpixel, ws_ypixel;
};

/* c_cc indexes */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VWERASE		14
#define VEOL2		16

/* c_iflag */
#define ISTRIP		0000040
#define INLCR		0000100
#define IGNCR		0000200
#define ICRNL		0000400
#define IXON		0002000
/* c_oflag */
#define OPOST		0000001
#define ONLCR		0000004
#define OCRNL		0000010
/* c_cflag */
#define B38400		0000017
#define CS8		0000060
#define CREAD		0000200
#define HUPCL		0002000
/* c_lflag */
#define ISIG		0000001
#define ICANON		0000002
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define ECHONL		0000100
#define NOFLSH		0000200
#define ECHOCTL		0001000
#define ECHOKE		0004000
#define IEXTEN		0100000

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

#endif
