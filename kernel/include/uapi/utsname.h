/*
 * uapi/utsname.h - struct new_utsname of uname(2) (linux/utsname.h: six
 * 65-byte strings).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: uname(2).
 */
#ifndef SLEIGHT_UAPI_UTSNAME_H
#define SLEIGHT_UAPI_UTSNAME_H

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65],
		domainname[65];
};

#endif
