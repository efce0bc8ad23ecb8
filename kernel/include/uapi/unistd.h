/*
 * uapi/unistd.h - the system-call numbers. They are not written here:
 * kernel/sys/syscall.tbl is their one source, and tools/gen-syscalls
 * makes SYS_name (Linux __NR_name, asm/unistd_32.h) from it into the
 * generated syscall_nr.h. The sigreturn trampolines of proc/signal.c use
 * SYS_sigreturn and SYS_rt_sigreturn from there. Every number is checked
 * against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 */
#ifndef SLEIGHT_UAPI_UNISTD_H
#define SLEIGHT_UAPI_UNISTD_H

#include "syscall_nr.h"

#endif
