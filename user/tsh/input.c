/*
 * input.c - where tsh's text comes from, and its small containers.
 *
 * A struct src holds the text read so far in buf; the lexer reads it
 * with src_peek/src_get, which call src->more to append input when they
 * reach the end. Strings and script files are read whole; stdin is read
 * one line at a time, byte by byte, so that commands the script starts
 * see the rest of stdin untouched (as POSIX asks of sh reading stdin);
 * an interactive stdin goes through the line editor.
 * Invariant: pos <= len < cap, buf[len] == '\0'.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		write(2, "tsh: out of memory\n", 19);
		_exit(2);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		write(2, "tsh: out of memory\n", 19);
		_exit(2);
	}
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void strv_push(struct strv *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, sv->cap * sizeof(char *));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void strv_free(struct strv *sv)
{
	for (int i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static void sb_grow(struct sbuf *b, size_t more)
{
	if (b->len + more + 1 > b->cap) {
		b->cap = (b->len + more + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
}

void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sb_putc(struct sbuf *b, int c)
{
	char ch = c;

	sb_putn(b, &ch, 1);
}

void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

char *sb_done(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

static void src_append(struct src *s, const char *t, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->buf = xrealloc(s->buf, s->cap);
	}
	memcpy(s->buf + s->len, t, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static int no_more(struct src *s)
{
	return 0;
}

static void src_init(struct src *s)
{
	memset(s, 0, sizeof(*s));
	s->line = 1;
	s->fd = -1;
	s->more = no_more;
	src_append(s, "", 0);
}

void src_string(struct src *s, const char *text)
{
	src_init(s);
	src_append(s, text, strlen(text));
}

/* Read a whole script file; 0, or -1 with errno set. */
int src_file(struct src *s, const char *path)
{
	char chunk[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	src_init(s);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			src_append(s, chunk, n);
	close(fd);
	return 0;
}

/* One line from fd 0, a byte at a time (see the file comment). */
static int more_stdin(struct src *s)
{
	char c;
	int got = 0;

	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return got;
		src_append(s, &c, 1);
		got = 1;
		if (c == '\n')
			return 1;
	}
}

static int more_edit(struct src *s)
{
	const char *ps = getvar(s->first ? "PS1" : "PS2");
	char *line;

	line = edit_line(ps ? ps : "");
	s->first = 0;
	if (!line)
		return 0;
	if (line[0] != '\n')
		edit_history_add(line);
	src_append(s, line, strlen(line));
	free(line);
	return 1;
}

void src_stdin(struct src *s, int interactive)
{
	src_init(s);
	s->fd = 0;
	s->more = interactive ? more_edit : more_stdin;
}

void src_free(struct src *s)
{
	free(s->buf);
	s->buf = NULL;
}

int src_peek(struct src *s)
{
	while (s->pos >= s->len) {
		if (s->eof || !s->more(s)) {
			s->eof = 1;
			return -1;
		}
	}
	return (unsigned char)s->buf[s->pos];
}

int src_get(struct src *s)
{
	int c = src_peek(s);

	if (c >= 0) {
		s->pos++;
		if (c == '\n')
			s->line++;
	}
	return c;
}
