/*
 * t_reboot_bad_magic_non_root_einval - reboot(2) checks the caller's
 * privilege before the magic numbers, as Linux does, and rejects bad
 * magic and unknown commands without touching the machine.
 *
 * Bug: sys_reboot compared the magic numbers first, so a non-root caller
 * with bad magic got EINVAL where Linux (kernel/reboot.c: CAP_SYS_BOOT,
 * then the magic) says EPERM; and only the first MAGIC2 value was
 * accepted where Linux takes four. Here: as an unprivileged user, bad
 * magic and good magic both give EPERM; as root, bad magic1 or magic2
 * and an unknown command give EINVAL. CAD_OFF with MAGIC2A is checked
 * on Sleight only: inside a Linux container's pid namespace it is
 * EINVAL.
 */
#include "tests/testlib.h"

#include <sys/syscall.h>
#include <sys/wait.h>

#define MAGIC1 0xfee1deadu
#define MAGIC2 672274793u
#define MAGIC2A 85072278u
#define BAD_CMD 0x12345678u
#define CMD_CAD_OFF 0u

static void as_nobody(void)
{
	if (setgid(65534) || setuid(65534))
		_exit(3);
	if (syscall(SYS_reboot, 0, 0, 0) != -1 || errno != EPERM)
		_exit(1);
	if (syscall(SYS_reboot, MAGIC1, MAGIC2, BAD_CMD) != -1 ||
	    errno != EPERM)
		_exit(2);
	_exit(0);
}

int main(int argc, char **argv)
{
	test_init(argv);
	if (geteuid() != 0) {
		check_errno(syscall(SYS_reboot, 0, 0, 0), EPERM,
			    "non-root, bad magic: EPERM");
		return test_done();
	}
	check_eq(wait_status_of(as_nobody), 0,
		 "as uid 65534: EPERM for bad and good magic alike");
	check_errno(syscall(SYS_reboot, 0, MAGIC2, BAD_CMD), EINVAL,
		    "root, bad magic1: EINVAL");
	check_errno(syscall(SYS_reboot, MAGIC1, 1, BAD_CMD), EINVAL,
		    "root, bad magic2: EINVAL");
	check_errno(syscall(SYS_reboot, MAGIC1, MAGIC2, BAD_CMD), EINVAL,
		    "root, good magic, unknown command: EINVAL");
	if (on_sleight())
		check_eq(syscall(SYS_reboot, MAGIC1, MAGIC2A, CMD_CAD_OFF), 0,
			 "root, MAGIC2A and CAD_OFF (the default): 0");
	return test_done();
}
