/*
 * init - the first user process (pid 1).
 *
 * It runs one command and reaps every orphan the system hands it. The
 * command is the text of /etc/osrun (written there by tools/osrun): when
 * /bin/tsh exists it runs "/bin/tsh -c TEXT" (one trailing newline
 * dropped), so quotes, '$' and newlines reach the shell intact; without
 * tsh the text is split on blanks into argv. Without /etc/osrun it runs
 * an interactive "/bin/tsh -i" when tsh exists.
 * When the command ends, init exits with its status (128 + N for death by
 * signal N, as shells report it); the kernel then halts the machine with
 * that status (exit_on_halt).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_MAX_BYTES	4096
#define ARGS_MAX	64

static char line[LINE_MAX_BYTES];
static char *args[ARGS_MAX + 1];

/* Read /etc/osrun into line; 0 when there is none. */
static int read_command(void)
{
	int fd = open("/etc/osrun", O_RDONLY | O_CLOEXEC);
	ssize_t n, len = 0;

	if (fd < 0)
		return 0;
	while (len < LINE_MAX_BYTES - 1 &&
	       (n = read(fd, line + len, LINE_MAX_BYTES - 1 - len)) > 0)
		len += n;
	close(fd);
	line[len] = '\0';
	return len > 0;
}

static int split(char *s, char **argv)
{
	int n = 0;

	for (char *tok = strtok(s, " \t\n"); tok && n < ARGS_MAX;
	     tok = strtok(NULL, " \t\n"))
		argv[n++] = tok;
	argv[n] = NULL;
	return n;
}

static pid_t start(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "init: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	return pid;
}

/* Reap children until `child` ends; return its status as a shell would. */
static int wait_for(pid_t child)
{
	for (;;) {
		int st;
		pid_t pid = wait(&st);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return 125;
		if (pid != child)
			continue;	/* an orphan: reaped, nothing more */
		if (WIFEXITED(st))
			return WEXITSTATUS(st);
		return 128 + WTERMSIG(st);
	}
}

int main(void)
{
	static char *tsh[] = { "/bin/tsh", "-i", NULL };
	static char *tsh_c[] = { "/bin/tsh", "-c", line, NULL };
	int have_tsh = access(tsh[0], X_OK) == 0;
	char **argv = args;
	pid_t child;

	if (read_command()) {
		size_t len = strlen(line);

		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (have_tsh)
			argv = tsh_c;
		else if (split(line, args) == 0)
			return 0;
	} else if (have_tsh) {
		argv = tsh;
	} else {
		fprintf(stderr, "init: no /etc/osrun and no /bin/tsh\n");
		return 0;
	}
	child = start(argv);
	if (child < 0)
		return 125;
	return wait_for(child);
}
