/*
 * tsh.h - shared declarations of tsh, the Sleight test shell.
 *
 * The shell is one process with no threads. Its parts:
 *   input.c   - sources of text (strings, files, stdin, the line editor)
 *   lex.c     - tokens, with raw word text kept quoted for expansion
 *   parse.c   - recursive-descent parser to the tree below
 *   expand.c  - parameter, command and arithmetic expansion, field
 *               splitting, globbing and quote removal
 *   arith.c   - $((...)) evaluation
 *   var.c     - variables, positional parameters, functions
 *   exec.c    - running trees: lists, compound commands, functions
 *   spawn.c   - redirections, vfork+execve (or posix_spawn), pipelines
 *   builtin.c, builtin2.c - the builtins
 *   edit.c    - interactive line editing in termios raw mode
 *   main.c    - option parsing and the read-parse-run loop
 */
#ifndef TSH_H
#define TSH_H

#include <setjmp.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- small containers ---------------------------------------------- */

struct strv {			/* growable NULL-terminated string vector */
	char **v;
	int n, cap;
};

void strv_push(struct strv *sv, char *s);
void strv_free(struct strv *sv);

struct sbuf {			/* growable NUL-terminated byte string */
	char *s;
	size_t len, cap;
};

void sb_putc(struct sbuf *b, int c);
void sb_puts(struct sbuf *b, const char *s);
void sb_putn(struct sbuf *b, const char *s, size_t n);
char *sb_done(struct sbuf *b);	/* hands the string to the caller */

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* ---- input --------------------------------------------------------- */

struct src {
	char *buf;		/* text read so far */
	size_t len, cap, pos;
	int (*more)(struct src *);	/* append input; 0 at end */
	int fd;			/* for file/stdin sources */
	int line;		/* line number of buf[pos] */
	int first;		/* next read starts a new command (PS1) */
	int eof;
};

void src_string(struct src *s, const char *text);
int src_file(struct src *s, const char *path);
void src_stdin(struct src *s, int interactive);
void src_free(struct src *s);
int src_peek(struct src *s);	/* -1 at end */
int src_get(struct src *s);

/* ---- tokens and tree ----------------------------------------------- */

enum tok {
	T_EOF, T_NL, T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI,
	T_LPAREN, T_RPAREN, T_REDIR
};

enum rop { R_IN, R_OUT, R_APPEND, R_RDWR, R_DUPIN, R_DUPOUT, R_HEREDOC };

struct redir {
	int fd;			/* the descriptor redirected */
	enum rop op;
	char *word;		/* raw target word or here-doc delimiter */
	char *body;		/* here-document text */
	int quoted;		/* here-doc delimiter was quoted: no expansion */
	int strip;		/* <<- : leading tabs removed */
	struct redir *next;
};

enum ntype {
	N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP,
	N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC
};

struct caseitem {
	struct strv pats;	/* raw pattern words */
	struct node *body;	/* may be NULL */
	struct caseitem *next;
};

struct node {
	enum ntype type;
	int line;
	struct node *a, *b, *c;	/* children: if (a) then b else c, ... */
	struct node *next;	/* next stage of a pipeline */
	struct strv words;	/* N_CMD argv, N_FOR list, N_CASE subject */
	struct strv assigns;	/* N_CMD prefix assignments */
	struct redir *redirs;
	char *name;		/* N_FOR variable, N_FUNC name */
	int has_in;		/* N_FOR: an "in" list was given */
	struct caseitem *items;
};

struct lexer {
	struct src *src;
	enum tok tok;		/* lookahead, valid when have */
	int have;
	char *text;		/* T_WORD text, T_REDIR operator */
	int iofd;		/* T_REDIR: explicit descriptor or -1 */
	int line;		/* line of the lookahead token */
	struct redir *pending[16];	/* here-docs waiting for a body */
	int npending;
};

extern jmp_buf *syntax_jmp;	/* where a syntax error unwinds to */
void syntax_error(const char *fmt, ...);

void lex_init(struct lexer *lx, struct src *s);
enum tok lex_peek(struct lexer *lx);
void lex_next(struct lexer *lx);	/* drop the lookahead */
int scan_subst(const char *s, size_t i);	/* end of $(..) ${..} `..` */

/* Parse one complete command (up to a newline). NULL at end of input,
 * with *eof set. Syntax errors longjmp to *syntax_jmp. */
