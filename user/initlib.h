/*
 * initlib.h - what the two first processes share: Sleight's /sbin/init
 * (user/sbin/init.c) and linuxinit, the /init of the Linux initramfs the
 * benchmark boots (user/bench/linuxinit.c). Both read one command from
 * /etc/osrun (written by tools/osrun or tools/bench.sh), start it, and
 * reap every process until it ends, with its status as a shell gives it.
 *
 * No locking: pid 1 is one thread.
 */
#ifndef SLEIGHT_USER_INITLIB_H
#define SLEIGHT_USER_INITLIB_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * init_read_command - read /etc/osrun into buf[cap] as a NUL-terminated
 * string (at most cap - 1 bytes). Returns its length: 0 when the file is
 * missing or empty.
 */
static inline size_t init_read_command(char *buf, size_t cap)
{
	int fd = open("/etc/osrun", O_RDONLY | O_CLOEXEC);
	size_t len = 0;
	ssize_t n;

	if (fd < 0) {
		buf[0] = '\0';
		return 0;
	}
	while (len < cap - 1 && (n = read(fd, buf + len, cap - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

/* init_split - split s in place on blanks and newlines into argv[max + 1]
 * (NULL-terminated). Returns the number of words, at most max. */
static inline int init_split(char *s, char **argv, int max)
{
	int n = 0;

	for (char *w = strtok(s, " \t\n"); w && n < max;
	     w = strtok(NULL, " \t\n"))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

/*
 * init_start - fork and execv(argv[0], argv). In the child a failed exec
 * prints "WHO: cannot run PROG: REASON" and exits 127 for ENOENT, else
 * 126 (as a shell does). Returns the child's pid, or -1 when fork fails
 * (with a message).
 */
static inline pid_t init_start(const char *who, char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n", who, argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (pid < 0)
		fprintf(stderr, "%s: fork: %s\n", who, strerror(errno));
	return pid;
}

/*
 * init_wait - reap children until child ends; the orphans met on the way
 * are reaped and forgotten. Returns child's status as a shell reports it:
 * its exit code, 128 + N for death by signal N, or 125 when wait fails
 * (no such child).
 */
static inline int init_wait(pid_t child)
{
	for (;;) {
		int st;
		pid_t pid = wait(&st);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return 125;
		if (pid != child)
			continue;
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		return 128 + WTERMSIG(st);
	}
}

#endif
