/*
 * uapi/sched.h - clone(2) flags (Linux include/uapi/linux/sched.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 */
#ifndef SLEIGHT_UAPI_SCHED_H
#define SLEIGHT_UAPI_SCHED_H

#define CSIGNAL 0x000000ffu
#define CLONE_VM 0x00000100u
#define CLONE_FS 0x00000200u
#define CLONE_FILES 0x00000400u
#define CLONE_SIGHAND 0x00000800u
#define CLONE_VFORK 0x00004000u
#define CLONE_PARENT 0x00008000u
#define CLONE_THREAD 0x00010000u
#define CLONE_SETTLS 0x00080000u
#define CLONE_PARENT_SETTID 0x00100000u
#define CLONE_CHILD_CLEARTID 0x00200000u
#define CLONE_CHILD_SETTID 0x01000000u

#endif
