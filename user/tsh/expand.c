/*
 * expand.c - word expansion (XCU 2.6): tilde, parameters, command
 * substitution, arithmetic, field splitting, globbing, quote removal.
 *
 * A word is expanded into a buffer of characters, each with flags:
 *   F_Q   quoted: never split, never a glob character;
 *   F_S   produced by an unquoted expansion: IFS characters split;
 *   F_BRK a marker (no character): a field ends here ("$@");
 *   F_MARK a marker: a field exists even if empty ("", "$@" items).
 * Splitting then globbing turn the buffer into fields; expand_str
 * renders it as one string instead (assignments, redirection targets,
 * case words and patterns, here-documents).
 * expand_failed is set (and a message printed) when set -u or ${x?}
 * stops an expansion; callers then abandon the command.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

#define F_Q	1
#define F_S	2
#define F_BRK	4
#define F_MARK	8

struct xb {
	char *c;
	unsigned char *f;
	size_t len, cap;
};

int expand_failed;

static void xput(struct xb *x, int c, int f)
{
	if (x->len + 1 >= x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->c = xrealloc(x->c, x->cap);
		x->f = xrealloc(x->f, x->cap);
	}
	x->c[x->len] = c;
	x->f[x->len++] = f;
}

static void xputs(struct xb *x, const char *s, int f)
{
	while (*s)
		xput(x, *s++, f);
}

static void xfree(struct xb *x)
{
	free(x->c);
	free(x->f);
	memset(x, 0, sizeof(*x));
}

static void expand_into(struct xb *x, const char *s, size_t end, int dq,
			enum xmode mode);

/* Render a buffer as a string; X_PATTERN escapes quoted glob chars. */
static char *render(struct xb *x, enum xmode mode)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < x->len; i++) {
		if (x->f[i] & (F_BRK | F_MARK)) {
			if ((x->f[i] & F_BRK) && mode != X_PATTERN)
				sb_putc(&b, ' ');
			continue;
		}
		if (mode == X_PATTERN && (x->f[i] & F_Q) &&
		    strchr("*?[]\\", x->c[i]))
			sb_putc(&b, '\\');
		sb_putc(&b, x->c[i]);
	}
	return sb_done(&b);
}

static char *expand_sub(const char *s, size_t n, int dq, enum xmode mode)
{
	struct xb x = { 0 };
	char *r;

	expand_into(&x, s, n, dq, mode);
	r = render(&x, mode);
	xfree(&x);
	return r;
}

/* Value of a parameter by name (NAME, digits or one special char), as a
 * new string, or NULL when unset. $@ and $* come joined by spaces. */
static char *param(const char *name, size_t n)
{
	char buf[32], *nm;
	const char *v;
	struct sbuf b = { 0 };

	if (n == 1) {
		switch (name[0]) {
		case '?':
			snprintf(buf, sizeof(buf), "%d", sh.status);
			return xstrdup(buf);
		case '$':
			snprintf(buf, sizeof(buf), "%d", (int)sh.pid);
			return xstrdup(buf);
		case '!':
			if (!sh.lastbg)
				return NULL;
			snprintf(buf, sizeof(buf), "%d", (int)sh.lastbg);
			return xstrdup(buf);
		case '#':
			snprintf(buf, sizeof(buf), "%d", pos.n);
			return xstrdup(buf);
		case '-':
			snprintf(buf, sizeof(buf), "%s%s%s%s%s",
				 sh.opt_e ? "e" : "", sh.opt_f ? "f" : "",
				 sh.interactive ? "i" : "",
				 sh.opt_u ? "u" : "", sh.opt_x ? "x" : "");
			return xstrdup(buf);
		case '@':
		case '*':
			for (int i = 0; i < pos.n; i++) {
				if (i)
					sb_putc(&b, ' ');
				sb_puts(&b, pos.v[i]);
			}
			return sb_done(&b);
		}
	}
	if (name[0] >= '0' && name[0] <= '9') {
		int k = atoi(name);

		if (k == 0)
			return xstrdup(arg0);
		return k <= pos.n ? xstrdup(pos.v[k - 1]) : NULL;
	}
	nm = xstrndup(name, n);
	v = getvar(nm);
	free(nm);
	return v ? xstrdup(v) : NULL;
}

