/*
 * linuxinit - /init of the Linux initramfs that tools/bench.sh boots to
 * compare Sleight with Linux on the same QEMU.
 *
 * It plays the part that /sbin/init and tools/osrun play on Sleight:
 * mounts devtmpfs on /dev and takes /dev/console as fds 0-2 (the archive
 * holds no device nodes, so the kernel could not open a console for it),
 * runs the command line in /etc/osrun (blank-separated words), prints
 * "linuxinit: status=N" with its status (128 + N for death by signal N)
 * and powers the machine off, which ends QEMU.
 *
 * It is built for the benchmark only and is not part of Sleight's root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define LINE_BYTES	1024
#define ARGS_MAX	32

/* console - make fds 0, 1 and 2 the console when they are not open. */
static void console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) < 0 &&
	    errno != EBUSY)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fd != i)
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* command - split /etc/osrun into argv; the number of words. */
static int command(char *line, char **argv)
{
	int fd = open("/etc/osrun", O_RDONLY), n = 0;
	ssize_t len;

	if (fd < 0)
		return 0;
	len = read(fd, line, LINE_BYTES - 1);
	close(fd);
	line[len > 0 ? len : 0] = '\0';
	for (char *w = strtok(line, " \t\n"); w && n < ARGS_MAX;
	     w = strtok(NULL, " \t\n"))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

/* run - fork, exec argv, wait; the status as a shell reports it. */
static int run(char **argv)
{
	pid_t pid = fork(), got;
	int st;

	if (pid == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "linuxinit: %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		return 125;
	while ((got = wait(&st)) != pid)
		if (got < 0 && errno != EINTR)
			return 125;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void)
{
	static char line[LINE_BYTES];
	static char *argv[ARGS_MAX + 1];
	int status = 0;

	console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (command(line, argv) > 0)
		status = run(argv);
	else
		printf("linuxinit: no command in /etc/osrun\n");
	printf("linuxinit: status=%d\n", status);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
