/*
 * spawn.c - how tsh starts programs: redirections, vfork + execve (or
 * posix_spawn under "set -o spawn"), pipelines, waiting and jobs.
 *
 * The vfork contract (docs/tsh.md, docs/vfork.md): between vfork() and
 * execve() the child phase runs in the shell's own memory, so it only
 * reads what the parent prepared (argv, envp, the rdlist, the message
 * prefix), touches locals and calls async-signal-safe functions (dup2,
 * open, close, fcntl, write, execve, _exit): no malloc, no stdio.
 * Every descriptor the shell itself holds (pipe ends, saved copies,
 * here-document files) is close-on-exec, so a program never inherits
 * one by accident; the dup2'd copies in 0, 1, 2... are what it gets.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tsh.h"

#define MAX_JOBS	64

struct job {
	pid_t pid;
	int done, status;
	char what[48];
};

static struct job jobs[MAX_JOBS];
static int heredoc_seq;

/* ---- redirections ------------------------------------------------- */

static int heredoc_fd(const char *body)
{
	char path[64];
	size_t len = strlen(body);
	int fd, rfd;

	snprintf(path, sizeof(path), "/tmp/.tsh-hd-%d-%d", (int)getpid(),
		 heredoc_seq++);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		sh_err("here-document: %s: %m", path);
		return -1;
	}
	if (write(fd, body, len) != (ssize_t)len) {
		sh_err("here-document: write: %m");
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	rfd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (rfd >= 0 && rfd < 10) {
		fd = fcntl(rfd, F_DUPFD_CLOEXEC, 10);
		close(rfd);
		rfd = fd;
	}
	return rfd;
}

/*
 * redir_prepare - expand the words of a redirection list into out->v
 * (appended). Here-documents become open descriptors now. Returns 0, or
 * -1 after printing why; out then holds what was prepared so far.
 */
int redir_prepare(struct redir *r, struct rdlist *out)
{
	for (; r; r = r->next) {
		struct rdo o = { .fd = r->fd, .srcfd = -1 };
		char *w;

		if (r->op == R_HEREDOC) {
			w = r->quoted ? xstrdup(r->body) :
					expand_str(r->body, X_HEREDOC);
			if (!w)
				return -1;
			o.kind = 1;
			o.srcfd = heredoc_fd(w);
			o.ownfd = 1;
			free(w);
			if (o.srcfd < 0)
				return -1;
		} else {
			w = expand_str(r->word, X_PLAIN);
			if (!w)
				return -1;
			if (r->op == R_DUPIN || r->op == R_DUPOUT) {
				if (strcmp(w, "-") == 0) {
					o.kind = 2;
				} else if (w[0] && strspn(w, "0123456789") ==
					   strlen(w)) {
					o.kind = 1;
					o.srcfd = atoi(w);
				} else {
					sh_err("%s: bad file descriptor", w);
					free(w);
					return -1;
				}
				free(w);
			} else {
				o.path = w;
				o.flags = r->op == R_IN ? O_RDONLY :
					  r->op == R_RDWR ? O_RDWR | O_CREAT :
					  r->op == R_OUT ?
					  O_WRONLY | O_CREAT | O_TRUNC :
					  O_WRONLY | O_CREAT | O_APPEND;
			}
		}
		out->v = xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		out->v[out->n++] = o;
	}
	return 0;
}

/* Do one redirection; 0, or -errno. Async-signal-safe. */
static int apply_one(const struct rdo *o)
{
	int fd;

	if (o->kind == 2)
		return close(o->fd) < 0 && errno != EBADF ? -errno : 0;
	if (o->kind == 1) {
		if (o->srcfd == o->fd)
			return fcntl(o->fd, F_SETFD, 0) < 0 ? -errno : 0;
		return dup2(o->srcfd, o->fd) < 0 ? -errno : 0;
	}
	fd = open(o->path, o->flags, 0666);
	if (fd < 0)
		return -errno;
	if (fd != o->fd) {
		if (dup2(fd, o->fd) < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		close(fd);
	}
	return 0;
}

static void save_fd(struct rdlist *l, int fd)
{
	for (int i = 0; i < l->nsaved; i++)
		if (l->saved[i][0] == fd)
			return;
	if (l->nsaved == 32)
		return;
	l->saved[l->nsaved][0] = fd;
	l->saved[l->nsaved][1] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	l->nsaved++;
}

/* Apply in the shell itself, keeping copies to restore; 0 or -1. */
int redir_apply_saved(struct rdlist *l)
{
	for (int i = 0; i < l->n; i++) {
		int e;

		save_fd(l, l->v[i].fd);
		e = apply_one(&l->v[i]);
		if (e < 0) {
			if (l->v[i].path)
				sh_err("%s: %s", l->v[i].path, strerror(-e));
			else
				sh_err("%d: %s", l->v[i].srcfd, strerror(-e));
			return -1;
		}
	}
	return 0;
}

void redir_restore(struct rdlist *l)
{
	fflush(stdout);
	for (int i = l->nsaved - 1; i >= 0; i--) {
		if (l->saved[i][1] >= 0) {
			dup2(l->saved[i][1], l->saved[i][0]);
			close(l->saved[i][1]);
		} else {
			close(l->saved[i][0]);
		}
	}
	l->nsaved = 0;
}

void redir_keep(struct rdlist *l)
{
	for (int i = 0; i < l->nsaved; i++)
		if (l->saved[i][1] >= 0)
			close(l->saved[i][1]);
	l->nsaved = 0;
}

void redir_free(struct rdlist *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].path);
		if (l->v[i].ownfd)
			close(l->v[i].srcfd);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ---- finding and starting programs -------------------------------- */

