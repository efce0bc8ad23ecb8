/*
 * builtin2.c - builtins that compute rather than change the shell:
 * test/[, printf, read, kill, umask, type and command -v.
 * Same conventions as builtin.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tsh.h"

/* ---- test ----------------------------------------------------------- */

static int unary(const char *op, const char *a)
{
	struct stat st;

	switch (op[1]) {
	case 'n': return *a != 0;
	case 'z': return *a == 0;
	case 't': return isatty(atoi(a));
	case 'r': return access(a, R_OK) == 0;
	case 'w': return access(a, W_OK) == 0;
	case 'x': return access(a, X_OK) == 0;
	}
	if (stat(a, &st) < 0)
		return 0;
	switch (op[1]) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 's': return st.st_size > 0;
	case 'p': return S_ISFIFO(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	}
	return -1;
}

static int is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("nztrwxefdspc", s[1]);
}

static int binary(const char *a, const char *op, const char *b)
{
	long x, y;
	char *e1, *e2;

	if (!strcmp(op, "="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	x = strtol(a, &e1, 10);
	y = strtol(b, &e2, 10);
	if (*e1 || *e2 || !*a || !*b) {
		sh_err("test: bad number");
		return -1;
	}
	if (!strcmp(op, "-eq")) return x == y;
	if (!strcmp(op, "-ne")) return x != y;
	if (!strcmp(op, "-lt")) return x < y;
	if (!strcmp(op, "-le")) return x <= y;
	if (!strcmp(op, "-gt")) return x > y;
	if (!strcmp(op, "-ge")) return x >= y;
	return -1;
}

static int is_binary(const char *s)
{
	static const char *ops[] = { "=", "!=", "-eq", "-ne", "-lt", "-le",
				     "-gt", "-ge", NULL };

	for (int i = 0; ops[i]; i++)
		if (!strcmp(s, ops[i]))
			return 1;
	return 0;
}

static int texpr(char **a, int n);

/* One primary of n words (POSIX rules by argument count). */
static int tprim(char **a, int n)
{
	if (n == 0)
		return 0;
	if (n == 1)
		return a[0][0] != 0;
	if (!strcmp(a[0], "!"))
		return texpr(a + 1, n - 1) == 0;
	if (n == 2 && is_unary(a[0]))
		return unary(a[0], a[1]);
	if (n == 3 && is_binary(a[1]))
		return binary(a[0], a[1], a[2]);
	if (n == 3 && !strcmp(a[0], "(") && !strcmp(a[2], ")"))
		return a[1][0] != 0;
	return -1;
}

/* -o binds looser than -a; both split the word list. */
static int texpr(char **a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		if (!strcmp(a[i], "-o") && i < n - 1) {
			int l = texpr(a, i), r = texpr(a + i + 1, n - i - 1);

			return l < 0 || r < 0 ? -1 : l || r;
		}
	}
	for (int i = n - 1; i > 0; i--) {
		if (!strcmp(a[i], "-a") && i < n - 1) {
			int l = texpr(a, i), r = texpr(a + i + 1, n - i - 1);

			return l < 0 || r < 0 ? -1 : l && r;
		}
	}
	if (n > 2 && !strcmp(a[0], "(") && !strcmp(a[n - 1], ")"))
		return texpr(a + 1, n - 2);
	return tprim(a, n);
}

int bi_test(int argc, char **argv)
{
	int r;

	if (argv[0][0] == '[') {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_err("[: missing ]");
			return 2;
		}
		argc--;
	}
	r = texpr(argv + 1, argc - 1);
	if (r < 0) {
		sh_err("%s: bad expression", argv[0]);
		return 2;
	}
	return !r;
}

/* ---- printf --------------------------------------------------------- */

/* Print s with backslash escapes; returns 1 if \c stopped output. */
static int put_escaped(const char *s, int is_b)
{
	for (; *s; s++) {
		int c = *s;

		if (c != '\\' || !s[1]) {
			putchar(c);
			continue;
		}
		switch (*++s) {
		case 'n': c = '\n'; break;
		case 't': c = '\t'; break;
		case 'r': c = '\r'; break;
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'v': c = '\v'; break;
		case '\\': c = '\\'; break;
		case 'c':
			if (is_b)
				return 1;
			c = 'c';
			break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			c = 0;
			for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++)
				c = c * 8 + (*s++ - '0');
			s--;
			break;
		default:
			putchar('\\');
			c = *s;
		}
		putchar(c);
	}
	return 0;
}

