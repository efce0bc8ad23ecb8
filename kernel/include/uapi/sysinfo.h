/*
 * uapi/sysinfo.h - struct sysinfo of sysinfo(2) on i386 (linux/sysinfo.h:
 * 64 bytes, 32-bit longs).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: sysinfo(2).
 */
#ifndef SLEIGHT_UAPI_SYSINFO_H
#define SLEIGHT_UAPI_SYSINFO_H

#include <stdint.h>

/* struct sysinfo (linux/sysinfo.h): sizes in units of mem_unit bytes. */
struct sysinfo32 {
	int32_t uptime;
	uint32_t loads[3];
	uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint32_t totalhigh, freehigh, mem_unit;
	char _f[8];
};

#endif
