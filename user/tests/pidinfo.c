/*
 * pidinfo - print this program's process ids on one line:
 * "pid=N ppid=N pgid=N sid=N".
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("pid=%d ppid=%d pgid=%d sid=%d\n", (int)getpid(),
	       (int)getppid(), (int)getpgid(0), (int)getsid(0));
	return fflush(stdout) == 0 ? 0 : 1;
}
