/*
 * uapi/wait.h - wait4(2) options (Linux include/uapi/linux/wait.h) and the
 * status word wait(2) reports: exit code << 8 for an exit, the signal
 * number (| WCOREFLAG for a core dump) for a kill, (sig << 8) | 0x7f for a
 * stop, 0xffff for a continue. The encoders follow the BSD and glibc
 * <sys/wait.h> names (W_EXITCODE, W_STOPCODE); the decoders are POSIX's.
 * The options are checked against Debian's linux-libc-dev:i386 by
 * tests/unit/test_uapi.c. Source: wait(2), POSIX <sys/wait.h>.
 */
#ifndef SLEIGHT_UAPI_WAIT_H
#define SLEIGHT_UAPI_WAIT_H

#define WNOHANG 0x00000001
#define WUNTRACED 0x00000002
#define WCONTINUED 0x00000008
#define __WNOTHREAD 0x20000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

/* Status words: build. */
#define WCOREFLAG 0x80
#define W_EXITCODE(ret, sig) (((ret) << 8) | (sig))
#define W_STOPCODE(sig) (((sig) << 8) | 0x7f)
#define W_CONTINUED 0xffff

/* Status words: take apart. */
#define WTERMSIG(s) ((s)&0x7f)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)

#endif
