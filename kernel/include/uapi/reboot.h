/*
 * uapi/reboot.h - the magic numbers and commands of reboot(2)
 * (linux/reboot.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: reboot(2).
 */
#ifndef SLEIGHT_UAPI_REBOOT_H
#define SLEIGHT_UAPI_REBOOT_H

#define LINUX_REBOOT_MAGIC1 0xfee1deadu
#define LINUX_REBOOT_MAGIC2 672274793u
#define LINUX_REBOOT_MAGIC2A 85072278u
#define LINUX_REBOOT_MAGIC2B 369367448u
#define LINUX_REBOOT_MAGIC2C 537993216u
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123u
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDCu
#define LINUX_REBOOT_CMD_RESTART 0x01234567u
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEFu
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000u

#endif
