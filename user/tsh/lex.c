/*
 * lex.c - the tokenizer of tsh.
 *
 * Words keep their raw text, quotes and all; expand.c removes the quotes
 * later, so the lexer only has to find where a word ends: at an unquoted
 * blank, newline or operator character, skipping over '...', "...",
 * backslash escapes, $(...), $((...)), ${...} and `...` as units.
 * Reserved words are not tokens: the parser compares word text.
 * Here-document bodies are read right after the newline token that ends
 * the line holding their "<<" operator; the parser registers them in
 * lx->pending when it reads the delimiter word.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"

jmp_buf *syntax_jmp;
static int syntax_line;		/* line of the last token read */

void syntax_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: line %d: syntax error: ", sh.name, syntax_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	longjmp(*syntax_jmp, 1);
}

void lex_init(struct lexer *lx, struct src *s)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = s;
}

static int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')' ||
	       c < 0;
}

static void take(struct lexer *lx, struct sbuf *b)
{
	int c = src_get(lx->src);

	if (c < 0)
		syntax_error("unexpected end of input");
	sb_putc(b, c);
}

static void scan_nested(struct lexer *lx, struct sbuf *b, int close);
static void scan_dollar(struct lexer *lx, struct sbuf *b, int open);

/* Copy a "..." section (the opening quote is already in b). */
static void scan_dquote(struct lexer *lx, struct sbuf *b)
{
	for (;;) {
		int c = src_peek(lx->src);

		if (c < 0)
			syntax_error("unterminated \"");
		if (c == '"') {
			take(lx, b);
			return;
		}
		if (c == '\\') {
			take(lx, b);
			take(lx, b);
		} else if (c == '$') {
			take(lx, b);
			c = src_peek(lx->src);
			if (c == '(' || c == '{') {
				take(lx, b);
				scan_dollar(lx, b, c);
			}
		} else if (c == '`') {
			take(lx, b);
			scan_nested(lx, b, '`');
		} else {
			take(lx, b);
		}
	}
}

/*
 * Copy up to and including the `close` that ends a $( ${ or ` opened
 * just before; parentheses nest, quotes are skipped as units.
 */
static void scan_nested(struct lexer *lx, struct sbuf *b, int close)
{
	int depth = 1;

	for (;;) {
		int c = src_peek(lx->src);

		if (c < 0)
			syntax_error("missing '%c'", close);
		if (c == '\\') {
			take(lx, b);
			take(lx, b);
			continue;
		}
		take(lx, b);
		if (close == '`') {
			if (c == '`')
				return;
			continue;
		}
		if (c == '\'') {
			while ((c = src_peek(lx->src)) != '\'') {
				if (c < 0)
					syntax_error("unterminated '");
				take(lx, b);
			}
			take(lx, b);
		} else if (c == '"') {
			scan_dquote(lx, b);
		} else if (c == '`') {
			scan_nested(lx, b, '`');
		} else if (c == '$' && (src_peek(lx->src) == '(' ||
					src_peek(lx->src) == '{')) {
			c = src_get(lx->src);
			sb_putc(b, c);
			scan_dollar(lx, b, c);
		} else if (c == (close == ')' ? '(' : '{')) {
			depth++;
		} else if (c == close && --depth == 0) {
			return;
		}
	}
}

/*
 * After "$(" or "${" (already in b), copy the rest of the substitution.
 * A command substitution is parsed, so that a ")" of a case pattern
 * does not end it; $((...)) and ${...} only need brackets counted.
 */
static void scan_dollar(struct lexer *lx, struct sbuf *b, int open)
{
	size_t start;

	if (open == '{' || src_peek(lx->src) == '(') {
		scan_nested(lx, b, open == '{' ? '}' : ')');
		return;
	}
	start = lx->src->pos;
	parse_subst(lx->src);
	sb_putn(b, lx->src->buf + start, lx->src->pos - start);
}

static void scan_word(struct lexer *lx, struct sbuf *b)
{
	for (;;) {
		int c = src_peek(lx->src);

		if (is_meta(c))
			return;
		if (c == '\\') {
			src_get(lx->src);
			if (src_peek(lx->src) == '\n') {
				src_get(lx->src);	/* line continuation */
				continue;
			}
			sb_putc(b, '\\');
			if (src_peek(lx->src) >= 0)
				take(lx, b);
		} else if (c == '\'') {
			take(lx, b);
			while ((c = src_peek(lx->src)) != '\'') {
				if (c < 0)
					syntax_error("unterminated '");
				take(lx, b);
			}
			take(lx, b);
		} else if (c == '"') {
			take(lx, b);
			scan_dquote(lx, b);
		} else if (c == '`') {
			take(lx, b);
			scan_nested(lx, b, '`');
		} else if (c == '$') {
			take(lx, b);
			c = src_peek(lx->src);
			if (c == '(' || c == '{') {
				take(lx, b);
				scan_dollar(lx, b, c);
			}
		} else {
			take(lx, b);
		}
	}
}

/* Read the bodies of the here-documents registered on this line. */
static void read_heredocs(struct lexer *lx)
{
	for (int i = 0; i < lx->npending; i++) {
		struct redir *r = lx->pending[i];
		struct sbuf body = { 0 }, line = { 0 };
		char *delim = unquote(r->word);

		for (;;) {
			int c;
			const char *l;

			line.len = 0;
			sb_puts(&line, "");
			while ((c = src_get(lx->src)) >= 0 && c != '\n')
				sb_putc(&line, c);
			l = line.s;
			if (r->strip)
				while (*l == '\t')
					l++;
			if (strcmp(l, delim ? delim : "") == 0)
				break;
			if (c < 0) {
				if (*l)
					sb_puts(&body, l);
				break;
			}
			sb_puts(&body, l);
			sb_putc(&body, '\n');
		}
		free(line.s);
		free(delim);
		r->body = sb_done(&body);
	}
	lx->npending = 0;
}