static void unset_error(const char *name, size_t n, const char *msg)
{
	sh_err("%.*s: %s", (int)n, name, msg);
	expand_failed = 1;
}

/* Append $@ or $* (see the file comment for the markers). */
static void expand_at(struct xb *x, int dq, int star, int *atempty)
{
	const char *ifs = getvar("IFS");
	char sep = ifs ? ifs[0] : ' ';

	if (pos.n == 0 && dq && !star)
		*atempty = 1;
	for (int i = 0; i < pos.n; i++) {
		if (i && dq && star) {
			if (sep)
				xput(x, sep, F_Q);
		} else if (i) {
			xput(x, 0, F_BRK);
		}
		if (dq)
			xput(x, 0, F_MARK);
		xputs(x, pos.v[i], dq ? F_Q : F_S);
	}
}

/* Remove the shortest/longest prefix (#, ##) or suffix (%, %%). */
static char *trim(const char *val, const char *pat, int suffix, int longest)
{
	size_t n = strlen(val);
	char *tmp = xstrdup(val);

	for (size_t k = 0; k <= n; k++) {
		size_t len = longest ? n - k : k;
		int ok;

		if (suffix) {
			ok = fnmatch(pat, val + n - len, 0) == 0;
			if (ok) {
				tmp[n - len] = '\0';
				return tmp;
			}
		} else {
			char c = tmp[len];

			tmp[len] = '\0';
			ok = fnmatch(pat, tmp, 0) == 0;
			tmp[len] = c;
			if (ok) {
				char *r = xstrdup(val + len);

				free(tmp);
				return r;
			}
		}
	}
	return tmp;
}

/* ${...}: body is the text between the braces. */
static void expand_brace(struct xb *x, const char *body, size_t n, int dq,
			 enum xmode mode, int *atempty)
{
	size_t nl = 0;
	int colon = 0, f = dq ? F_Q : F_S;
	char *val, op = 0, buf[32];
	const char *word;
	size_t wn;

	if (n > 1 && body[0] == '#') {	/* ${#name} */
		val = param(body + 1, n - 1);
		if (!val && sh.opt_u && !strchr("@*#?", body[1]))
			return unset_error(body + 1, n - 1, "parameter not set");
		snprintf(buf, sizeof(buf), "%zu", val ? strlen(val) : 0);
		free(val);
		xputs(x, buf, f);
		return;
	}
	if (n && is_name(body, 1))
		while (nl < n && is_name(body, nl + 1))
			nl++;
	else if (n && body[0] >= '0' && body[0] <= '9')
		while (nl < n && body[nl] >= '0' && body[nl] <= '9')
			nl++;
	else if (n && strchr("?$!#@*-", body[0]))
		nl = 1;
	if (nl == 0) {
		sh_err("${%.*s}: bad substitution", (int)n, body);
		expand_failed = 1;
		return;
	}
	if (nl < n && body[nl] == ':')
		colon = 1;
	if (nl + colon < n)
		op = body[nl + colon];
	word = body + nl + colon + 1;
	wn = n > nl + colon + 1 ? n - nl - colon - 1 : 0;
	if (op && !strchr("-=+?#%", op)) {
		sh_err("${%.*s}: bad substitution", (int)n, body);
		expand_failed = 1;
		return;
	}
	if (!op && nl == 1 && (body[0] == '@' || body[0] == '*'))
		return expand_at(x, dq, body[0] == '*', atempty);
	val = param(body, nl);
	if (colon && val && !*val) {
		free(val);
		val = NULL;
	}
	switch (op) {
	case '-':
		if (!val)
			return expand_into(x, word, wn, dq, mode);
		break;
	case '=':
		if (!val) {
			char *name = xstrndup(body, nl);

			val = expand_sub(word, wn, 1, X_PLAIN);
			if (is_name(name, nl))
				setvar(name, val, 0);
			free(name);
		}
		break;
	case '+':
		free(val);
		if (val)
			expand_into(x, word, wn, dq, mode);
		return;
	case '?':
		if (!val) {
			char *m = expand_sub(word, wn, 1, X_PLAIN);

			unset_error(body, nl, *m ? m : "parameter null or not set");
			free(m);
			if (!sh.interactive)
				sh_exit(2);
			return;
		}
		break;
	case '#':
	case '%':
		if (val) {
			int twice = wn && word[0] == op;
			char *pat = expand_sub(word + twice, wn - twice, 0,
					       X_PATTERN);
			char *r = trim(val, pat, op == '%', twice);

			free(pat);
			free(val);
			val = r;
		}
		break;
	}
	if (!val && !op && sh.opt_u && !strchr("@*#?!", body[0]))
		return unset_error(body, nl, "parameter not set");
	if (val)
		xputs(x, val, f);
	free(val);
}

