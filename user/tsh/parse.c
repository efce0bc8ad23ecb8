/*
 * parse.c - recursive-descent parser from tokens to the tree of tsh.h.
 *
 * Grammar (a subset of POSIX sh, XCU 2.10):
 *   command_line : and_or ((';' | '&') and_or)* [';' | '&'] NEWLINE
 *   list         : like command_line, newlines also separate
 *   and_or       : pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline     : ['!'] command ('|' linebreak command)*
 *   command      : compound redirect* | NAME '(' ')' compound
 *                | (assignment | redirect)* [word (word | redirect)*]
 *   compound     : '{' list '}' | '(' list ')' | if | while | until
 *                | for | case
 * Reserved words are recognised only where a command may start (and
 * "in", "do" where the grammar expects them). Nodes are never freed:
 * a command line's tree lives as long as a function may refer to it.
 */
#include <stdlib.h>
#include <string.h>

#include "tsh.h"

static struct node *parse_list(struct lexer *lx, int toplevel);
static struct node *parse_command1(struct lexer *lx);

static struct node *new_node(enum ntype t, int line)
{
	struct node *n = xmalloc(sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = t;
	n->line = line;
	return n;
}

static int is_word(struct lexer *lx, const char *kw)
{
	return lex_peek(lx) == T_WORD && strcmp(lx->text, kw) == 0;
}

static const char *tok_name(struct lexer *lx)
{
	static const char *names[] = {
		"end of file", "newline", "word", ";", "&", "|", "&&", "||",
		";;", "(", ")", "redirection"
	};
	enum tok t = lex_peek(lx);

	return t == T_WORD || t == T_REDIR ? lx->text : names[t];
}

static void expect_word(struct lexer *lx, const char *kw)
{
	if (!is_word(lx, kw))
		syntax_error("\"%s\" unexpected (expecting \"%s\")",
			     tok_name(lx), kw);
	free(lx->text);
	lex_next(lx);
}

static void linebreak(struct lexer *lx)
{
	while (lex_peek(lx) == T_NL)
		lex_next(lx);
}

/* A reserved word that ends a list. */
static int ends_list(struct lexer *lx)
{
	static const char *enders[] = {
		"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL
	};
	enum tok t = lex_peek(lx);

	if (t == T_EOF || t == T_RPAREN || t == T_DSEMI)
		return 1;
	if (t != T_WORD)
		return 0;
	for (int i = 0; enders[i]; i++)
		if (strcmp(lx->text, enders[i]) == 0)
			return 1;
	return 0;
}

static struct redir *parse_redir(struct lexer *lx)
{
	struct redir *r = xmalloc(sizeof(*r));
	const char *op = lx->text;

	memset(r, 0, sizeof(*r));
	r->fd = lx->iofd;
	if (!strcmp(op, "<"))
		r->op = R_IN;
	else if (!strcmp(op, ">"))
		r->op = R_OUT;
	else if (!strcmp(op, ">>"))
		r->op = R_APPEND;
	else if (!strcmp(op, "<>"))
		r->op = R_RDWR;
	else if (!strcmp(op, "<&"))
		r->op = R_DUPIN;
	else if (!strcmp(op, ">&"))
		r->op = R_DUPOUT;
	else
		r->op = R_HEREDOC, r->strip = op[2] == '-';
	if (r->fd < 0)
		r->fd = op[0] == '<' ? 0 : 1;
	free(lx->text);
	lex_next(lx);
	if (lex_peek(lx) != T_WORD)
		syntax_error("redirection without a word (got \"%s\")",
			     tok_name(lx));
	r->word = lx->text;
	lex_next(lx);
	if (r->op == R_HEREDOC) {
		if (lx->npending == 16)
			syntax_error("too many here-documents");
		r->quoted = strpbrk(r->word, "'\"\\") != NULL;
		lx->pending[lx->npending++] = r;
	}
	return r;
}

static void add_redir(struct node *n, struct redir *r)
{
	struct redir **p = &n->redirs;

	while (*p)
		p = &(*p)->next;
	*p = r;
}

static void parse_trailing_redirs(struct lexer *lx, struct node *n)
{
	while (lex_peek(lx) == T_REDIR)
		add_redir(n, parse_redir(lx));
}

static struct node *parse_body(struct lexer *lx, const char *end)
{
	struct node *n = parse_list(lx, 0);

	expect_word(lx, end);
	return n;
}

static struct node *parse_if(struct lexer *lx, int line)
{
	struct node *n = new_node(N_IF, line);

	n->a = parse_list(lx, 0);
	expect_word(lx, "then");
	n->b = parse_list(lx, 0);
	if (is_word(lx, "elif")) {
		free(lx->text);
		lex_next(lx);
		n->c = parse_if(lx, lx->line);
		return n;
	}
	if (is_word(lx, "else")) {
		free(lx->text);
		lex_next(lx);
		n->c = parse_list(lx, 0);
	}
	expect_word(lx, "fi");
	return n;
}

static struct node *parse_for(struct lexer *lx, int line)
{
	struct node *n = new_node(N_FOR, line);

