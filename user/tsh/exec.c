/*
 * exec.c - running the tree: simple commands, pipelines, lists and
 * compound commands, functions, and the read-parse-run loop.
 *
 * External commands go to spawn.c (vfork + execve). Builtins and
 * functions run in the shell process, with their redirections applied
 * around them and undone after. Whatever must run shell code in another
 * process (subshells, background lists, builtin stages of a pipeline)
 * is forked; the child never returns into the caller's loop: it leaves
 * through sh_exit.
 * Control flow (break, continue, return, exit) is sh.jump, checked after
 * every command; set -e is checked where a command's status is final
 * and sh.noerrexit is 0 (not inside a condition).
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

static void xtrace(struct strv *assigns, struct strv *args)
{
	const char *ps4 = getvar("PS4");

	fputs(ps4 ? ps4 : "+ ", stderr);
	for (int i = 0; i < assigns->n; i++)
		fprintf(stderr, "%s ", assigns->v[i]);
	for (int i = 0; i < args->n; i++)
		fprintf(stderr, i ? " %s" : "%s", args->v[i]);
	fputc('\n', stderr);
}

static int expand_assigns(struct node *n, struct strv *out)
{
	for (int i = 0; i < n->assigns.n; i++) {
		const char *a = n->assigns.v[i];
		int k = var_assignment(a);
		char *v = expand_str(a + k + 1, X_PLAIN);
		char *s;

		if (!v)
			return -1;
		s = xmalloc(k + strlen(v) + 2);
		sprintf(s, "%.*s=%s", k, a, v);
		free(v);
		strv_push(out, s);
	}
	return 0;
}

static void set_assigns(struct strv *as, int flags, struct strv *saved)
{
	for (int i = 0; i < as->n; i++) {
		int k = var_assignment(as->v[i]);
		char *name = xstrndup(as->v[i], k);

		if (saved) {
			const char *old = getvar(name);
			char *s = xmalloc(k + (old ? strlen(old) : 0) + 3);

			sprintf(s, "%s%c%s", name, old ? '=' : '-',
				old ? old : "");
			strv_push(saved, s);
		}
		setvar(name, as->v[i] + k + 1, flags);
		free(name);
	}
}

/*
 * Run a builtin or function in the shell with redirections applied and
 * assignments in effect for its duration (kept for special builtins).
 */
static int run_inside(builtin_fn fn, int special, struct node *fbody,
		      struct strv *args, struct strv *assigns,
		      struct rdlist *rl)
{
	struct strv saved = { 0 };
	int status;

	if (redir_apply_saved(rl) < 0) {
		redir_restore(rl);
		if (special && !sh.interactive)
			sh_exit(1);
		return 1;
	}
	set_assigns(assigns, 0, special ? NULL : &saved);
	if (fn)
		status = fn(args->n, args->v);
	else
		status = run_function(fbody, args->n, args->v);
	fflush(stdout);
	if (!special) {
		for (int i = saved.n - 1; i >= 0; i--) {
			char *s = saved.v[i];
			int k = var_assignment(s);

			if (k) {
				s[k] = '\0';
				setvar(s, s + k + 1, 0);
			} else {
				unsetvar(strtok(s, "-"));
			}
		}
		strv_free(&saved);
	}
	if (fn == NULL || strcmp(args->v[0], "exec") != 0 || args->n > 1)
		redir_restore(rl);
	else
		redir_keep(rl);
	return status;
}

/* argv with a spare slot in front (see start_external). */
static char **with_slot(struct strv *args)
{
	char **a = xmalloc((args->n + 2) * sizeof(char *));

	a[0] = NULL;
	memcpy(a + 1, args->v, (args->n + 1) * sizeof(char *));
	return a;
}

/* Make a forked child's descriptors: in -> 0, out -> 1. */
static void child_fds(int in, int out, int closefd)
{
	if (closefd >= 0)
		close(closefd);
	if (in >= 0 && in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out >= 0 && out != 1) {
		dup2(out, 1);
		close(out);
	}
	sh.subshell = 1;
	sh.interactive = 0;
}

/*
 * run_simple - a simple command. With in/out/closefd (a pipeline stage)
 * or pidp (background), it is started and not waited for: *pidp gets
 * the pid (or -STATUS). Otherwise returns its status.
 */
