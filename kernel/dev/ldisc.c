/*
 * kernel/dev/ldisc.c - the terminal line discipline: what happens to a
 * typed byte (input mapping, ISIG signals, canonical-mode editing with
 * erase, kill, word erase and end-of-file, echo) and to written bytes
 * (output processing). Source: termios(3), Linux drivers/tty/n_tty.c
 * behaviour (not its code).
 *
 * Owns the struct ldisc it is given. Pure code: no locking, no sleeping;
 * output and signals leave through ld->ops. The tty driver serialises
 * calls (interrupts off). Host-tested by tests/unit/test_ldisc.c.
 * Invariants: see struct ldisc in ldisc.h.
 */
#include "kernel.h"
#include "ldisc.h"
#include "uapi/signal.h"

/* Linux INIT_C_CC: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W
 * ^V. */
static const uint8_t default_cc[NCCS] = {
	3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0,
};

void ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops)
{
	memset(ld, 0, sizeof(*ld));
	ld->t.c_iflag = ICRNL | IXON;
	ld->t.c_oflag = OPOST | ONLCR;
	ld->t.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	ld->t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
			ECHOKE | IEXTEN;
	memcpy(ld->t.c_cc, default_cc, NCCS);
	ld->ops = *ops;
}

static bool canon(const struct ldisc *ld)
{
	return ld->t.c_lflag & ICANON;
}

void ldisc_set_termios(struct ldisc *ld, const struct termios_k *t)
{
	ld->t = *t;
	if (!canon(ld)) {
		for (uint32_t i = ld->committed; i < ld->len; i++)
			ld->kind[i] = LD_DATA;
		ld->committed = ld->len;
	}
}

