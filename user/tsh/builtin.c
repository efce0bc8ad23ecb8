/*
 * builtin.c - the builtins that change the shell itself (cd, exit,
 * export, set, shift, exec, wait, eval, source, break, ...) and the
 * builtin table. The ones that only compute (test, printf, read, kill,
 * umask, type) are in builtin2.c.
 * A builtin gets argv with argv[0] its name, writes through stdio
 * (flushed by the caller before its redirections are undone) and
 * returns its exit status.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

static int bi_colon(int argc, char **argv)
{
	return 0;
}

static int bi_false(int argc, char **argv)
{
	return 1;
}

static int bi_echo(int argc, char **argv)
{
	int i = 1, nl = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		nl = 0;
		i++;
	}
	for (; i < argc; i++) {
		fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}

static int bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getvar("HOME");
	char buf[PATH_MAX];
	const char *old = getvar("PWD");
	char *oldcopy = old ? xstrdup(old) : NULL;

	if (!dir)
		dir = "/";
	if (strcmp(dir, "-") == 0) {
		dir = getvar("OLDPWD");
		if (!dir) {
			sh_err("cd: OLDPWD not set");
			free(oldcopy);
			return 1;
		}
		puts(dir);
	}
	if (chdir(dir) < 0) {
		sh_err("cd: %s: %m", dir);
		free(oldcopy);
		return 1;
	}
	if (oldcopy)
		setvar("OLDPWD", oldcopy, 0);
	free(oldcopy);
	if (getcwd(buf, sizeof(buf)))
		setvar("PWD", buf, 0);
	return 0;
}

static int bi_pwd(int argc, char **argv)
{
	char buf[PATH_MAX];

	if (!getcwd(buf, sizeof(buf))) {
		sh_err("pwd: %m");
		return 1;
	}
	puts(buf);
	return 0;
}

static int bi_exit(int argc, char **argv)
{
	sh_exit(argc > 1 ? atoi(argv[1]) & 255 : sh.status);
}

static int bi_export(int argc, char **argv)
{
	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
		var_print(1);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int k = var_assignment(argv[i]);

		if (k) {
			char *name = xstrndup(argv[i], k);

			setvar(name, argv[i] + k + 1, V_EXPORT);
			free(name);
		} else if (is_name(argv[i], strlen(argv[i]))) {
			exportvar(argv[i]);
		} else {
			sh_err("export: %s: bad variable name", argv[i]);
			return 1;
		}
	}
	return 0;
}

static int bi_unset(int argc, char **argv)
{
	int funcs = 0, i = 1;

	if (argc > 1 && (!strcmp(argv[1], "-f") || !strcmp(argv[1], "-v"))) {
		funcs = argv[1][1] == 'f';
		i++;
	}
	for (; i < argc; i++) {
		if (funcs)
			func_remove(argv[i]);
		else
			unsetvar(argv[i]);
	}
	return 0;
}

static int *option(const char *name, char letter)
{
	if (letter == 'e' || (name && !strcmp(name, "errexit")))
		return &sh.opt_e;
	if (letter == 'x' || (name && !strcmp(name, "xtrace")))
		return &sh.opt_x;
	if (letter == 'u' || (name && !strcmp(name, "nounset")))
		return &sh.opt_u;
	if (letter == 'f' || (name && !strcmp(name, "noglob")))
		return &sh.opt_f;
	if (name && !strcmp(name, "spawn"))
		return &sh.opt_spawn;
	return NULL;
}

static void set_positional(int n, char **v)
{
	char **copy = xmalloc((n + 1) * sizeof(char *));

	for (int i = 0; i < n; i++)
		copy[i] = xstrdup(v[i]);
	copy[n] = NULL;
	pos.n = n;
	pos.v = copy;	/* the old array may be a caller's: not freed */
}

static int bi_set(int argc, char **argv)
{
	int i;

	if (argc == 1) {
		var_print(0);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int on = a[0] == '-';

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		if (a[1] == 'o') {
			int *o;

			if (i + 1 == argc) {
				printf("errexit\t%s\nnoglob\t%s\nnounset\t%s\n"
				       "spawn\t%s\nxtrace\t%s\n",
				       sh.opt_e ? "on" : "off",
				       sh.opt_f ? "on" : "off",
				       sh.opt_u ? "on" : "off",
				       sh.opt_spawn ? "on" : "off",
				       sh.opt_x ? "on" : "off");
				return 0;
			}
			o = option(argv[++i], 0);
			if (!o) {
				sh_err("set: no option %s", argv[i]);
				return 2;
			}
			*o = on;
			continue;
		}
		for (const char *c = a + 1; *c; c++) {
			int *o = option(NULL, *c);

			if (!o) {
				sh_err("set: bad option -%c", *c);
				return 2;
			}
			*o = on;
		}
	}
	if (i < argc || (i == argc && !strcmp(argv[i - 1], "--")))
		set_positional(argc - i, argv + i);
	return 0;
}

static int bi_shift(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (n < 0 || n > pos.n) {
		sh_err("shift: can't shift that many");
		return 1;
	}
	pos.v += n;
	pos.n -= n;
	return 0;
}