static int run_simple(struct node *n, int in, int out, int closefd,
		      pid_t *pidp)
{
	struct strv args = { 0 }, assigns = { 0 };
	struct rdlist rl = { 0 };
	struct node *fbody = NULL;
	builtin_fn fn = NULL;
	int special = 0, status = 0;
	pid_t pid;

	sh.line = n->line;
	sh.status_subst = -1;
	if (expand_words(n->words.v, n->words.n, &args) < 0 ||
	    expand_assigns(n, &assigns) < 0 ||
	    redir_prepare(n->redirs, &rl) < 0) {
		status = 1;
		if (!sh.interactive && expand_failed)
			sh_exit(2);
		goto out;
	}
	if (sh.opt_x && (args.n || assigns.n))
		xtrace(&assigns, &args);
	if (args.n) {
		fbody = func_lookup(args.v[0]);
		if (!fbody)
			fn = builtin_lookup(args.v[0], &special);
	}
	if (args.n && !fn && !fbody) {		/* an external program */
		char **env = make_env(&assigns);
		char **argv = with_slot(&args);

		pid = start_external(argv + 1, env, &rl, in, out);
		free(argv);
		for (char **e = env; *e; e++)
			free(*e);
		free(env);
		if (pidp) {
			*pidp = pid;
			goto out;
		}
		status = wait_status(pid);
		goto out;
	}
	if (pidp) {			/* shell code in another process */
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			child_fds(in, out, closefd);
			if (!args.n)
				sh_exit(redir_apply_saved(&rl) < 0);
			sh_exit(run_inside(fn, special, fbody, &args,
					   &assigns, &rl));
		}
		*pidp = pid < 0 ? -2 : pid;
		goto out;
	}
	if (!args.n) {			/* assignments and redirections only */
		set_assigns(&assigns, 0, NULL);
		status = redir_apply_saved(&rl) < 0 ? 1 : 0;
		redir_restore(&rl);
		if (!status && sh.status_subst >= 0)
			status = sh.status_subst;
		goto out;
	}
	status = run_inside(fn, special, fbody, &args, &assigns, &rl);
out:
	redir_free(&rl);
	strv_free(&args);
	strv_free(&assigns);
	return status;
}

/* Start one stage of a pipeline (or a background job); its pid. */
static pid_t start_stage(struct node *n, int in, int out, int closefd)
{
	pid_t pid = -1;

	if (n->type == N_CMD) {
		run_simple(n, in, out, closefd, &pid);
		return pid;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		child_fds(in, out, closefd);
		sh_exit(run_node(n));
	}
	if (pid < 0) {
		sh_err("fork: %m");
		return -2;
	}
	return pid;
}

/*
 * run_pipeline - every stage started at once, each reading the previous
 * stage's pipe. The shell closes each pipe end as soon as the stage
 * that needs it has been started, so a reader sees end-of-file and a
 * writer SIGPIPE exactly when the stages themselves go away.
 */
int run_pipeline(struct node *first, int bg)
{
	pid_t pids[64];
	int n = 0, prev = -1, status = 0;

	for (struct node *s = first; s; s = s->next) {
		int p[2] = { -1, -1 };

		if (s->next && pipe2(p, O_CLOEXEC) < 0) {
			sh_err("pipe: %m");
			break;
		}
		if (n < 64)
			pids[n++] = start_stage(s, prev, p[1], p[0]);
		if (prev >= 0)
			close(prev);
		if (p[1] >= 0)
			close(p[1]);
		prev = p[0];
	}
	if (prev >= 0)
		close(prev);
	for (int i = 0; i < n; i++)
		status = wait_status(pids[i]);
	(void)bg;
	return status;
}

static int errexit_check(int status)
{
	if (status && sh.opt_e && !sh.noerrexit && sh.jump == J_NONE)
		sh_exit(status);
	return status;
}

/*
 * After one pass of a loop body: consume a pending break or continue
 * aimed at this loop (break N / continue N count down enclosing loops)
 * and say whether the loop must end (1) or go on (0). A return or exit
 * ends it too.
 */
static int loop_ends(void)
{
	if (sh.jump != J_BREAK && sh.jump != J_CONTINUE)
		return sh.jump != J_NONE;
	if (--sh.jumpn > 0)
		return 1;		/* aimed at an outer loop */
	if (sh.jump == J_BREAK) {
		sh.jump = J_NONE;
		return 1;
	}
	sh.jump = J_NONE;		/* continue: next pass */
	return 0;
}

static int run_loop(struct node *n)
{
	int status = 0;

	sh.loops++;
	for (;;) {
		int c;

		sh.noerrexit++;
		c = run_node(n->a);
		sh.noerrexit--;
		if (sh.jump != J_NONE && sh.jump != J_CONTINUE)
			break;
		if ((c == 0) != (n->type == N_WHILE))
			break;
		status = run_node(n->b);
		if (loop_ends())
			break;
	}
	sh.loops--;
	return status;
}

static int run_for(struct node *n)
{
	struct strv list = { 0 };
	int status = 0;

	if (n->has_in) {
		if (expand_words(n->words.v, n->words.n, &list) < 0)
			return 1;
	} else {
		for (int i = 0; i < pos.n; i++)
			strv_push(&list, xstrdup(pos.v[i]));
	}
	sh.loops++;
	for (int i = 0; i < list.n; i++) {
		setvar(n->name, list.v[i], 0);
		status = run_node(n->a);
		if (loop_ends())
			break;
	}
	sh.loops--;
	strv_free(&list);
	return status;
}

static int run_case(struct node *n)
{
	char *word = expand_str(n->words.v[0], X_PLAIN);

	if (!word)
		return 1;
	for (struct caseitem *it = n->items; it; it = it->next) {
		for (int i = 0; i < it->pats.n; i++) {
			char *pat = expand_str(it->pats.v[i], X_PATTERN);
			int m = pat && fnmatch(pat, word, 0) == 0;

			free(pat);
			if (m) {
				free(word);
				return it->body ? run_node(it->body) : 0;
			}
		}
	}
	free(word);
	return 0;
}

