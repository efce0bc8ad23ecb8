/*
 * halt - stop the machine (the CPU halts, the power stays on).
 * sync(2), then reboot(2) with RB_HALT_SYSTEM, as busybox's "halt -f"
 * does (there is no init to ask first). Arguments are ignored.
 * Exit status 1 with a message when reboot(2) fails (EPERM when not
 * root); on success it does not return.
 * Source: reboot(2), halt(8).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_HALT_SYSTEM);
	fprintf(stderr, "halt: reboot: %s\n", strerror(errno));
	return 1;
}
