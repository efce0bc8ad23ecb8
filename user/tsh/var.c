/*
 * var.c - shell variables, positional parameters and functions.
 *
 * Variables live in a small hash table of chained entries; a value is
 * always a malloc'd string. Exported variables are passed to commands by
 * make_env, which builds a fresh envp (before any vfork: the child phase
 * must not allocate). Functions are a linked list of name -> tree; the
 * trees are never freed (see parse.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsh.h"

#define NBUCKETS	64

struct var {
	char *name, *val;
	int flags;
	struct var *next;
};

struct func {
	char *name;
	struct node *body;
	struct func *next;
};

static struct var *table[NBUCKETS];
static struct func *funcs;

struct posargs pos;
char *arg0;

static unsigned hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
}

static struct var *find(const char *name)
{
	for (struct var *v = table[hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

/* Is s[0..n) a valid NAME (letter or '_', then letters, digits, '_')? */
int is_name(const char *s, size_t n)
{
	if (n == 0 || !(s[0] == '_' ||
			((s[0] | 32) >= 'a' && (s[0] | 32) <= 'z')))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= '0' && s[i] <= '9') ||
		      ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')))
			return 0;
	return 1;
}

int var_assignment(const char *s)
{
	const char *eq = strchr(s, '=');

	if (!eq || !is_name(s, eq - s))
		return 0;
	return eq - s;
}

const char *getvar(const char *name)
{
	struct var *v = find(name);

	return v ? v->val : NULL;
}

void setvar(const char *name, const char *val, int flags)
{
	struct var *v = find(name);

	if (!v) {
		unsigned h = hash(name);

		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->val = NULL;
		v->flags = 0;
		v->next = table[h];
		table[h] = v;
	}
	free(v->val);
	v->val = xstrdup(val);
	v->flags |= flags;
}

void unsetvar(const char *name)
{
	struct var **p = &table[hash(name)];

	for (; *p; p = &(*p)->next) {
		struct var *v = *p;

		if (strcmp(v->name, name) == 0) {
			*p = v->next;
			free(v->name);
			free(v->val);
			free(v);
			return;
		}
	}
}

void exportvar(const char *name)
{
	struct var *v = find(name);

	if (!v) {
		setvar(name, "", V_EXPORT);
		/* POSIX: export of an unset name marks it only; we give it
		 * an empty value, which env then shows. */
		return;
	}
	v->flags |= V_EXPORT;
}

/*
 * make_env - a fresh envp: every exported variable, overridden or added
 * to by the "NAME=value" strings in extra (already expanded). The caller
 * frees it with strv_free.
 */
char **make_env(struct strv *extra)
{
	struct strv env = { 0 };

	for (int i = 0; i < NBUCKETS; i++) {
		for (struct var *v = table[i]; v; v = v->next) {
			size_t nl = strlen(v->name);
			int overridden = 0;
			char *s;

			if (!(v->flags & V_EXPORT))
				continue;
			for (int j = 0; extra && j < extra->n; j++)
				if (!strncmp(extra->v[j], v->name, nl) &&
				    extra->v[j][nl] == '=')
					overridden = 1;
			if (overridden)
				continue;
			s = xmalloc(nl + strlen(v->val) + 2);
			sprintf(s, "%s=%s", v->name, v->val);
			strv_push(&env, s);
		}
	}
	for (int j = 0; extra && j < extra->n; j++)
		strv_push(&env, xstrdup(extra->v[j]));
	if (!env.v)
		strv_push(&env, NULL), env.n = 0;
	return env.v;
}

void var_import(char **envp)
{
	for (; envp && *envp; envp++) {
		int n = var_assignment(*envp);
		char *name;

		if (!n)
			continue;
		name = xstrndup(*envp, n);
		setvar(name, *envp + n + 1, V_EXPORT);
		free(name);
	}
}

static int by_name(const void *a, const void *b)
{
	const struct var *x = *(struct var *const *)a;
	const struct var *y = *(struct var *const *)b;

	return strcmp(x->name, y->name);
}

/* Print variables sorted, quoted for re-input ("set" and "export -p"). */
void var_print(int exported_only)
{
	struct var *all[1024];
	int n = 0;

	for (int i = 0; i < NBUCKETS; i++)
		for (struct var *v = table[i]; v && n < 1024; v = v->next)
			if (!exported_only || (v->flags & V_EXPORT))
				all[n++] = v;
	qsort(all, n, sizeof(*all), by_name);
	for (int i = 0; i < n; i++) {
		printf("%s%s='", exported_only ? "export " : "", all[i]->name);
		for (const char *s = all[i]->val; *s; s++)
			if (*s == '\'')
				fputs("'\\''", stdout);
			else
				putchar(*s);
		puts("'");
	}
}

void func_define(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			break;
	if (!f) {
		f = xmalloc(sizeof(*f));
		f->name = xstrdup(name);
		f->next = funcs;
		funcs = f;
	}
	f->body = body;
}

struct node *func_lookup(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

void func_remove(const char *name)
{
	for (struct func **p = &funcs; *p; p = &(*p)->next) {
		if (strcmp((*p)->name, name) == 0) {
			struct func *f = *p;

			*p = f->next;
			free(f->name);
			free(f);
			return;
		}
	}
}