static int run_subshell(struct node *n)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sh.subshell = 1;
		job_forget_all();
		sh_exit(run_node(n->a));
	}
	if (pid < 0) {
		sh_err("fork: %m");
		return 2;
	}
	return wait_status(pid);
}

static int run_background(struct node *n)
{
	pid_t pid = start_stage(n->a, -1, -1, -1);
	char what[48];

	if (pid > 0) {
		snprintf(what, sizeof(what), "%s", n->a->type == N_CMD &&
			 n->a->words.n ? n->a->words.v[0] : "(list)");
		job_add(pid, what);
		sh.lastbg = pid;
		if (sh.interactive)
			fprintf(stderr, "[%d]\n", (int)pid);
	}
	return 0;
}

static int run_compound(struct node *n)
{
	int st;

	switch (n->type) {
	case N_SUBSHELL:
		return run_subshell(n);
	case N_GROUP:
		return run_node(n->a);
	case N_IF:
		sh.noerrexit++;
		st = run_node(n->a);
		sh.noerrexit--;
		if (sh.jump != J_NONE)
			return st;
		if (st == 0)
			return run_node(n->b);
		return n->c ? run_node(n->c) : 0;
	case N_WHILE:
	case N_UNTIL:
		return run_loop(n);
	case N_FOR:
		return run_for(n);
	case N_CASE:
		return run_case(n);
	default:
		return 0;
	}
}

/* run_node - run a tree; returns its status, also left in sh.status. */
int run_node(struct node *n)
{
	struct rdlist rl = { 0 };
	int st = 0;

	if (!n || sh.jump != J_NONE)
		return sh.status;
	sh.line = n->line;
	switch (n->type) {
	case N_CMD:
		st = errexit_check(run_simple(n, -1, -1, -1, NULL));
		break;
	case N_PIPE:
		st = errexit_check(run_pipeline(n->a, 0));
		break;
	case N_AND:
	case N_OR:
		sh.noerrexit++;
		st = run_node(n->a);
		sh.noerrexit--;
		if (sh.jump == J_NONE && (st == 0) == (n->type == N_AND))
			st = run_node(n->b);
		break;
	case N_SEQ:
		run_node(n->a);
		st = run_node(n->b);
		break;
	case N_BG:
		st = run_background(n);
		break;
	case N_NOT:
		sh.noerrexit++;
		st = !run_node(n->a);
		sh.noerrexit--;
		break;
	case N_FUNC:
		func_define(n->name, n->a);
		st = 0;
		break;
	default:
		if (redir_prepare(n->redirs, &rl) < 0 ||
		    redir_apply_saved(&rl) < 0) {
			st = 1;
		} else {
			st = run_compound(n);
		}
		redir_restore(&rl);
		redir_free(&rl);
		if (n->type == N_SUBSHELL)
			errexit_check(st);
		break;
	}
	if (sh.jump == J_NONE || sh.jump == J_BREAK || sh.jump == J_CONTINUE)
		sh.status = st;
	return sh.status;
}

/*
 * run_function - call a function: its own positional parameters, and a
 * fresh loop count so break cannot leave it. "return" ends it.
 */
int run_function(struct node *body, int argc, char **argv)
{
	struct posargs saved = pos;
	int loops = sh.loops, st;

	pos.n = argc - 1;
	pos.v = argv + 1;
	sh.loops = 0;
	sh.funcs++;
	st = run_node(body);
	sh.funcs--;
	sh.loops = loops;
	pos = saved;
	if (sh.jump == J_RETURN) {
		sh.jump = J_NONE;
		st = sh.status;
	}
	return st;
}

/*
 * run_source - parse and run commands one at a time until the end of s.
 * A syntax error ends the source with status 2 (the caller decides
 * whether that ends the shell); an interactive source goes on.
 */
int run_source(struct src *s, int toplevel)
{
	struct lexer lx;
	jmp_buf jb, *outer = syntax_jmp;
	volatile int st = 0;

	lex_init(&lx, s);
	for (;;) {
		struct node *n;
		int eof;

		syntax_jmp = &jb;
		if (setjmp(jb)) {
			st = sh.status = 2;
			if (!sh.interactive || !toplevel)
				break;
			/* drop the rest of the line and start afresh; a ^D
			 * that cut a command short ends only that command */
			lx.have = 0;
			lx.npending = 0;
			s->pos = s->len;
			s->eof = 0;
			continue;
		}
		if (toplevel && sh.interactive) {
			job_reap();
			s->first = 1;
			if (s->pos == s->len)
				s->pos = s->len = 0;
		}
		n = parse_command(&lx, &eof);
		syntax_jmp = outer;
		if (eof)
			break;
		if (n)
			st = run_node(n);
		if (sh.jump == J_EXIT)
			break;
		if (!toplevel && sh.jump != J_NONE)
			break;
	}
	syntax_jmp = outer;
	return st;
}

int run_string(const char *text)
{
	struct src s;
	int st;

	src_string(&s, text);
	st = run_source(&s, 0);
	src_free(&s);
	return st;
}
