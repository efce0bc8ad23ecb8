/*
 * uapi/resource.h - resource limit ids and their layouts: struct rlimit
 * of getrlimit(2) (32-bit words, RLIM_INFINITY all ones) and struct
 * rlimit64 of prlimit64(2) (asm-generic/resource.h, linux/resource.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: getrlimit(2).
 */
#ifndef SLEIGHT_UAPI_RESOURCE_H
#define SLEIGHT_UAPI_RESOURCE_H

#include <stdint.h>

#define RLIMIT_CPU 0	 /* seconds */
#define RLIMIT_FSIZE 1	 /* bytes */
#define RLIMIT_DATA 2	 /* bytes */
#define RLIMIT_STACK 3	 /* bytes */
#define RLIMIT_CORE 4	 /* bytes */
#define RLIMIT_RSS 5	 /* bytes */
#define RLIMIT_NPROC 6	 /* processes */
#define RLIMIT_NOFILE 7	 /* descriptors */
#define RLIMIT_MEMLOCK 8 /* bytes */
#define RLIMIT_AS 9	 /* bytes */
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12 /* bytes */
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15 /* microseconds */
#define RLIM_NLIMITS 16

#define RLIM_INFINITY 0xFFFFFFFFu /* i386 ~0UL */
#define RLIM64_INFINITY (~0ull)

/* Bytes of the i386 struct rusage wait4(2) fills: two struct timeval and
 * 14 longs. */
#define RUSAGE_SIZE 72

struct rlimit32 {
	uint32_t cur, max;
};

struct rlimit64_s {
	uint64_t cur, max;
};

#endif