struct node *parse_command(struct lexer *lx, int *eof);
void parse_subst(struct src *s);	/* skip a $(...) body and its ')' */

/* ---- variables ----------------------------------------------------- */

#define V_EXPORT	1

const char *getvar(const char *name);
void setvar(const char *name, const char *val, int flags);
void unsetvar(const char *name);
void exportvar(const char *name);
int is_name(const char *s, size_t n);
int var_assignment(const char *s);	/* length of NAME before '=', or 0 */
char **make_env(struct strv *extra);
void var_import(char **envp);
void var_print(int exported_only);

struct posargs {
	int n;
	char **v;		/* v[0] .. v[n-1] are $1 .. $n */
};

extern struct posargs pos;
extern char *arg0;

void func_define(const char *name, struct node *body);
struct node *func_lookup(const char *name);
void func_remove(const char *name);

/* ---- shell state ---------------------------------------------------- */

enum jump { J_NONE, J_BREAK, J_CONTINUE, J_RETURN, J_EXIT };

struct shell {
	int status;		/* $? */
	int status_subst;	/* status of the last $(...), or -1 */
	pid_t pid;		/* $$: the top shell's pid, kept in subshells */
	pid_t lastbg;		/* $! */
	int opt_e, opt_x, opt_u, opt_f, opt_spawn;
	int interactive;
	int subshell;		/* running in a forked child */
	int noerrexit;		/* > 0 inside conditions: set -e ignored */
	enum jump jump;
	int jumpn;		/* levels left for break/continue */
	int loops;		/* loop nesting of the current function */
	int funcs;		/* function nesting */
	const char *name;	/* script name for messages */
	int line;		/* line being run */
	const char *self;	/* path of the tsh binary (ENOEXEC fallback) */
	volatile int sigint;	/* SIGINT arrived */
};

extern struct shell sh;

void sh_err(const char *fmt, ...);	/* "name: line N: msg" to stderr */
void sh_exit(int status) __attribute__((noreturn));

/* ---- expansion ------------------------------------------------------ */

enum xmode { X_PLAIN, X_PATTERN, X_HEREDOC };

int expand_words(char **raw, int n, struct strv *out);	/* -1 on error */
char *expand_str(const char *raw, enum xmode mode);	/* NULL on error */
char *cmd_subst(const char *text);
char *unquote(const char *raw);	/* quote removal only */
long arith_eval(const char *expr, int *err);
extern int expand_failed;	/* set -u or ${x:?} stopped an expansion */

/* ---- execution ------------------------------------------------------ */

int run_node(struct node *n);
int run_source(struct src *s, int toplevel);
int run_string(const char *text);
int run_function(struct node *body, int argc, char **argv);

/* One prepared redirection: everything the vfork child needs, computed
 * before the vfork so the child only opens, dup2s and closes. */
struct rdo {
	int fd;
	int kind;		/* 0 open path, 1 dup srcfd, 2 close */
	int flags;		/* open flags */
	int srcfd;
	char *path;
	int ownfd;		/* srcfd is ours (here-doc): close after */
};

struct rdlist {
	struct rdo *v;
	int n;
	int saved[32][2];	/* fd, saved copy (-1: was closed) */
	int nsaved;
};

int redir_prepare(struct redir *r, struct rdlist *out);	/* -1 error */
int redir_apply_saved(struct rdlist *l);	/* in the shell; -1 error */
void redir_restore(struct rdlist *l);
void redir_free(struct rdlist *l);
void redir_keep(struct rdlist *l);	/* exec: forget the saved copies */

pid_t start_external(char **argv, char **envp, struct rdlist *rl,
		     int in, int out);
int wait_status(pid_t pid);
int run_pipeline(struct node *first, int bg);
int status_of(int wstatus);
char *find_path(const char *name, int *err);

void job_add(pid_t pid, const char *what);
void job_reap(void);
int job_wait(pid_t pid);	/* pid 0: all */
void job_list(void);
void job_forget_all(void);

/* ---- builtins ------------------------------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_lookup(const char *name, int *special);
int bi_test(int argc, char **argv);
int bi_printf(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_umask(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_command_v(int argc, char **argv, int verbose);

/* ---- interactive ---------------------------------------------------- */

char *edit_line(const char *prompt);	/* NULL at ^D on an empty line */
void edit_restore(void);
void edit_history_add(const char *line);

#endif
