/*
 * arith.c - $((...)) evaluation (XCU 2.6.4), on signed long.
 *
 * Precedence climbing over the C operators the shell needs:
 *   ( )  unary + - ! ~   * / %   + -   << >>   < <= > >=   == !=
 *   &   ^   |   &&   ||   ?:   and assignment NAME = expr.
 * A NAME's value is its variable read as a number (unset or empty: 0).
 * Side effects are suppressed (noeval) in the arm not taken by && || ?:.
 * Errors (syntax, division by zero) print a message and set *err.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"

struct ar {
	const char *p;
	int err, noeval;
};

static long ternary(struct ar *a);

static void skip(struct ar *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

static void fail(struct ar *a, const char *msg)
{
	if (!a->err)
		sh_err("arithmetic: %s", msg);
	a->err = 1;
}

static long number(struct ar *a)
{
	char *end;
	long v = strtol(a->p, &end, 0);

	if (isalnum((unsigned char)*end) || *end == '_')
		fail(a, "bad number");
	a->p = end;
	return v;
}

static long var_value(const char *name, struct ar *a)
{
	const char *v = getvar(name);
	char *end;
	long r;

	if (!v || !*v) {
		if (sh.opt_u && !v)
			fail(a, "variable not set");
		return 0;
	}
	r = strtol(v, &end, 0);
	if (*end)
		fail(a, "variable is not a number");
	return r;
}

static long primary(struct ar *a)
{
	long v;

	skip(a);
	if (*a->p == '(') {
		a->p++;
		v = ternary(a);
		skip(a);
		if (*a->p != ')')
			fail(a, "missing )");
		else
			a->p++;
		return v;
	}
	if (*a->p == '-' || *a->p == '+' || *a->p == '!' || *a->p == '~') {
		char op = *a->p++;

		v = primary(a);
		return op == '-' ? -v : op == '+' ? v : op == '!' ? !v : ~v;
	}
	if (isdigit((unsigned char)*a->p))
		return number(a);
	if (is_name(a->p, 1)) {
		const char *s = a->p;
		char name[128];
		size_t n = 0;

		while (is_name(s, n + 1))
			n++;
		a->p += n;
		snprintf(name, sizeof(name), "%.*s", (int)n, s);
		skip(a);
		if (a->p[0] == '=' && a->p[1] != '=') {
			char buf[32];

			a->p++;
			v = ternary(a);
			if (!a->noeval && !a->err) {
				snprintf(buf, sizeof(buf), "%ld", v);
				setvar(name, buf, 0);
			}
			return v;
		}
		return var_value(name, a);
	}
	fail(a, *a->p ? "syntax error" : "missing operand");
	return 0;
}

struct binop {
	const char *op;
	int prec;
};

static const struct binop ops[] = {
	{ "||", 1 }, { "&&", 2 }, { "|", 3 }, { "^", 4 }, { "&", 5 },
	{ "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 },
	{ ">>", 8 }, { "<", 7 }, { ">", 7 }, { "+", 9 }, { "-", 9 },
	{ "*", 10 }, { "/", 10 }, { "%", 10 }, { NULL, 0 }
};

static const struct binop *peek_op(struct ar *a)
{
	skip(a);
	for (const struct binop *o = ops; o->op; o++)
		if (!strncmp(a->p, o->op, strlen(o->op)))
			return o;
	return NULL;
}

static long apply(struct ar *a, const char *op, long l, long r)
{
	switch (op[0]) {
	case '|': return op[1] ? (l || r) : (l | r);
	case '&': return op[1] ? (l && r) : (l & r);
	case '^': return l ^ r;
	case '=': return l == r;
	case '!': return l != r;
	case '<': return op[1] == '=' ? l <= r : op[1] ? l << r : l < r;
	case '>': return op[1] == '=' ? l >= r : op[1] ? l >> r : l > r;
	case '+': return l + r;
	case '-': return l - r;
	case '*': return l * r;
	}
	if (r == 0) {
		if (!a->noeval)
			fail(a, "division by zero");
		return 0;
	}
	return op[0] == '/' ? l / r : l % r;
}

static long binary(struct ar *a, int minprec)
{
	long l = primary(a);
	const struct binop *o;

	while (!a->err && (o = peek_op(a)) && o->prec >= minprec) {
		int shortcut;
		long r;

		a->p += strlen(o->op);
		shortcut = (o->prec == 1 && l) || (o->prec == 2 && !l);
		a->noeval += shortcut;
		r = binary(a, o->prec + 1);
		a->noeval -= shortcut;
		l = apply(a, o->op, l, r);
	}
	return l;
}

static long ternary(struct ar *a)
{
	long c = binary(a, 1), x, y;

	skip(a);
	if (*a->p != '?')
		return c;
	a->p++;
	a->noeval += !c;
	x = ternary(a);
	a->noeval -= !c;
	skip(a);
	if (*a->p != ':') {
		fail(a, "missing : in ?:");
		return 0;
	}
	a->p++;
	a->noeval += !!c;
	y = ternary(a);
	a->noeval -= !!c;
	return c ? x : y;
}

/* arith_eval - value of expr; *err set (message printed) on error. */
long arith_eval(const char *expr, int *err)
{
	struct ar a = { expr, 0, 0 };
	long v = ternary(&a);

	skip(&a);
	if (*a.p && !a.err)
		fail(&a, "syntax error");
	*err = a.err;
	return a.err ? 0 : v;
}
