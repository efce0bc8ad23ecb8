/*
 * kernel/include/uapi/ against the Linux ABI as Debian ships it
 * (linux-libc-dev:i386), in two builds of this one file:
 *
 *   UAPI_I386: compiled only (i686-linux-gnu-gcc -fsyntax-only, with
 *   build/unit/uapi-inc holding Debian's i386 asm/, linux/ and
 *   asm-generic/ headers). Static asserts that every value in uapi/
 *   (tools/gen-uapi-check lists them), every syscall number of
 *   syscall.tbl, and every layout's size and member offsets equal the
 *   Linux ones. unit.mk runs it before it builds the host binary, so a
 *   difference stops make test with the name that differs.
 *   otherwise: a host cmocka test of the wait-status and mode macros
 *   against glibc's, which encode the same i386 words.
 *
 * Names clash between the two sides, so the kernel's are taken first:
 * struct tags Linux also uses are renamed while uapi/ is included, every
 * uapi macro is #undef'd (UAPI_UNDEF) and lives on as K_NAME (UAPI_KDEFS).
 *
 * Bug: a constant copied into the kernel by hand differs from Linux (a
 * flag in octal written as hex, a magic number mistyped, an offset shifted
 * by an alignment rule), and a static musl program sees the kernel misread
 * its request or return a layout it does not expect.
 */
#include <stddef.h>
#include <stdint.h>

#define stat64 k_stat64
#define statx k_statx
#define statx_timestamp k_statx_timestamp
#define new_utsname k_new_utsname
#define user_desc k_user_desc
#include "uapi/auxvec.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/futex.h"
#include "uapi/ioctls.h"
#include "uapi/ldt.h"
#include "uapi/mman.h"
#include "uapi/poll.h"
#include "uapi/reboot.h"
#include "uapi/resource.h"
#include "uapi/sched.h"
#include "uapi/sigcontext.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "uapi/sysinfo.h"
#include "uapi/termios.h"
#include "uapi/time.h"
#include "uapi/uio.h"
#include "uapi/unistd.h"
#include "uapi/utsname.h"
#include "uapi/wait.h"
#undef stat64
#undef statx
#undef statx_timestamp
#undef new_utsname
#undef user_desc

#define UAPI_UNDEF
#include "uapi_check.h"
#undef UAPI_UNDEF

#ifdef UAPI_I386

#include <asm/errno.h>
#include <asm/ioctls.h>
#include <asm/ldt.h>
#include <asm/mman.h>
#include <asm/poll.h>
#include <asm/sigcontext.h>
#include <asm/siginfo.h>
#include <asm/signal.h>
#include <asm/stat.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <asm/ucontext.h>		/* after asm/signal.h: stack_t */
#include <asm/unistd_32.h>
#include <linux/auxvec.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <linux/reboot.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/stat.h>
#include <linux/sysinfo.h>
#include <linux/time.h>
#include <linux/time_types.h>
#include <linux/uio.h>
#include <linux/utsname.h>
#include <linux/wait.h>

#define UAPI_KDEFS
#include "uapi_check.h"
#undef UAPI_KDEFS

/*
 * Values that have no integer counterpart in the Linux uapi headers, each
 * checked by hand below instead.
 */