	if (lex_peek(lx) != T_WORD || !is_name(lx->text, strlen(lx->text)))
		syntax_error("bad for loop variable");
	n->name = lx->text;
	lex_next(lx);
	linebreak(lx);
	if (is_word(lx, "in")) {
		free(lx->text);
		lex_next(lx);
		n->has_in = 1;
		while (lex_peek(lx) == T_WORD) {
			strv_push(&n->words, lx->text);
			lex_next(lx);
		}
		if (lex_peek(lx) != T_SEMI && lex_peek(lx) != T_NL)
			syntax_error("\"%s\" unexpected in for", tok_name(lx));
		lex_next(lx);
	} else if (lex_peek(lx) == T_SEMI) {
		lex_next(lx);
	}
	linebreak(lx);
	expect_word(lx, "do");
	n->a = parse_body(lx, "done");
	return n;
}

static struct node *parse_case(struct lexer *lx, int line)
{
	struct node *n = new_node(N_CASE, line);
	struct caseitem **tail = &n->items;

	if (lex_peek(lx) != T_WORD)
		syntax_error("case without a word");
	strv_push(&n->words, lx->text);
	lex_next(lx);
	linebreak(lx);
	expect_word(lx, "in");
	linebreak(lx);
	while (!is_word(lx, "esac")) {
		struct caseitem *it = xmalloc(sizeof(*it));

		memset(it, 0, sizeof(*it));
		if (lex_peek(lx) == T_LPAREN)
			lex_next(lx);
		for (;;) {
			if (lex_peek(lx) != T_WORD)
				syntax_error("\"%s\" unexpected in case pattern",
					     tok_name(lx));
			strv_push(&it->pats, lx->text);
			lex_next(lx);
			if (lex_peek(lx) != T_PIPE)
				break;
			lex_next(lx);
		}
		if (lex_peek(lx) != T_RPAREN)
			syntax_error("expected \")\" in case, got \"%s\"",
				     tok_name(lx));
		lex_next(lx);
		it->body = parse_list(lx, 0);
		*tail = it;
		tail = &it->next;
		if (lex_peek(lx) == T_DSEMI) {
			lex_next(lx);
			linebreak(lx);
		} else if (!is_word(lx, "esac")) {
			syntax_error("\"%s\" unexpected in case", tok_name(lx));
		}
	}
	free(lx->text);
	lex_next(lx);
	return n;
}

/* A compound command, or NULL when the lookahead starts none. */
static struct node *parse_compound(struct lexer *lx)
{
	int line = lx->line;
	enum tok t = lex_peek(lx);
	struct node *n;

	if (t == T_LPAREN) {
		lex_next(lx);
		n = new_node(N_SUBSHELL, line);
		n->a = parse_list(lx, 0);
		if (lex_peek(lx) != T_RPAREN)
			syntax_error("\"%s\" unexpected (expecting \")\")",
				     tok_name(lx));
		lex_next(lx);
		return n;
	}
	if (t != T_WORD)
		return NULL;
	if (!strcmp(lx->text, "{")) {
		n = new_node(N_GROUP, line);
	} else if (!strcmp(lx->text, "if")) {
		n = new_node(N_IF, line);
	} else if (!strcmp(lx->text, "while")) {
		n = new_node(N_WHILE, line);
	} else if (!strcmp(lx->text, "until")) {
		n = new_node(N_UNTIL, line);
	} else if (!strcmp(lx->text, "for")) {
		n = new_node(N_FOR, line);
	} else if (!strcmp(lx->text, "case")) {
		n = new_node(N_CASE, line);
	} else {
		return NULL;
	}
	free(lx->text);
	lex_next(lx);
	switch (n->type) {
	case N_GROUP:
		n->a = parse_body(lx, "}");
		return n;
	case N_IF:
		free(n);
		return parse_if(lx, line);
	case N_WHILE:
	case N_UNTIL:
		n->a = parse_list(lx, 0);
		expect_word(lx, "do");
		n->b = parse_body(lx, "done");
		return n;
	case N_FOR:
		free(n);
		return parse_for(lx, line);
	default:
		free(n);
		return parse_case(lx, line);
	}
}

static struct node *parse_simple(struct lexer *lx)
{
	struct node *n = new_node(N_CMD, lx->line);

	for (;;) {
		enum tok t = lex_peek(lx);

		if (t == T_REDIR) {
			add_redir(n, parse_redir(lx));
		} else if (t == T_WORD) {
			if (n->words.n == 0 && var_assignment(lx->text)) {
				strv_push(&n->assigns, lx->text);
				lex_next(lx);
				continue;
			}
			strv_push(&n->words, lx->text);
			lex_next(lx);
			if (n->words.n == 1 && n->assigns.n == 0 &&
			    !n->redirs && lex_peek(lx) == T_LPAREN)
				return n;	/* a function definition */
		} else {
			break;
		}
	}
	if (!n->words.n && !n->assigns.n && !n->redirs)
		syntax_error("\"%s\" unexpected", tok_name(lx));
	return n;
}

static struct node *parse_command1(struct lexer *lx)
{
	struct node *n = parse_compound(lx);

