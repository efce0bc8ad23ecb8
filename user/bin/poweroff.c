/*
 * poweroff - power the machine off.
 * sync(2), then reboot(2) with RB_POWER_OFF, as busybox's "poweroff -f"
 * does (there is no init to ask first). Arguments are ignored.
 * Exit status 1 with a message when reboot(2) fails (EPERM when not
 * root); on success it does not return.
 * Source: reboot(2), poweroff(8).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	fprintf(stderr, "poweroff: reboot: %s\n", strerror(errno));
	return 1;
}