/*
 * find_path - the file to execute for a command name: the name itself
 * when it holds a '/', else the first executable regular file along
 * PATH. Returns a new string, or NULL with *err = ENOENT (nothing) or
 * EACCES (found but not executable; its path is still returned).
 */
char *find_path(const char *name, int *err)
{
	const char *path = getvar("PATH"), *p, *e;
	char *denied = NULL;
	struct stat st;

	*err = 0;
	if (strchr(name, '/'))
		return xstrdup(name);
	if (!path)
		path = "/bin:/sbin";
	for (p = path;; p = e + 1) {
		size_t dl;
		char *f;

		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		dl = e - p;
		f = xmalloc(dl + strlen(name) + 3);
		sprintf(f, "%.*s%s%s", (int)dl, p, dl ? "/" : "", name);
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(f, X_OK) == 0) {
				free(denied);
				return f;
			}
			if (!denied)
				denied = f, f = NULL;
		}
		free(f);
		if (!*e)
			break;
	}
	*err = denied ? EACCES : ENOENT;
	return denied;
}

/* Async-signal-safe message: prefix + a + ": " + b + "\n". */
static void child_msg(const char *prefix, const char *a, const char *b)
{
	char m[512];
	size_t n = 0;
	const char *parts[4] = { prefix, a, ": ", b };

	for (int i = 0; i < 4; i++)
		for (const char *s = parts[i]; s && *s && n < sizeof(m) - 2;)
			m[n++] = *s++;
	m[n++] = '\n';
	write(2, m, n);
}

static int move_fd(int from, int to)
{
	if (from < 0 || from == to)
		return from == to ? fcntl(to, F_SETFD, 0) : 0;
	return dup2(from, to);
}

/*
 * The child phase of vfork: set up descriptors, execve, and on failure
 * report and _exit (127: not found, 126: found but not runnable). An
 * executable without "#!" (ENOEXEC) runs as a tsh script: argv[-1] is a
 * slot the caller reserved for the shell's own path.
 */
static void __attribute__((noreturn))
child_phase(const char *path, int perr, char **argv, char **envp,
	    struct rdlist *rl, int in, int out, const char *prefix)
{
	int e;

	if (move_fd(in, 0) < 0 || move_fd(out, 1) < 0)
		_exit(126);
	for (int i = 0; i < rl->n; i++) {
		e = apply_one(&rl->v[i]);
		if (e < 0) {
			child_msg(prefix, rl->v[i].path ? rl->v[i].path :
				  "redirection", strerror(-e));
			_exit(1);
		}
	}
	if (!path || perr == ENOENT) {
		child_msg(prefix, argv[0], "not found");
		_exit(127);
	}
	execve(path, argv, envp);
	e = errno;
	if (e == ENOEXEC) {
		argv[-1] = (char *)sh.self;
		argv[0] = (char *)path;
		execve(sh.self, argv - 1, envp);
		e = errno;
	}
	child_msg(prefix, argv[0], strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}

static pid_t spawn_posix(const char *path, char **argv, char **envp,
			 struct rdlist *rl, int in, int out)
{
	posix_spawn_file_actions_t fa;
	pid_t pid = -1;
	int e;

