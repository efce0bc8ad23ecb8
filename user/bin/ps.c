/*
 * ps - list processes: "PID PPID S COMMAND", one a line.
 *
 * On Sleight it reads /dev/ps (the kernel's process table as text: PID
 * PPID PGID SID STAT NAME; STAT V marks a parent suspended in vfork); on Linux,
 * /proc/PID/stat.
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

/* Sleight's /dev/ps: a header line, then PID PPID PGID SID STAT NAME. */
static int from_dev_ps(void)
{
	FILE *f = fopen("/dev/ps", "r");
	char line[128], name[64], state;
	int pid, ppid, pgid, sid;

	if (!f)
		return -1;
	printf("  PID  PPID S COMMAND\n");
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%d %d %d %d %c %63s", &pid, &ppid, &pgid,
			   &sid, &state, name) == 6)
			printf("%5d %5d %c %s\n", pid, ppid, state, name);
	fclose(f);
	return 0;
}

int main(void)
{
	if (from_dev_ps() == 0 || from_proc() == 0)
		return 0;
	fputs("ps: neither /dev/ps nor /proc\n", stderr);
	return 1;
}