	if (n) {
		parse_trailing_redirs(lx, n);
		return n;
	}
	n = parse_simple(lx);
	if (lex_peek(lx) == T_LPAREN && n->words.n == 1) {
		struct node *f = new_node(N_FUNC, n->line);

		lex_next(lx);
		if (lex_peek(lx) != T_RPAREN)
			syntax_error("expected \")\" after function name");
		lex_next(lx);
		linebreak(lx);
		f->name = n->words.v[0];
		if (!is_name(f->name, strlen(f->name)))
			syntax_error("bad function name \"%s\"", f->name);
		f->a = parse_compound(lx);
		if (!f->a)
			syntax_error("function body must be a compound command");
		parse_trailing_redirs(lx, f->a);
		return f;
	}
	return n;
}

static struct node *parse_pipeline(struct lexer *lx)
{
	struct node *n, *p, *last;
	int bang = 0, line = lx->line;

	if (is_word(lx, "!")) {
		free(lx->text);
		lex_next(lx);
		bang = 1;
	}
	last = n = parse_command1(lx);
	if (lex_peek(lx) == T_PIPE) {
		p = new_node(N_PIPE, line);
		p->a = n;
		while (lex_peek(lx) == T_PIPE) {
			lex_next(lx);
			linebreak(lx);
			last->next = parse_command1(lx);
			last = last->next;
		}
		n = p;
	}
	if (bang) {
		p = new_node(N_NOT, line);
		p->a = n;
		n = p;
	}
	return n;
}

static struct node *parse_and_or(struct lexer *lx)
{
	struct node *n = parse_pipeline(lx);

	for (;;) {
		enum tok t = lex_peek(lx);
		struct node *p;

		if (t != T_AND && t != T_OR)
			return n;
		lex_next(lx);
		linebreak(lx);
		p = new_node(t == T_AND ? N_AND : N_OR, n->line);
		p->a = n;
		p->b = parse_pipeline(lx);
		n = p;
	}
}

static struct node *seq(struct node *a, struct node *b)
{
	struct node *n;

	if (!a)
		return b;
	n = new_node(N_SEQ, a->line);
	n->a = a;
	n->b = b;
	return n;
}

/*
 * A list of and_or items. At top level it ends at the first newline,
 * which is consumed without looking further (that would block on an
 * interactive terminal); inside compounds newlines separate items.
 */
static struct node *parse_list(struct lexer *lx, int toplevel)
{
	struct node *list = NULL;

	for (;;) {
		struct node *n;
		enum tok t;

		if (!toplevel)
			linebreak(lx);
		if (ends_list(lx) || (toplevel && lex_peek(lx) == T_NL))
			break;
		n = parse_and_or(lx);
		t = lex_peek(lx);
		if (t == T_AMP) {
			struct node *bg = new_node(N_BG, n->line);

			bg->a = n;
			n = bg;
		}
		list = seq(list, n);
		if (t == T_SEMI || t == T_AMP) {
			lex_next(lx);
			continue;
		}
		if (t == T_NL) {
			if (toplevel)
				break;
			continue;
		}
		break;
	}
	if (!list && !toplevel)
		syntax_error("\"%s\" unexpected (empty list)", tok_name(lx));
	return list;
}

/*
 * parse_subst - parse the body of a $(...) whose "$(" was just read from
 * s, up to and including its ")". Only the text matters (the lexer keeps
 * it raw): the parser is what knows that "case x in x)" does not close
 * the substitution.
 */
void parse_subst(struct src *s)
{
	struct lexer lx;

	lex_init(&lx, s);
	linebreak(&lx);
	if (lex_peek(&lx) != T_RPAREN)
		parse_list(&lx, 0);
	if (lex_peek(&lx) != T_RPAREN)
		syntax_error("\"%s\" unexpected (expecting \")\")",
			     tok_name(&lx));
	lex_next(&lx);
}

struct node *parse_command(struct lexer *lx, int *eof)
{
	struct node *n;

	*eof = 0;
	for (;;) {
		enum tok t = lex_peek(lx);

		sh.line = lx->line;
		if (t == T_EOF) {
			*eof = 1;
			return NULL;
		}
		if (t != T_NL)
			break;
		lex_next(lx);
		return NULL;	/* an empty line */
	}
	n = parse_list(lx, 1);
	if (lex_peek(lx) == T_NL)
		lex_next(lx);
	else if (lex_peek(lx) != T_EOF)
		syntax_error("\"%s\" unexpected", tok_name(lx));
	return n;
}
