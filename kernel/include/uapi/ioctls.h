/*
 * uapi/ioctls.h - the ioctl(2) requests Sleight answers: the terminal ones
 * and the generic descriptor ones (asm-generic/ioctls.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: ioctl_tty(2), ioctl(2).
 */
#ifndef SLEIGHT_UAPI_IOCTLS_H
#define SLEIGHT_UAPI_IOCTLS_H

/* Terminals (ioctl_tty(2)). */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429

/* Generic ioctls that work on every descriptor. */
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define FIONBIO 0x5421
#define FIONREAD 0x541B

#endif