static int op2(struct lexer *lx, int second)
{
	if (src_peek(lx->src) == second) {
		src_get(lx->src);
		return 1;
	}
	return 0;
}

static enum tok lex_redir(struct lexer *lx, int c)
{
	const char *op;

	if (c == '<') {
		if (op2(lx, '<'))
			op = op2(lx, '-') ? "<<-" : "<<";
		else if (op2(lx, '&'))
			op = "<&";
		else if (op2(lx, '>'))
			op = "<>";
		else
			op = "<";
	} else {
		if (op2(lx, '>'))
			op = ">>";
		else if (op2(lx, '&'))
			op = ">&";
		else if (op2(lx, '|'))
			op = ">";
		else
			op = ">";
	}
	lx->text = xstrdup(op);
	return T_REDIR;
}

static enum tok lex_token(struct lexer *lx)
{
	struct sbuf b = { 0 };
	int c;

	for (;;) {
		c = src_peek(lx->src);
		if (c == ' ' || c == '\t') {
			src_get(lx->src);
		} else if (c == '\\' && lx->src->pos + 1 < lx->src->len &&
			   lx->src->buf[lx->src->pos + 1] == '\n') {
			src_get(lx->src);
			src_get(lx->src);
		} else if (c == '#') {
			while ((c = src_peek(lx->src)) >= 0 && c != '\n')
				src_get(lx->src);
		} else {
			break;
		}
	}
	lx->line = lx->src->line;
	lx->iofd = -1;
	if (c < 0)
		return T_EOF;
	src_get(lx->src);
	switch (c) {
	case '\n':
		read_heredocs(lx);
		return T_NL;
	case ';':
		return op2(lx, ';') ? T_DSEMI : T_SEMI;
	case '&':
		return op2(lx, '&') ? T_AND : T_AMP;
	case '|':
		return op2(lx, '|') ? T_OR : T_PIPE;
	case '(':
		return T_LPAREN;
	case ')':
		return T_RPAREN;
	case '<':
	case '>':
		return lex_redir(lx, c);
	}
	lx->src->pos--;		/* c starts a word; it is not a newline */
	scan_word(lx, &b);
	lx->text = sb_done(&b);
	c = src_peek(lx->src);
	if ((c == '<' || c == '>') && lx->text[0] &&
	    strspn(lx->text, "0123456789") == strlen(lx->text)) {
		lx->iofd = atoi(lx->text);
		free(lx->text);
		src_get(lx->src);
		return lex_redir(lx, c);
	}
	return T_WORD;
}

enum tok lex_peek(struct lexer *lx)
{
	if (!lx->have) {
		lx->text = NULL;
		lx->tok = lex_token(lx);
		lx->have = 1;
		syntax_line = lx->line;
	}
	return lx->tok;
}

void lex_next(struct lexer *lx)
{
	lex_peek(lx);
	lx->have = 0;
}

/* Length of a $(...) body plus its ')' in s, found by the parser. */
static int subst_end(const char *s)
{
	jmp_buf jb, *outer = syntax_jmp;
	struct src src;
	volatile int end = -1;

	src_string(&src, s);
	syntax_jmp = &jb;
	if (!setjmp(jb)) {
		parse_subst(&src);
		end = src.pos;
	}
	syntax_jmp = outer;
	src_free(&src);
	return end;
}

/*
 * scan_subst - for expand.c: given s[i] at the '$' of "$(" or "${", or
 * at an opening '`', return the index just past the matching close.
 * The text was already checked by the lexer, so it is balanced.
 */
int scan_subst(const char *s, size_t i)
{
	int close, open, depth = 1;

	if (s[i] == '`') {
		for (i++; s[i] && s[i] != '`'; i++)
			if (s[i] == '\\' && s[i + 1])
				i++;
		return s[i] ? i + 1 : i;
	}
	open = s[i + 1];
	close = open == '(' ? ')' : '}';
	if (open == '(' && s[i + 2] != '(') {
		int end = subst_end(s + i + 2);

		if (end >= 0)
			return i + 2 + end;
	}
	for (i += 2; s[i]; i++) {
		int c = s[i];

		if (c == '\\' && s[i + 1]) {
			i++;
		} else if (c == '\'') {
			while (s[i + 1] && s[i + 1] != '\'')
				i++;
			i++;
		} else if (c == '"') {
			for (i++; s[i] && s[i] != '"'; i++) {
				if (s[i] == '\\' && s[i + 1])
					i++;
				else if (s[i] == '$' &&
					 (s[i + 1] == '(' || s[i + 1] == '{'))
					i = scan_subst(s, i) - 1;
				else if (s[i] == '`')
					i = scan_subst(s, i) - 1;
			}
		} else if (c == '`' || (c == '$' &&
			   (s[i + 1] == '(' || s[i + 1] == '{'))) {
			i = scan_subst(s, i) - 1;
		} else if (c == open) {
			depth++;
		} else if (c == close && --depth == 0) {
			return i + 1;
		}
		if (!s[i])
			break;
	}
	return i;
}

/* unquote - quote removal only (here-document delimiters). */
char *unquote(const char *raw)
{
	struct sbuf b = { 0 };
	int q = 0;

	for (const char *s = raw; *s; s++) {
		if (*s == '\'' && q != '"') {
			q = q ? 0 : '\'';
		} else if (*s == '"' && q != '\'') {
			q = q ? 0 : '"';
		} else if (*s == '\\' && q != '\'' && s[1]) {
			sb_putc(&b, *++s);
		} else {
			sb_putc(&b, *s);
		}
	}
	return sb_done(&b);
}
