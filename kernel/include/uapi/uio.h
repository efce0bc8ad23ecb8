/*
 * uapi/uio.h - struct iovec of readv(2) and writev(2) on i386
 * (linux/uio.h: a user address and a length, one word each).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: readv(2).
 */
#ifndef SLEIGHT_UAPI_UIO_H
#define SLEIGHT_UAPI_UIO_H

#include <stdint.h>

struct iovec_u {
	uint32_t base; /* user address */
	uint32_t len;  /* bytes */
};

#endif
