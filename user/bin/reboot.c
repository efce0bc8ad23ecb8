/*
 * reboot - restart the machine.
 * sync(2), then reboot(2) with RB_AUTOBOOT, as busybox's "reboot -f"
 * does (there is no init to ask first). Arguments are ignored.
 * Exit status 1 with a message when reboot(2) fails (EPERM when not
 * root); on success it does not return.
 * Source: reboot(2), reboot(8).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_AUTOBOOT);
	fprintf(stderr, "reboot: reboot: %s\n", strerror(errno));
	return 1;
}