/* $... at s[i]; returns the index after it. */
static size_t expand_dollar(struct xb *x, const char *s, size_t i,
			    size_t end, int dq, enum xmode mode,
			    int *atempty)
{
	int f = dq || mode == X_HEREDOC ? F_Q : F_S;
	char c = i + 1 < end ? s[i + 1] : 0, *v;
	size_t j;

	if (c == '(' || c == '{') {
		j = scan_subst(s, i);
		if (c == '{') {
			expand_brace(x, s + i + 2, j - i - 3, dq, mode,
				     atempty);
		} else if (s[i + 2] == '(' && j >= i + 5 && s[j - 2] == ')') {
			char *e = expand_sub(s + i + 3, j - i - 5, 1, X_PLAIN);
			int err = 0;
			long r = arith_eval(e, &err);
			char buf[32];

			free(e);
			if (err) {
				expand_failed = 1;
				return j;
			}
			snprintf(buf, sizeof(buf), "%ld", r);
			xputs(x, buf, f);
		} else {
			char *t = xstrndup(s + i + 2, j - i - 3);

			v = cmd_subst(t);
			free(t);
			xputs(x, v, f);
			free(v);
		}
		return j;
	}
	if (is_name(&c, 1)) {
		j = i + 1;
		while (j < end && is_name(s + i + 1, j - i))
			j++;
		v = param(s + i + 1, j - i - 1);
		if (!v && sh.opt_u)
			unset_error(s + i + 1, j - i - 1, "parameter not set");
		if (v)
			xputs(x, v, f);
		free(v);
		return j;
	}
	if (c == '@' || c == '*') {
		expand_at(x, dq, c == '*', atempty);
		return i + 2;
	}
	if ((c >= '0' && c <= '9') || (c && strchr("?$!#-", c))) {
		v = param(s + i + 1, 1);
		if (!v && sh.opt_u && c != '!')
			unset_error(s + i + 1, 1, "parameter not set");
		if (v)
			xputs(x, v, f);
		free(v);
		return i + 2;
	}
	xput(x, '$', f == F_S ? 0 : F_Q);
	return i + 1;
}

/* `...` at s[i]: unescape \$ \` \\ (and \" inside "..."), run it. */
static size_t expand_backquote(struct xb *x, const char *s, size_t i,
			       int dq, enum xmode mode)
{
	size_t j = scan_subst(s, i), k;
	struct sbuf b = { 0 };
	char *out;

	for (k = i + 1; k + 1 < j; k++) {
		if (s[k] == '\\' && k + 2 < j + 1 &&
		    (strchr("$`\\", s[k + 1]) || (dq && s[k + 1] == '"')))
			k++;
		sb_putc(&b, s[k]);
	}
	out = cmd_subst(b.s ? b.s : "");
	free(b.s);
	xputs(x, out, dq || mode == X_HEREDOC ? F_Q : F_S);
	free(out);
	return j;
}

static void expand_into(struct xb *x, const char *s, size_t end, int dq,
			enum xmode mode)
{
	int hd = mode == X_HEREDOC, atempty = 0;
	size_t i = 0, dqstart = 0;

