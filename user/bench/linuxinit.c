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
 * Reading /etc/osrun, starting the command and reaping are
 * user/initlib.h's, shared with Sleight's /sbin/init. It is built for
 * the benchmark only and is not part of Sleight's root.
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

#include "initlib.h"

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
	init_read_command(line, LINE_BYTES);
	return init_split(line, argv, ARGS_MAX);
}

/* run - fork, exec argv, wait; the status as a shell reports it. */
static int run(char **argv)
{
	pid_t pid = init_start("linuxinit", argv);

	return pid < 0 ? 125 : init_wait(pid);
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