	posix_spawn_file_actions_init(&fa);
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, 0);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, 1);
	for (int i = 0; i < rl->n; i++) {
		struct rdo *o = &rl->v[i];

		if (o->kind == 0)
			posix_spawn_file_actions_addopen(&fa, o->fd, o->path,
							 o->flags, 0666);
		else if (o->kind == 1)
			posix_spawn_file_actions_adddup2(&fa, o->srcfd, o->fd);
		else
			posix_spawn_file_actions_addclose(&fa, o->fd);
	}
	e = posix_spawn(&pid, path, &fa, NULL, argv, envp);
	if (e == ENOEXEC) {
		argv[-1] = (char *)sh.self;
		argv[0] = (char *)path;
		e = posix_spawn(&pid, sh.self, &fa, NULL, argv - 1, envp);
	}
	posix_spawn_file_actions_destroy(&fa);
	if (e) {
		sh_err("%s: %s", argv[0], strerror(e));
		return e == ENOENT ? -127 : -126;
	}
	return pid;
}

/*
 * start_external - start argv[0] (argv[-1] must be a writable spare
 * slot) with envp, the prepared redirections, and stdin/stdout from
 * in/out when those are >= 0. Returns the child's pid, or -STATUS when
 * no process could be made (posix_spawn mode, or vfork failing).
 */
pid_t start_external(char **argv, char **envp, struct rdlist *rl,
		     int in, int out)
{
	char prefix[160];
	int perr;
	char *path = find_path(argv[0], &perr);
	pid_t pid;

	if (sh.opt_spawn && path && !perr) {
		pid = spawn_posix(path, argv, envp, rl, in, out);
		free(path);
		return pid;
	}
	snprintf(prefix, sizeof(prefix), "%s: line %d: ", sh.name, sh.line);
	fflush(stdout);
	pid = vfork();
	if (pid == 0)
		child_phase(path, perr, argv, envp, rl, in, out, prefix);
	free(path);
	if (pid < 0) {
		sh_err("vfork: %m");
		return -126;
	}
	return pid;
}

int status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 1;
}

/* Wait for pid; its status as the shell reports it. */
int wait_status(pid_t pid)
{
	int st;

	if (pid < 0)
		return -pid;
	for (;;) {
		pid_t r = waitpid(pid, &st, 0);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return 127;
	}
	if (sh.interactive && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT)
		write(2, "\n", 1);
	return status_of(st);
}

/* ---- command substitution ---------------------------------------- */

/*
 * cmd_subst - run text in a forked subshell with its stdout on a pipe;
 * return what it wrote minus trailing newlines. Sets $? to its status.
 */
char *cmd_subst(const char *text)
{
	struct sbuf b = { 0 };
	char chunk[512];
	int p[2];
	pid_t pid;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0) {
		sh_err("pipe: %m");
		return xstrdup("");
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (p[1] != 1) {
			dup2(p[1], 1);
			close(p[1]);
		} else {
			fcntl(1, F_SETFD, 0);
		}
		sh.subshell = 1;
		job_forget_all();
		sh_exit(run_string(text));
	}
	close(p[1]);
	while ((n = read(p[0], chunk, sizeof(chunk))) != 0) {
		if (n > 0)
			sb_putn(&b, chunk, n);
		else if (errno == EINTR)
			continue;
		else
			break;
	}
	close(p[0]);
	if (pid < 0) {
		sh_err("fork: %m");
		sh.status = 2;
	} else {
		sh.status = wait_status(pid);
	}
	sh.status_subst = sh.status;
	while (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	return sb_done(&b);
}

/* ---- jobs ---------------------------------------------------------- */

void job_add(pid_t pid, const char *what)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pid) {
			jobs[i].pid = pid;
			jobs[i].done = 0;
			snprintf(jobs[i].what, sizeof(jobs[i].what), "%s",
				 what);
			return;
		}
	}
}

static struct job *job_find(pid_t pid)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].pid == pid)
			return &jobs[i];
	return NULL;
}

/* Collect finished background jobs without blocking. */
void job_reap(void)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		int st;

		if (jobs[i].pid && !jobs[i].done &&
		    waitpid(jobs[i].pid, &st, WNOHANG) == jobs[i].pid) {
			jobs[i].done = 1;
			jobs[i].status = status_of(st);
		}
	}
}

/* Wait for one job (its status; 127 if unknown) or, pid 0, all (0). */
int job_wait(pid_t pid)
{
	int status = 0;

	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->pid || (pid && j->pid != pid))
			continue;
		if (!j->done) {
			j->status = wait_status(j->pid);
			j->done = 1;
		}
		status = pid ? j->status : 0;
		j->pid = 0;
		if (pid)
			return status;
	}
	if (pid && !job_find(pid))
		return 127;
	return status;
}

void job_list(void)
{
	job_reap();
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].pid)
			continue;
		printf("[%d] %d %s\t%s\n", i + 1, (int)jobs[i].pid,
		       jobs[i].done ? "Done" : "Running", jobs[i].what);
		if (jobs[i].done)
			jobs[i].pid = 0;
	}
}

void job_forget_all(void)
{
	memset(jobs, 0, sizeof(jobs));
}