int bi_printf(int argc, char **argv)
{
	const char *fmt;
	int ai = 2, used;

	if (argc < 2) {
		sh_err("printf: usage: printf format [arg...]");
		return 2;
	}
	fmt = argv[1];
	do {
		used = 0;
		for (const char *p = fmt; *p; p++) {
			char spec[32], conv;
			size_t sl = 0;
			const char *arg;

			if (*p == '\\') {
				char esc[3] = { '\\', p[1], 0 };

				if (!p[1])
					break;
				if (p[1] >= '0' && p[1] <= '7') {
					int c = 0, k = 0;

					for (p++; k < 3 && *p >= '0' &&
					     *p <= '7'; k++, p++)
						c = c * 8 + (*p - '0');
					p--;
					putchar(c);
					continue;
				}
				put_escaped(esc, 0);
				p++;
				continue;
			}
			if (*p != '%') {
				putchar(*p);
				continue;
			}
			if (p[1] == '%') {
				putchar('%');
				p++;
				continue;
			}
			spec[sl++] = *p++;
			while (*p && strchr("-+ #0123456789.", *p) &&
			       sl < sizeof(spec) - 3)
				spec[sl++] = *p++;
			conv = *p;
			if (!conv)
				break;
			arg = ai < argc ? argv[ai++] : NULL;
			used = 1;
			if (conv == 'd' || conv == 'i' || conv == 'u' ||
			    conv == 'x' || conv == 'X' || conv == 'o' ||
			    conv == 'c') {
				long v = arg ? (conv == 'c' ? arg[0] :
						strtol(arg, NULL, 0)) : 0;

				if (conv != 'c')
					spec[sl++] = 'l';
				spec[sl++] = conv;
				spec[sl] = 0;
				printf(spec, v);
			} else if (conv == 'b') {
				if (arg && put_escaped(arg, 1))
					return 0;
			} else {
				spec[sl++] = 's';
				spec[sl] = 0;
				printf(spec, arg ? arg : "");
			}
		}
	} while (used && ai < argc);
	return 0;
}

/* ---- read ----------------------------------------------------------- */

static int is_ifs(int c, const char *ifs)
{
	return c && strchr(ifs, c) != NULL;
}

static int is_ifs_ws(int c, const char *ifs)
{
	return is_ifs(c, ifs) && (c == ' ' || c == '\t' || c == '\n');
}

int bi_read(int argc, char **argv)
{
	const char *ifs = getvar("IFS");
	struct sbuf line = { 0 };
	int raw = 0, i = 1, eof = 0;
	char c, *p;

	if (!ifs)
		ifs = " \t\n";
	if (i < argc && !strcmp(argv[i], "-r")) {
		raw = 1;
		i++;
	}
	sb_puts(&line, "");
	for (;;) {
		ssize_t n = read(0, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			eof = 1;
			break;
		}
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) != 1)
				break;
			if (c == '\n')
				continue;
		} else if (c == '\n') {
			break;
		}
		sb_putc(&line, c);
	}
	p = line.s;
	if (i == argc) {
		setvar("REPLY", p, 0);
	}
	for (; i < argc; i++) {
		char *start, *end;

		while (is_ifs_ws(*p, ifs))
			p++;
		start = p;
		if (i == argc - 1) {
			end = start + strlen(start);
			while (end > start && is_ifs_ws(end[-1], ifs))
				end--;
			*end = '\0';
			p = end;
		} else {
			while (*p && !is_ifs(*p, ifs))
				p++;
			end = p;
			if (*p)
				p++;
			c = *end;
			*end = '\0';
		}
		setvar(argv[i], start, 0);
	}
	free(line.s);
	return eof;
}

/* ---- kill ----------------------------------------------------------- */

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ NULL, 0 }
};

static int signum(const char *s)
{
	if (s[0] >= '0' && s[0] <= '9')
		return atoi(s);
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (int i = 0; signals[i].name; i++)
		if (!strcmp(signals[i].name, s))
			return signals[i].sig;
	return -1;
}

int bi_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, st = 0;

	if (argc > 1 && !strcmp(argv[1], "-l")) {
		for (int k = 0; signals[k].name; k++)
			printf("%d) %s\n", signals[k].sig, signals[k].name);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signum(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		sig = signum(argv[1] + 1);
		i = 2;
	}
	if (sig < 0) {
		sh_err("kill: bad signal");
		return 2;
	}
	if (i == argc) {
		sh_err("kill: usage: kill [-s SIG | -SIG] pid...");
		return 2;
	}
	for (; i < argc; i++) {
		if (kill(atoi(argv[i]), sig) < 0) {
			sh_err("kill: %s: %m", argv[i]);
			st = 1;
		}
	}
	return st;
}

/* ---- umask, type, command -v ----------------------------------------- */

int bi_umask(int argc, char **argv)
{
	mode_t m;

	if (argc == 1) {
		m = umask(0);
		umask(m);
		printf("%04o\n", (unsigned)m);
		return 0;
	}
	m = strtol(argv[1], NULL, 8);
	umask(m & 0777);
	return 0;
}

int bi_command_v(int argc, char **argv, int verbose)
{
	int st = 0, special, err;

	for (int i = 1; i < argc; i++) {
		const char *n = argv[i];
		char *path;

		if (func_lookup(n)) {
			printf(verbose ? "%s is a function\n" : "%s\n", n);
		} else if (builtin_lookup(n, &special)) {
			printf(verbose ? "%s is a shell builtin\n" : "%s\n", n);
		} else if ((path = find_path(n, &err)) && !err &&
			   access(path, X_OK) == 0) {
			if (verbose)
				printf("%s is %s\n", n, path);
			else
				puts(path);
			free(path);
		} else {
			free(path);
			if (verbose)
				printf("%s: not found\n", n);
			st = verbose ? 127 : 1;
		}
	}
	return st;
}

int bi_type(int argc, char **argv)
{
	return bi_command_v(argc, argv, 1);
}