#define UAPI_SKIP_ENOTSUP	/* glibc and musl: ENOTSUP is EOPNOTSUPP */
#define UAPI_SKIP_SIG_DFL	/* Linux: ((__sighandler_t)0), a pointer */
#define UAPI_SKIP_SIG_IGN	/* Linux: ((__sighandler_t)1) */
#define UAPI_SKIP__NSIG		/* Linux: outside uapi (asm/signal.h) */
#define UAPI_SKIP_SIGSET_BYTES	/* Sleight's name: _NSIG / 8 */
#define UAPI_SKIP_WCOREFLAG	/* glibc <sys/wait.h>: the host test */
#define UAPI_SKIP_W_CONTINUED	/* glibc <bits/waitstatus.h>: ditto */
#define UAPI_SKIP_DT_UNKNOWN	/* d_type: libc <dirent.h>: ditto */
#define UAPI_SKIP_DT_FIFO
#define UAPI_SKIP_DT_CHR
#define UAPI_SKIP_DT_DIR
#define UAPI_SKIP_DT_REG
#define UAPI_SKIP_DT_LNK
#define UAPI_SKIP_UTIME_NOW	/* libc <sys/stat.h>: the host test */
#define UAPI_SKIP_UTIME_OMIT
#define UAPI_SKIP_RUSAGE_SIZE	/* sizeof(struct rusage): below */
#define UAPI_SKIP_FLOCK_SIZE	/* sizeof(struct flock): below */
#define UAPI_SKIP_FLOCK64_SIZE
#define UAPI_SKIP_UD_LIMIT_IN_PAGES	/* bit-fields in asm/ldt.h: below */
#define UAPI_SKIP_UD_NOT_PRESENT

#define UAPI_CHECKS
#include "uapi_check.h"
#undef UAPI_CHECKS

_Static_assert(K_ENOTSUP == EOPNOTSUPP, "ENOTSUP");
_Static_assert(K_SIG_DFL == 0 && K_SIG_IGN == 1, "SIG_DFL, SIG_IGN");
_Static_assert(K_SIGSET_BYTES == 8 && K__NSIG == 64, "kernel sigset_t");
_Static_assert(K_RUSAGE_SIZE == sizeof(struct rusage), "struct rusage");
_Static_assert(K_FLOCK_SIZE == sizeof(struct flock) &&
	       K_FLOCK64_SIZE == sizeof(struct flock64), "struct flock");
_Static_assert(K_S_ISREG(S_IFREG) && !K_S_ISREG(S_IFDIR), "S_ISREG");
_Static_assert(K_S_ISDIR(S_IFDIR) && K_S_ISLNK(S_IFLNK) &&
	       K_S_ISCHR(S_IFCHR) && K_S_ISFIFO(S_IFIFO), "S_IS*");

/* A layout: the same size, and each member named at the same offset
 * with the same size. */