void ldisc_output(struct ldisc *ld, const void *src, size_t n)
{
	const char *s = src;
	bool nl = (ld->t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
	bool cr = (ld->t.c_oflag & (OPOST | OCRNL)) == (OPOST | OCRNL);
	size_t start = 0;

	if (!nl && !cr) {
		ld->ops.out(ld->ops.ctx, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(nl && s[i] == '\n') && !(cr && s[i] == '\r'))
			continue;
		ld->ops.out(ld->ops.ctx, s + start, i - start);
		if (s[i] == '\n')
			ld->ops.out(ld->ops.ctx, "\r\n", 2);
		else
			ld->ops.out(ld->ops.ctx, "\n", 1);
		start = i + 1;
	}
	ld->ops.out(ld->ops.ctx, s + start, n - start);
}

/* Is c shown as ^X when echoed? */
static bool ctl_echo(const struct ldisc *ld, uint8_t c)
{
	return (ld->t.c_lflag & ECHOCTL) && (c < 0x20 || c == 0x7f) &&
	       c != '\t' && c != '\n';
}

static void echo(struct ldisc *ld, uint8_t c)
{
	char s[2] = {'^', (char)(c ^ 0x40)};

	if (!(ld->t.c_lflag & ECHO))
		return;
	if (ctl_echo(ld, c))
		ldisc_output(ld, s, 2);
	else
		ldisc_output(ld, &c, 1);
}

/* Remove the last uncommitted byte, rubbing it out on the screen. */
static bool erase_one(struct ldisc *ld)
{
	uint8_t c;
	int cols;

	if (ld->len == ld->committed)
		return false;
	c = ld->buf[--ld->len];
	if ((ld->t.c_lflag & (ECHO | ECHOE)) == (ECHO | ECHOE)) {
		cols = ctl_echo(ld, c) ? 2 : 1;
		while (cols--)
			ldisc_output(ld, "\b \b", 3);
	}
	return true;
}

static bool is_space(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* ^W: blanks before the cursor, then the word before them. */
static void erase_word(struct ldisc *ld)
{
	while (ld->len > ld->committed && is_space(ld->buf[ld->len - 1]))
		erase_one(ld);
	while (ld->len > ld->committed && !is_space(ld->buf[ld->len - 1]))
		erase_one(ld);
}

static void kill_line(struct ldisc *ld)
{
	if (ld->t.c_lflag & ECHOKE) {
		while (erase_one(ld))
			;
		return;
	}
	ld->len = ld->committed;
	if ((ld->t.c_lflag & (ECHO | ECHOK)) == (ECHO | ECHOK)) {
		echo(ld, ld->t.c_cc[VKILL]);
		ldisc_output(ld, "\n", 1);
	}
}

/* Append c of the given kind; canonical mode keeps one byte free for
 * the line end. Returns false (byte dropped) when full. */
static bool put(struct ldisc *ld, uint8_t c, int kind)
{
	uint32_t room = TTY_BUF_SIZE - ld->len;

	if (room == 0 || (canon(ld) && kind == LD_DATA && room == 1))
		return false;
	ld->buf[ld->len] = c;
	ld->kind[ld->len++] = kind;
	if (kind != LD_DATA || !canon(ld))
		ld->committed = ld->len;
	return true;
}

/* ISIG characters: flush, echo, signal. Returns true if c was one. */
static bool isig(struct ldisc *ld, uint8_t c)
{
	static const struct {
		int cc, sig;
	} map[] = {{VINTR, SIGINT}, {VQUIT, SIGQUIT}, {VSUSP, SIGTSTP}};

	if (!(ld->t.c_lflag & ISIG))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
		if (!ld->t.c_cc[map[i].cc] || c != ld->t.c_cc[map[i].cc])
			continue;
		if (!(ld->t.c_lflag & NOFLSH))
			ldisc_flush_input(ld);
		echo(ld, c);
		ld->ops.signal(ld->ops.ctx, map[i].sig);
		return true;
	}
	return false;
}

/* Canonical-mode editing characters. Returns true if c was one. */
static bool edit(struct ldisc *ld, uint8_t c)
{
	const uint8_t *cc = ld->t.c_cc;

	if ((cc[VERASE] && c == cc[VERASE]) || c == '\b') {
		erase_one(ld);
	} else if (cc[VKILL] && c == cc[VKILL]) {
		kill_line(ld);
	} else if ((ld->t.c_lflag & IEXTEN) && cc[VWERASE] &&
		   c == cc[VWERASE]) {
		erase_word(ld);
	} else if (cc[VEOF] && c == cc[VEOF]) {
		put(ld, c, LD_EOF);
	} else if (c == '\n' || (cc[VEOL] && c == cc[VEOL]) ||
		   (cc[VEOL2] && c == cc[VEOL2])) {
		if (put(ld, c, LD_EOL) && (ld->t.c_lflag & (ECHO | ECHONL)))
			ldisc_output(ld, "\n", 1);
	} else {
		return false;
	}
	return true;
}

void ldisc_input(struct ldisc *ld, uint8_t c)
{
	uint32_t ifl = ld->t.c_iflag;

	if (ifl & ISTRIP)
		c &= 0x7f;
	if (c == '\r') {
		if (ifl & IGNCR)
			return;
		if (ifl & ICRNL)
			c = '\n';
	} else if (c == '\n' && (ifl & INLCR)) {
		c = '\r';
	}
	if (isig(ld, c))
		return;
	if ((ifl & IXON) && (c == ld->t.c_cc[VSTART] || c == ld->t.c_cc[VSTOP]))
		return; /* flow control: swallowed */
	if (canon(ld) && edit(ld, c))
		return;
	if (put(ld, c, LD_DATA))
		echo(ld, c);
}

bool ldisc_readable(const struct ldisc *ld)
{
	return ld->committed > 0;
}

uint32_t ldisc_avail(const struct ldisc *ld)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ld->committed; i++)
		n += ld->kind[i] != LD_EOF;
	return n;
}

size_t ldisc_read(struct ldisc *ld, uint8_t *dst, size_t n)
{
	size_t got = 0;
	uint32_t i = 0;

	while (i < ld->committed && got < n) {
		int kind = ld->kind[i];

		if (kind == LD_EOF) {
			i++;
			break;
		}
		dst[got++] = ld->buf[i++];
		if (kind == LD_EOL && canon(ld))
			break;
	}
	memmove(ld->buf, ld->buf + i, ld->len - i);
	memmove(ld->kind, ld->kind + i, ld->len - i);
	ld->len -= i;
	ld->committed -= i;
	return got;
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->len = 0;
	ld->committed = 0;
}