	if (!hd && !dq && end && s[0] == '~') {
		size_t j = 1;
		const char *home = getvar("HOME");

		while (j < end && s[j] != '/')
			j++;
		if (j == 1 && home) {
			xputs(x, home, F_Q);
			i = 1;
		}
	}
	while (i < end && !expand_failed) {
		char c = s[i];

		if (c == '\'' && !dq && !hd) {
			for (i++; i < end && s[i] != '\''; i++)
				xput(x, s[i], F_Q);
			xput(x, 0, F_MARK);
			i++;
		} else if (c == '"' && !hd) {
			if (!dq) {
				dq = 1;
				dqstart = x->len;
				atempty = 0;
			} else {
				dq = 0;
				if (!(x->len == dqstart && atempty))
					xput(x, 0, F_MARK);
			}
			i++;
		} else if (c == '\\') {
			char n = i + 1 < end ? s[i + 1] : 0;

			if (!n) {
				xput(x, '\\', F_Q);
				i++;
			} else if (!dq && !hd) {
				if (n != '\n')
					xput(x, n, F_Q);
				i += 2;
			} else if (strchr("$`\\\n", n) || (n == '"' && !hd)) {
				if (n != '\n')
					xput(x, n, F_Q);
				i += 2;
			} else {
				xput(x, '\\', F_Q);
				i++;
			}
		} else if (c == '$') {
			i = expand_dollar(x, s, i, end, dq, mode, &atempty);
		} else if (c == '`') {
			i = expand_backquote(x, s, i, dq, mode);
		} else {
			xput(x, c, dq || hd ? F_Q : 0);
			i++;
		}
	}
}

static void emit(struct xb *fld, struct strv *out)
{
	struct sbuf pat = { 0 };
	int magic = 0;
	glob_t g;

	for (size_t i = 0; i < fld->len; i++) {
		char c = fld->c[i];

		if (!(fld->f[i] & F_Q) && strchr("*?[", c))
			magic = 1;
		if ((fld->f[i] & F_Q) && strchr("*?[]\\", c))
			sb_putc(&pat, '\\');
		sb_putc(&pat, c);
	}
	if (magic && !sh.opt_f && glob(pat.s, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			strv_push(out, xstrdup(g.gl_pathv[i]));
		globfree(&g);
	} else {
		strv_push(out, xstrndup(fld->c ? fld->c : "", fld->len));
	}
	free(pat.s);
	fld->len = 0;
}

static void split(struct xb *x, struct strv *out)
{
	const char *ifs = getvar("IFS");
	struct xb cur = { 0 };
	int have = 0, wsdelim = 0;

	if (!ifs)
		ifs = " \t\n";
	for (size_t i = 0; i < x->len; i++) {
		char c = x->c[i];
		int f = x->f[i];

		if (f & F_BRK) {
			if (have)
				emit(&cur, out);
			have = wsdelim = 0;
			continue;
		}
		if (f & F_MARK) {
			have = 1;
			continue;
		}
		if ((f & F_S) && c && strchr(ifs, c)) {
			if (c == ' ' || c == '\t' || c == '\n') {
				if (have)
					emit(&cur, out);
				have = 0;
				wsdelim = 1;
			} else {
				if (have || !wsdelim)
					emit(&cur, out);
				have = wsdelim = 0;
			}
			continue;
		}
		xput(&cur, c, f);
		have = 1;
		wsdelim = 0;
	}
	if (have)
		emit(&cur, out);
	xfree(&cur);
}

/*
 * expand_words - expand n raw words into fields appended to out.
 * Returns 0, or -1 when an expansion failed (message printed).
 */
int expand_words(char **raw, int n, struct strv *out)
{
	expand_failed = 0;
	for (int i = 0; i < n && !expand_failed; i++) {
		struct xb x = { 0 };

		expand_into(&x, raw[i], strlen(raw[i]), 0, X_PLAIN);
		split(&x, out);
		xfree(&x);
	}
	return expand_failed ? -1 : 0;
}

/* expand_str - one word to one string: no splitting, no globbing. */
char *expand_str(const char *raw, enum xmode mode)
{
	char *r;

	expand_failed = 0;
	r = expand_sub(raw, strlen(raw), 0, mode);
	if (expand_failed) {
		free(r);
		return NULL;
	}
	return r;
}
