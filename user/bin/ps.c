/*
 * ps - list processes: "PID PPID STATE COMMAND", one a line.
 *
 * On Linux it reads /proc/PID/stat. Sleight has no /proc and no process
 * list yet: /dev/kstat only counts processes, so there ps prints that
 * count and says so (exit status 1). A kernel process list (a /dev/ps
 * or /proc-like file) is needed for a real listing.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int from_proc(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return -1;
	printf("  PID  PPID S COMMAND\n");
	while ((e = readdir(d))) {
		char path[300], buf[512], *l, *r;
		int fd, ppid;
		ssize_t n;
		char state;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		l = strchr(buf, '(');
		r = strrchr(buf, ')');
		if (!l || !r || sscanf(r + 2, "%c %d", &state, &ppid) != 2)
			continue;
		*r = '\0';
		printf("%5s %5d %c %s\n", e->d_name, ppid, state, l + 1);
	}
	closedir(d);
	return 0;
}

static int from_kstat(void)
{
	char buf[512], *p;
	int fd = open("/dev/kstat", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "procs ");
	printf("ps: no process list in this kernel; %ld processes "
	       "(/dev/kstat)\n", p ? atol(p + 6) : -1L);
	return 1;
}

int main(void)
{
	int r = from_proc();

	if (r < 0)
		r = from_kstat();
	if (r < 0) {
		fputs("ps: neither /proc nor /dev/kstat\n", stderr);
		return 1;
	}
	return r;
}
