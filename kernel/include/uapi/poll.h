/*
 * uapi/poll.h - poll(2) event bits and struct pollfd (asm-generic/poll.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: poll(2).
 */
#ifndef SLEIGHT_UAPI_POLL_H
#define SLEIGHT_UAPI_POLL_H

#include <stdint.h>

/* poll(2) event bits (Linux asm-generic/poll.h). */
#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200

/* struct pollfd: 8 bytes. */
struct pollfd_u {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

#endif
