/*
 * main.c - tsh, the Sleight test shell: options, start-up and exit.
 *
 * usage: tsh [-eiux] [-o OPT] -c 'COMMANDS' [NAME [ARG...]]
 *        tsh [-eiux] [-o OPT] SCRIPT [ARG...]
 *        tsh [-eiux] [-o OPT] [-s] [ARG...]      (commands from stdin)
 * Interactive when reading a terminal on stdin with stderr a terminal,
 * or with -i: then SIGINT only interrupts what runs in the foreground
 * (the shell catches it; a caught signal is reset to the default by
 * execve, so the programs it starts die of it).
 * The exit status is that of the last command; 2 after a syntax error;
 * 127 when SCRIPT cannot be opened.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsh.h"

struct shell sh;

void sh_err(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (sh.interactive && !sh.subshell)
		fprintf(stderr, "%s: ", sh.name);
	else
		fprintf(stderr, "%s: line %d: ", sh.name, sh.line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void sh_exit(int status)
{
	edit_restore();
	fflush(stdout);
	_exit(status & 255);
}

static void on_sigint(int sig)
{
	sh.sigint = 1;
}

/* The shell's own path, for running scripts without "#!". */
static const char *find_self(const char *argv0)
{
	static char buf[PATH_MAX];
	char *p;
	int err;

	if (argv0[0] == '/')
		return argv0;
	if (strchr(argv0, '/') && getcwd(buf, sizeof(buf) - strlen(argv0) - 2)) {
		strcat(buf, "/");
		strcat(buf, argv0);
		return buf;
	}
	p = find_path(argv0, &err);
	if (p && !err)
		return p;
	return "/bin/tsh";
}

static void usage(void)
{
	fputs("usage: tsh [-eiux] [-o spawn] [-c COMMANDS [NAME ARG...] | "
	      "SCRIPT ARG... | -s ARG...]\n", stderr);
	sh_exit(2);
}

static void set_defaults(void)
{
	char buf[PATH_MAX];
	char num[16];

	if (!getvar("PATH"))
		setvar("PATH", "/bin:/sbin", V_EXPORT);
	if (!getvar("PS1"))
		setvar("PS1", geteuid() ? "tsh$ " : "tsh# ", 0);
	setvar("PS2", "> ", 0);
	setvar("PS4", "+ ", 0);
	if (getcwd(buf, sizeof(buf)))
		setvar("PWD", buf, V_EXPORT);
	snprintf(num, sizeof(num), "%d", (int)getppid());
	setvar("PPID", num, 0);
}

int main(int argc, char **argv, char **envp)
{
	const char *cmd = NULL;
	int i, force_i = 0, from_stdin = 0, st;
	struct src s;
	struct sigaction sa;

	sh.pid = getpid();
	sh.name = "tsh";
	sh.status_subst = -1;
	var_import(envp);
	set_defaults();
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			switch (*o) {
			case 'c':
				if (++i >= argc)
					usage();
				cmd = argv[i];
				break;
			case 'e': sh.opt_e = 1; break;
			case 'u': sh.opt_u = 1; break;
			case 'x': sh.opt_x = 1; break;
			case 'f': sh.opt_f = 1; break;
			case 'i': force_i = 1; break;
			case 's': from_stdin = 1; break;
			case 'o':
				if (++i >= argc)
					usage();
				if (!strcmp(argv[i], "spawn"))
					sh.opt_spawn = 1;
				break;
			default:
				usage();
			}
			if (cmd || *o == 'o')
				break;
		}
		if (cmd)
			break;
	}
	if (cmd)
		i++;
	sh.self = find_self(argv[0]);
	arg0 = argv[0];
	if (cmd) {
		if (i < argc)
			arg0 = argv[i++];
		src_string(&s, cmd);
	} else if (i < argc && !from_stdin) {
		arg0 = argv[i++];
		sh.name = arg0;
		if (src_file(&s, arg0) < 0) {
			fprintf(stderr, "tsh: %s: %s\n", arg0, strerror(errno));
			return errno == ENOENT ? 127 : 126;
		}
	} else {
		sh.interactive = force_i || (isatty(0) && isatty(2));
		src_stdin(&s, sh.interactive);
	}
	pos.n = argc - i;
	pos.v = argv + i;
	if (sh.interactive) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigint;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
	}
	st = run_source(&s, 1);
	if (sh.interactive)
		fputc('\n', stderr);	/* ^D ends the prompt's line */
	sh_exit(sh.interactive ? sh.status : st);
}