/* exec with a command: replace the shell (redirections are applied). */
static int bi_exec(int argc, char **argv)
{
	char **env, *path;
	int err;

	if (argc == 1)
		return 0;
	path = find_path(argv[1], &err);
	env = make_env(NULL);
	if (path && err != ENOENT) {
		edit_restore();
		fflush(stdout);
		execve(path, argv + 1, env);
		err = errno;
		if (err == ENOEXEC) {
			argv[0] = (char *)sh.self;
			argv[1] = path;
			execve(sh.self, argv, env);
			err = errno;
		}
	}
	sh_err("exec: %s: %s", argv[1], err == ENOENT ? "not found" :
	       strerror(err));
	if (sh.interactive && !sh.subshell)
		return err == ENOENT ? 127 : 126;	/* as dash: go on */
	sh_exit(err == ENOENT ? 127 : 126);
}

static int bi_wait(int argc, char **argv)
{
	int st = 0;

	if (argc == 1)
		return job_wait(0);
	for (int i = 1; i < argc; i++)
		st = job_wait(atoi(argv[i]));
	return st;
}

static int bi_jobs(int argc, char **argv)
{
	job_list();
	return 0;
}

static int bi_eval(int argc, char **argv)
{
	struct sbuf b = { 0 };
	int st;

	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_putc(&b, ' ');
		sb_puts(&b, argv[i]);
	}
	if (!b.s)
		return 0;
	st = run_string(b.s);
	free(b.s);
	return st;
}

static int bi_source(int argc, char **argv)
{
	struct posargs saved = pos;
	struct src s;
	char *path;
	int err, st;

	if (argc < 2) {
		sh_err(".: file name required");
		return 2;
	}
	path = strchr(argv[1], '/') ? xstrdup(argv[1]) :
				      find_path(argv[1], &err);
	if (!path || src_file(&s, path) < 0) {
		if (!path || src_file(&s, argv[1]) < 0) {
			sh_err(".: %s: not found", argv[1]);
			free(path);
			if (!sh.interactive)
				sh_exit(2);
			return 2;
		}
	}
	free(path);
	if (argc > 2) {
		pos.n = argc - 2;
		pos.v = argv + 2;
	}
	st = run_source(&s, 0);
	src_free(&s);
	if (argc > 2)
		pos = saved;
	if (sh.jump == J_RETURN) {
		sh.jump = J_NONE;
		st = sh.status;
	}
	return st;
}

static int bi_return(int argc, char **argv)
{
	sh.status = argc > 1 ? atoi(argv[1]) & 255 : sh.status;
	sh.jump = J_RETURN;
	return sh.status;
}

static int bi_break(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	if (sh.loops == 0)
		return 0;
	if (n < 1)
		return 1;
	sh.jump = argv[0][0] == 'b' ? J_BREAK : J_CONTINUE;
	sh.jumpn = n > sh.loops ? sh.loops : n;
	return 0;
}

/* command NAME ARGS: run NAME skipping functions; -v/-V: describe. */
static int bi_command(int argc, char **argv)
{
	builtin_fn fn;
	int special, st;
	struct strv args = { 0 };
	struct rdlist none = { 0 };
	char **env, **slot;

	if (argc > 1 && (!strcmp(argv[1], "-v") || !strcmp(argv[1], "-V")))
		return bi_command_v(argc - 1, argv + 1, argv[1][1] == 'V');
	if (argc == 1)
		return 0;
	fn = builtin_lookup(argv[1], &special);
	if (fn)
		return fn(argc - 1, argv + 1);
	for (int i = 1; i < argc; i++)
		strv_push(&args, argv[i]);
	slot = xmalloc((argc + 1) * sizeof(char *));
	memcpy(slot + 1, args.v, argc * sizeof(char *));
	env = make_env(NULL);
	st = wait_status(start_external(slot + 1, env, &none, -1, -1));
	for (char **e = env; *e; e++)
		free(*e);
	free(env);
	free(slot);
	free(args.v);
	return st;
}

struct builtin {
	const char *name;
	builtin_fn fn;
	int special;		/* POSIX special builtin: assignments stay */
};

static const struct builtin builtins[] = {
	{ ":", bi_colon, 1 }, { ".", bi_source, 1 }, { "[", bi_test, 0 },
	{ "break", bi_break, 1 }, { "cd", bi_cd, 0 },
	{ "command", bi_command, 0 }, { "continue", bi_break, 1 },
	{ "echo", bi_echo, 0 }, { "eval", bi_eval, 1 },
	{ "exec", bi_exec, 1 }, { "exit", bi_exit, 1 },
	{ "export", bi_export, 1 }, { "false", bi_false, 0 },
	{ "jobs", bi_jobs, 0 }, { "kill", bi_kill, 0 },
	{ "printf", bi_printf, 0 }, { "pwd", bi_pwd, 0 },
	{ "read", bi_read, 0 }, { "return", bi_return, 1 },
	{ "set", bi_set, 1 }, { "shift", bi_shift, 1 },
	{ "source", bi_source, 1 }, { "test", bi_test, 0 },
	{ "true", bi_colon, 0 }, { "type", bi_type, 0 },
	{ "umask", bi_umask, 0 }, { "unset", bi_unset, 1 },
	{ "wait", bi_wait, 0 }, { NULL, NULL, 0 }
};

builtin_fn builtin_lookup(const char *name, int *special)
{
	for (const struct builtin *b = builtins; b->name; b++) {
		if (strcmp(b->name, name) == 0) {
			*special = b->special;
			return b->fn;
		}
	}
	*special = 0;
	return NULL;
}
