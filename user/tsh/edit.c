/*
 * edit.c - the interactive line editor of tsh.
 *
 * While a line is being edited the terminal is in raw mode (no ICANON,
 * ECHO, ISIG, IEXTEN, ICRNL, IXON; VMIN 1): every key arrives as typed
 * and the editor echoes and redraws through ANSI escapes on stderr.
 * The modes saved on entry are put back before edit_line returns, so a
 * command always starts with the terminal as the user had it, and on
 * exit (edit_restore). Keys: printable characters insert; Backspace and
 * ^H delete left; ^D deletes right or, on an empty line, is end of
 * input; ^U kills to the start, ^W the word before the cursor; ^A/^E and
 * Home/End move to the ends; left/right arrows move; up/down walk the
 * history; ^C abandons the line (status 130). Without termios (tcgetattr
 * fails) the line is read as the terminal driver delivers it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tsh.h"

#define HIST_MAX	100
#define LINE_MAX_BYTES	4096

static struct termios saved;
static int raw_on;
static char *hist[HIST_MAX];
static int nhist;

void edit_restore(void)
{
	if (raw_on) {
		tcsetattr(0, TCSADRAIN, &saved);
		raw_on = 0;
	}
}

static int enable_raw(void)
{
	struct termios t;

	if (tcgetattr(0, &saved) < 0)
		return -1;
	t = saved;
	t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	t.c_iflag &= ~(ICRNL | INLCR | IXON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSADRAIN, &t) < 0)
		return -1;
	raw_on = 1;
	return 0;
}

void edit_history_add(const char *line)
{
	size_t n = strlen(line);

	if (nhist && !strncmp(hist[nhist - 1], line, n - 1) &&
	    hist[nhist - 1][n - 1] == '\0')
		return;
	if (nhist == HIST_MAX) {
		free(hist[0]);
		memmove(hist, hist + 1, (HIST_MAX - 1) * sizeof(char *));
		nhist--;
	}
	hist[nhist++] = xstrndup(line, n && line[n - 1] == '\n' ? n - 1 : n);
}

static void out(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(2, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= w;
	}
}

static void redraw(const char *prompt, const char *buf, int len, int cur)
{
	char tail[16];

	out("\r", 1);
	out(prompt, strlen(prompt));
	out(buf, len);
	out("\x1b[K", 3);
	if (cur < len) {
		snprintf(tail, sizeof(tail), "\x1b[%dD", len - cur);
		out(tail, strlen(tail));
	}
}

static int get_key(void)
{
	unsigned char c;

	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/* Cooked fallback: the driver already edits and echoes. */
static char *read_cooked(void)
{
	struct sbuf b = { 0 };
	int c;

	while ((c = get_key()) >= 0) {
		sb_putc(&b, c);
		if (c == '\n')
			return sb_done(&b);
	}
	if (b.len)
		return sb_putc(&b, '\n'), sb_done(&b);
	free(b.s);
	return NULL;
}

static void set_line(char *buf, int *len, int *cur, const char *s)
{
	*len = snprintf(buf, LINE_MAX_BYTES, "%s", s ? s : "");
	if (*len >= LINE_MAX_BYTES)
		*len = LINE_MAX_BYTES - 1;
	*cur = *len;
}

/* Escape sequences: ESC [ A/B/C/D/H/F, ESC [ 3 ~ (Delete). */
static void escape(char *buf, int *len, int *cur, int *hi, char *draft)
{
	int c = get_key(), d;

	if (c != '[' && c != 'O')
		return;
	d = get_key();
	if (d == 'A' && *hi > 0) {
		if (*hi == nhist)
			set_line(draft, &(int){0}, &(int){0}, buf);
		set_line(buf, len, cur, hist[--*hi]);
	} else if (d == 'B' && *hi < nhist) {
		++*hi;
		set_line(buf, len, cur, *hi == nhist ? draft : hist[*hi]);
	} else if (d == 'C' && *cur < *len) {
		++*cur;
	} else if (d == 'D' && *cur > 0) {
		--*cur;
	} else if (d == 'H') {
		*cur = 0;
	} else if (d == 'F') {
		*cur = *len;
	} else if (d == '3' && get_key() == '~' && *cur < *len) {
		memmove(buf + *cur, buf + *cur + 1, *len - *cur - 1);
		--*len;
	}
}

/*
 * edit_line - show prompt, edit one line; returns it with its newline
 * (malloc'd), or NULL at end of input.
 */
char *edit_line(const char *prompt)
{
	char buf[LINE_MAX_BYTES], draft[LINE_MAX_BYTES] = "";
	int len = 0, cur = 0, hi = nhist, c, overflow = 0;

	fflush(stdout);
	out(prompt, strlen(prompt));
	if (enable_raw() < 0)
		return read_cooked();
	for (;;) {
		buf[len] = '\0';
		c = get_key();
		if (c < 0 || (c == 4 && len == 0)) {
			edit_restore();
			out("\r\n", 2);
			return NULL;
		}
		if (c == '\r' || c == '\n')
			break;
		if (c == 3) {		/* ^C: abandon the line */
			out("^C\r\n", 4);
			edit_restore();
			sh.status = 130;
			return xstrdup("\n");
		}
		if ((c == 127 || c == 8) && cur > 0) {
			memmove(buf + cur - 1, buf + cur, len - cur);
			len--;
			cur--;
		} else if (c == 4 && cur < len) {
			memmove(buf + cur, buf + cur + 1, len - cur - 1);
			len--;
		} else if (c == 21) {	/* ^U */
			memmove(buf, buf + cur, len - cur);
			len -= cur;
			cur = 0;
		} else if (c == 23) {	/* ^W */
			int k = cur;

			while (k > 0 && buf[k - 1] == ' ')
				k--;
			while (k > 0 && buf[k - 1] != ' ')
				k--;
			memmove(buf + k, buf + cur, len - cur);
			len -= cur - k;
			cur = k;
		} else if (c == 1) {
			cur = 0;
		} else if (c == 5) {
			cur = len;
		} else if (c == 27) {
			escape(buf, &len, &cur, &hi, draft);
		} else if ((c >= 32 || c == '\t') && len < LINE_MAX_BYTES - 2) {
			memmove(buf + cur + 1, buf + cur, len - cur);
			buf[cur++] = c;
			len++;
			if (cur == len) {	/* typed at the end: just echo */
				out(buf + cur - 1, 1);
				continue;
			}
		} else if (c >= 32 || c == '\t') {
			if (!overflow)	/* full: refuse the line at Enter */
				out("\a", 1);
			overflow = 1;
			continue;
		}
		redraw(prompt, buf, len, cur);
	}
	out("\r\n", 2);
	edit_restore();
	if (overflow) {		/* never run a command cut short */
		sh_err("line too long (over %d bytes); not run",
		       LINE_MAX_BYTES - 2);
		return xstrdup("\n");
	}
	buf[len++] = '\n';
	buf[len] = '\0';
	return xstrdup(buf);
}