#define SAME_SIZE(k, l) \
	_Static_assert(sizeof(k) == sizeof(l), #k " size")
#define SAME_FIELD(k, kf, l, lf)					\
	_Static_assert(offsetof(k, kf) == offsetof(l, lf) &&		\
		       sizeof(((k *)0)->kf) == sizeof(((l *)0)->lf),	\
		       #k "." #kf " offset or size")
#define SAME(k, l, f) SAME_FIELD(k, f, l, f)

SAME_SIZE(struct k_stat64, struct stat64);
SAME(struct k_stat64, struct stat64, st_dev);
SAME(struct k_stat64, struct stat64, __st_ino);
SAME(struct k_stat64, struct stat64, st_mode);
SAME(struct k_stat64, struct stat64, st_nlink);
SAME(struct k_stat64, struct stat64, st_uid);
SAME(struct k_stat64, struct stat64, st_gid);
SAME(struct k_stat64, struct stat64, st_rdev);
SAME(struct k_stat64, struct stat64, st_size);
SAME(struct k_stat64, struct stat64, st_blksize);
SAME(struct k_stat64, struct stat64, st_blocks);
SAME(struct k_stat64, struct stat64, st_atime);
SAME(struct k_stat64, struct stat64, st_atime_nsec);
SAME(struct k_stat64, struct stat64, st_mtime);
SAME(struct k_stat64, struct stat64, st_mtime_nsec);
SAME(struct k_stat64, struct stat64, st_ctime);
SAME(struct k_stat64, struct stat64, st_ctime_nsec);
SAME(struct k_stat64, struct stat64, st_ino);

SAME_SIZE(struct k_statx_timestamp, struct statx_timestamp);
SAME(struct k_statx_timestamp, struct statx_timestamp, tv_sec);
SAME(struct k_statx_timestamp, struct statx_timestamp, tv_nsec);
SAME_SIZE(struct k_statx, struct statx);
SAME(struct k_statx, struct statx, stx_mask);
SAME(struct k_statx, struct statx, stx_blksize);
SAME(struct k_statx, struct statx, stx_attributes);
SAME(struct k_statx, struct statx, stx_nlink);
SAME(struct k_statx, struct statx, stx_uid);
SAME(struct k_statx, struct statx, stx_gid);
SAME(struct k_statx, struct statx, stx_mode);
SAME(struct k_statx, struct statx, stx_ino);
SAME(struct k_statx, struct statx, stx_size);
SAME(struct k_statx, struct statx, stx_blocks);
SAME(struct k_statx, struct statx, stx_attributes_mask);
SAME(struct k_statx, struct statx, stx_atime);
SAME(struct k_statx, struct statx, stx_btime);
SAME(struct k_statx, struct statx, stx_ctime);
SAME(struct k_statx, struct statx, stx_mtime);
SAME(struct k_statx, struct statx, stx_rdev_major);
SAME(struct k_statx, struct statx, stx_rdev_minor);
SAME(struct k_statx, struct statx, stx_dev_major);
SAME(struct k_statx, struct statx, stx_dev_minor);

SAME_SIZE(struct termios_k, struct termios);
SAME(struct termios_k, struct termios, c_iflag);
SAME(struct termios_k, struct termios, c_oflag);
SAME(struct termios_k, struct termios, c_cflag);
SAME(struct termios_k, struct termios, c_lflag);
SAME(struct termios_k, struct termios, c_line);
SAME(struct termios_k, struct termios, c_cc);
SAME_SIZE(struct winsize_k, struct winsize);
SAME(struct winsize_k, struct winsize, ws_row);
SAME(struct winsize_k, struct winsize, ws_col);
SAME(struct winsize_k, struct winsize, ws_xpixel);
SAME(struct winsize_k, struct winsize, ws_ypixel);

/* rt_sigaction's struct is the kernel's own (linux/signal_types.h, not
 * uapi: handler, flags, restorer, mask); its pieces are Linux's. */
_Static_assert(sizeof(((struct sigaction_abi *)0)->handler) ==
	       sizeof(__sighandler_t), "sa_handler");
_Static_assert(sizeof(((struct sigaction_abi *)0)->mask) == 8,
	       "sa_mask: the kernel sigset_t, 64 signals");
SAME_SIZE(struct stack_abi, stack_t);
SAME_SIZE(struct robust_list_head_abi, struct robust_list_head);
SAME_FIELD(struct robust_list_head_abi, next, struct robust_list_head, list);
SAME_FIELD(struct robust_list_head_abi, futex_offset,
	   struct robust_list_head, futex_offset);
SAME_FIELD(struct robust_list_head_abi, list_op_pending,
	   struct robust_list_head, list_op_pending);

SAME_FIELD(struct stack_abi, ss_sp, stack_t, ss_sp);
SAME_FIELD(struct stack_abi, ss_flags, stack_t, ss_flags);
SAME_FIELD(struct stack_abi, ss_size, stack_t, ss_size);

SAME_SIZE(struct sigcontext_abi, struct sigcontext);
SAME(struct sigcontext_abi, struct sigcontext, gs);
SAME_FIELD(struct sigcontext_abi, gsh, struct sigcontext, __gsh);
SAME(struct sigcontext_abi, struct sigcontext, fs);
SAME(struct sigcontext_abi, struct sigcontext, es);
SAME(struct sigcontext_abi, struct sigcontext, ds);
SAME(struct sigcontext_abi, struct sigcontext, edi);
SAME(struct sigcontext_abi, struct sigcontext, esi);
SAME(struct sigcontext_abi, struct sigcontext, ebp);
SAME(struct sigcontext_abi, struct sigcontext, esp);
SAME(struct sigcontext_abi, struct sigcontext, ebx);
SAME(struct sigcontext_abi, struct sigcontext, edx);
SAME(struct sigcontext_abi, struct sigcontext, ecx);
SAME(struct sigcontext_abi, struct sigcontext, eax);
SAME(struct sigcontext_abi, struct sigcontext, trapno);
SAME(struct sigcontext_abi, struct sigcontext, err);
SAME(struct sigcontext_abi, struct sigcontext, eip);
SAME(struct sigcontext_abi, struct sigcontext, cs);
SAME(struct sigcontext_abi, struct sigcontext, eflags);
SAME(struct sigcontext_abi, struct sigcontext, esp_at_signal);
SAME(struct sigcontext_abi, struct sigcontext, ss);
SAME(struct sigcontext_abi, struct sigcontext, fpstate);
SAME(struct sigcontext_abi, struct sigcontext, oldmask);
SAME(struct sigcontext_abi, struct sigcontext, cr2);

/* Linux's uapi ucontext ends in the 4-byte user sigset_t; the kernel's
 * (and the frame's) is 8 bytes, so only the members before it compare. */
SAME(struct ucontext_abi, struct ucontext, uc_flags);
SAME(struct ucontext_abi, struct ucontext, uc_link);
SAME(struct ucontext_abi, struct ucontext, uc_stack);
SAME(struct ucontext_abi, struct ucontext, uc_mcontext);
_Static_assert(offsetof(struct ucontext_abi, uc_sigmask) ==
	       offsetof(struct ucontext, uc_sigmask), "uc_sigmask offset");

SAME_SIZE(struct siginfo_abi, siginfo_t);
SAME(struct siginfo_abi, siginfo_t, si_signo);
SAME(struct siginfo_abi, siginfo_t, si_errno);
SAME(struct siginfo_abi, siginfo_t, si_code);

SAME_SIZE(struct pollfd_u, struct pollfd);
SAME(struct pollfd_u, struct pollfd, fd);
SAME(struct pollfd_u, struct pollfd, events);
SAME(struct pollfd_u, struct pollfd, revents);

SAME_SIZE(struct timespec32, struct timespec);
SAME(struct timespec32, struct timespec, tv_sec);
SAME(struct timespec32, struct timespec, tv_nsec);
SAME_SIZE(struct timespec64, struct __kernel_timespec);
SAME(struct timespec64, struct __kernel_timespec, tv_sec);
SAME(struct timespec64, struct __kernel_timespec, tv_nsec);
SAME_SIZE(struct timeval32, struct timeval);
SAME(struct timeval32, struct timeval, tv_sec);
SAME(struct timeval32, struct timeval, tv_usec);
SAME_SIZE(struct itimerval32, struct itimerval);
SAME_FIELD(struct itimerval32, interval, struct itimerval, it_interval);
SAME_FIELD(struct itimerval32, value, struct itimerval, it_value);

SAME_SIZE(struct rlimit32, struct rlimit);
SAME_FIELD(struct rlimit32, cur, struct rlimit, rlim_cur);
SAME_FIELD(struct rlimit32, max, struct rlimit, rlim_max);
SAME_SIZE(struct rlimit64_s, struct rlimit64);
SAME_FIELD(struct rlimit64_s, cur, struct rlimit64, rlim_cur);
SAME_FIELD(struct rlimit64_s, max, struct rlimit64, rlim_max);

SAME_SIZE(struct sysinfo32, struct sysinfo);
SAME(struct sysinfo32, struct sysinfo, uptime);
SAME(struct sysinfo32, struct sysinfo, loads);
SAME(struct sysinfo32, struct sysinfo, totalram);
SAME(struct sysinfo32, struct sysinfo, freeram);
SAME(struct sysinfo32, struct sysinfo, sharedram);
SAME(struct sysinfo32, struct sysinfo, bufferram);
SAME(struct sysinfo32, struct sysinfo, totalswap);
SAME(struct sysinfo32, struct sysinfo, freeswap);
SAME(struct sysinfo32, struct sysinfo, procs);
SAME(struct sysinfo32, struct sysinfo, totalhigh);
SAME(struct sysinfo32, struct sysinfo, freehigh);
SAME(struct sysinfo32, struct sysinfo, mem_unit);

SAME_SIZE(struct k_new_utsname, struct new_utsname);
SAME(struct k_new_utsname, struct new_utsname, sysname);
SAME(struct k_new_utsname, struct new_utsname, nodename);
SAME(struct k_new_utsname, struct new_utsname, release);
SAME(struct k_new_utsname, struct new_utsname, version);
SAME(struct k_new_utsname, struct new_utsname, machine);
SAME(struct k_new_utsname, struct new_utsname, domainname);

SAME_SIZE(struct k_user_desc, struct user_desc);
SAME(struct k_user_desc, struct user_desc, entry_number);
SAME(struct k_user_desc, struct user_desc, base_addr);
SAME(struct k_user_desc, struct user_desc, limit);

SAME_SIZE(struct iovec_u, struct iovec);
SAME_FIELD(struct iovec_u, base, struct iovec, iov_base);
SAME_FIELD(struct iovec_u, len, struct iovec, iov_len);

#else /* the host cmocka test */

#include <stdarg.h>
#include <setjmp.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#define UAPI_KDEFS
#include "uapi_check.h"
#undef UAPI_KDEFS

/* Every exit code and signal encodes and decodes as glibc's macros do. */
static void test_wait_status_words_match_libc(void **state)
{
	for (int code = 0; code < 256; code++) {
		int k = K_W_EXITCODE(code, 0);

		assert_int_equal(k, W_EXITCODE(code, 0));
		assert_true(WIFEXITED(k));
		assert_int_equal(K_WEXITSTATUS(k), code);
		assert_int_equal(K_WTERMSIG(k), 0);
	}
	for (int sig = 1; sig < 32; sig++) {
		int kill = K_W_EXITCODE(0, sig), core = kill | K_WCOREFLAG;
		int stop = K_W_STOPCODE(sig);

		assert_int_equal(kill, W_EXITCODE(0, sig));
		assert_true(WIFSIGNALED(kill) && WTERMSIG(kill) == sig);
		assert_int_equal(K_WTERMSIG(kill), sig);
		assert_true(WCOREDUMP(core) && WTERMSIG(core) == sig);
		assert_int_equal(stop, W_STOPCODE(sig));
		assert_true(WIFSTOPPED(stop) && WSTOPSIG(stop) == sig);
		assert_true(K_WIFSTOPPED(stop) && !K_WIFSTOPPED(kill));
	}
	assert_int_equal(K_WCOREFLAG, WCOREFLAG);
	assert_true(WIFCONTINUED(K_W_CONTINUED));
	assert_false(K_WIFSTOPPED(K_W_CONTINUED));
}

/* d_type is the type bits of st_mode >> 12, with libc's DT_* values. */
static void test_dirent_types_match_libc(void **state)
{
	assert_int_equal(K_DT_UNKNOWN, DT_UNKNOWN);
	assert_int_equal(K_DT_FIFO, DT_FIFO);
	assert_int_equal(K_DT_CHR, DT_CHR);
	assert_int_equal(K_DT_DIR, DT_DIR);
	assert_int_equal(K_DT_REG, DT_REG);
	assert_int_equal(K_DT_LNK, DT_LNK);
	assert_int_equal(K_IFTODT(S_IFREG | 0644), DT_REG);
	assert_int_equal(K_IFTODT(S_IFDIR), IFTODT(S_IFDIR));
	assert_int_equal(K_IFTODT(S_IFLNK), IFTODT(S_IFLNK));
}

/* utimensat's special tv_nsec values are libc's. */
static void test_utime_specials_match_libc(void **state)
{
	assert_int_equal(K_UTIME_NOW, UTIME_NOW);
	assert_int_equal(K_UTIME_OMIT, UTIME_OMIT);
}

/* The i386 build (unit.mk) compared this many values with Linux's; a
 * uapi header that loses its definitions would shrink it. */
static void test_uapi_values_were_compared(void **state)
{
	assert_true(UAPI_CHECK_COUNT >= 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_status_words_match_libc),
		cmocka_unit_test(test_dirent_types_match_libc),
		cmocka_unit_test(test_utime_specials_match_libc),
		cmocka_unit_test(test_uapi_values_were_compared),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
