/*
 * param.h - every kernel tunable, with its unit.
 */
#ifndef SLEIGHT_PARAM_H
#define SLEIGHT_PARAM_H

#define KERNEL_VBASE 0xC0000000u /* start of the kernel half */
#define KERNEL_DIRECT_MAP_SIZE                                                 \
	0x38000000u		     /* bytes of RAM mapped at                 \
					KERNEL_VBASE (896 MiB) */
#define KSTACK_AREA_BASE 0xF8000000u /* guarded kernel stacks */
#define KSTACK_AREA_SIZE 0x04000000u /* bytes (64 MiB) */
#define KSTACK_PAGES                                                           \
	2				/* pages per kernel stack,             \
					   plus one guard page */
#define VMALLOC_AREA_BASE 0xFC000000u	/* vmalloc buffers */
#define VMALLOC_AREA_SIZE 0x03000000u	/* bytes (48 MiB) */
#define EARLY_MAP_AREA_BASE 0xFF000000u /* device memory mapped before */
#define EARLY_MAP_AREA_SIZE 0x01000000u /* paging_init (16 MiB) */
#define VM_VMAS_MAX                                                            \
	256		      /* regions per address space                     \
				 (Linux: vm.max_map_count) */
#define MM_FREE_RANGES_MAX 64 /* free physical ranges kept */
#define PAGE_SIZE 4096u	      /* bytes */
#define PAGE_SHIFT 12

#define HZ 100		      /* timer ticks per second */
#define TIMER_HOOKS_MAX 6     /* hooks run on each tick */
#define CMDLINE_MAX 1024      /* bytes of kernel command line */
#define BOOT_MMAP_MAX 64      /* memory map entries kept */
#define BOOT_MODULES_MAX 8    /* boot modules kept */
#define CONSOLE_INQ_SIZE 1024 /* bytes of console input */
#define PRINTK_BUF 512	      /* bytes formatted per printk */
#define FUTEX_HASH_SIZE 64    /* futex wait-queue buckets (power of 2) */

/* Program loading (kernel/proc/elf.c, ustack.c, execargs.c) */
#define USER_VTOP KERNEL_VBASE /* user addresses lie below */
#define ELF_HEAD_MAX                                                           \
	PAGE_SIZE	 /* bytes of a file read to plan                       \
			    its loading */
#define ELF_PHNUM_MAX 64 /* program headers per file */
#define ELF_LOAD_MAX 16	 /* PT_LOAD segments per file */
#define ELF_IMAGE_MAX                                                          \
	0x10000000u /* bytes (256 MiB) of address                              \
		       space one image may span */
#define ELF_DYN_BASE                                                           \
	0x00400000u /* where an ET_DYN static-pie                              \
		       image is placed */
#define SCRIPT_BUF_SIZE                                                        \
	256 /* bytes of a #! line looked at                                    \
	       (Linux BINPRM_BUF_SIZE) */
#define EXEC_ARG_STRLEN_MAX                                                    \
	(32 * PAGE_SIZE) /* bytes of one argument or                           \
			   environment string, with                            \
			   its NUL (MAX_ARG_STRLEN) */
#define EXEC_ARGS_BYTES_MAX                                                    \
	0x200000u	      /* bytes (2 MiB) of argv+envp                    \
				 strings plus pointers */
#define EXEC_ARGC_MAX 0x20000 /* argv+envp entries */
#define EXEC_ARGS_INIT_CAP                                                     \
	PAGE_SIZE /* bytes first allocated for                                 \
		     copied arguments */

/* processes (kernel/proc): no fixed count; a process record is allocated
 * when it is created and freed when it is reaped */
/* max_threads = free frames at boot / (NPROC_STACK_SHARE * KSTACK_PAGES):
 * every kernel stack fits in 1/8 of memory (Linux set_max_threads), and
 * it is at least NPROC_THREADS_MIN. Everyone's RLIMIT_NPROC starts at
 * NPROC_DEFAULT(max_threads) (Linux init_task); root is exempt. */
#define NPROC_STACK_SHARE 8
#define NPROC_THREADS_MIN 20 /* Linux MIN_THREADS */
#define NPROC_DEFAULT(max_threads) ((max_threads) / 2)
#define PID_MAX 32768	   /* pids are 1 .. PID_MAX - 1 */
#define PID_RESERVED 300   /* pids wrap to it (Linux RESERVED_PIDS) */
#define PID_HASH_SIZE 1024 /* pid hash buckets (power of two) */
#define SCHED_SLICE_TICKS                                                      \
	2		   /* ticks a process runs before                      \
			      another runnable one */
#define VFORK_DEPTH_MAX 16 /* nested vfork child phases */

/* File systems (kernel/fs) */
#define FD_MAX 256     /* descriptors per process */
#define NAME_MAX 255   /* bytes in a path component */
#define PATH_MAX 4096  /* bytes in a path, with NUL */
#define SYMLOOP_MAX 40 /* symlinks followed per lookup */
#define TMPFS_FILE_MAX                                                         \
	(512u * 1024 * PAGE_SIZE) /* bytes (2 GiB)                             \
			   in one tmpfs file */
#define DEVFS_MAX_DEVICES 32	  /* registered char devices */
#define PIPE_SIZE                                                              \
	65536 /* bytes a pipe buffers (Linux                                   \
		 default pipe capacity) */
#define PIPE_BUF                                                               \
	4096 /* bytes; writes up to this                                       \
		size are atomic (POSIX) */
#define TTY_BUF_SIZE                                                           \
	4096	     /* bytes of typed-ahead tty                               \
			input, edited line included */
#define IOV_MAX 1024 /* iovecs per readv/writev */
#define PIPE_MIN_SIZE                                                          \
	(2 * PAGE_SIZE) /* bytes a pipe buffers once                           \
			   its creator is over the                             \
			   soft limit (Linux                                   \
			   PIPE_MIN_DEF_BUFFERS) */
#define PIPE_USER_PAGES_SOFT                                                   \
	16384 /* pages of pipe buffers one                                     \
		 user may hold before new                                      \
		 pipes get PIPE_MIN_SIZE                                       \
		 (Linux's default for                                          \
		 fs.pipe-user-pages-soft,                                      \
		 64 MiB) ... */
#define PIPE_USER_SOFT_SHIFT                                                   \
	3 /* ... but at most 1/8 of the                                        \
	     frames: 64 MiB would be                                           \
	     more than all of a 32 MiB                                         \
	     machine (16 MiB: ~460                                             \
	     pages, 28 full pipes) ... */
#define PIPE_USER_SOFT_VM_SHIFT                                                \
	2 /* ... and 1/4 of the vmalloc                                        \
	     area, where every ring                                            \
	     lives (3072 pages) */
#define PIPE_USER_HARD_FACTOR                                                  \
	2 /* hard limit = 2 x soft: past                                       \
	     it pipe() fails (ENFILE).                                         \
	     Linux's default is none;                                          \
	     here small pipes could                                            \
	     fill the vmalloc area */
#define PIPE_USERS_MAX                                                         \
	64 /* users with pipe pages                                            \
	      accounted at once */

/*
 * Memory exhaustion (kernel/mm/oom.c, kernel/proc/oom.c; the rules are in
 * docs/security.md). The last OOM_RESERVE frames are handed out only to
 * init, to root (euid 0: the console shell) and to a process that is
 * dying of SIGKILL, as Linux keeps admin_reserve_kbytes for
 * CAP_SYS_ADMIN: one unprivileged hog can then never take the frames
 * the shell needs to fork and exec the command that ends it.
 */
#define OOM_RESERVE_SHIFT                                                      \
	5 /* reserve = 1/32 of the                                             \
	     frames ... */
#define OOM_RESERVE_MIN                                                        \
	128		     /* ... but at least 512 KiB                       \
				(a fork + exec of tsh                          \
				needs ~40 frames) ... */
#define OOM_RESERVE_MAX 2048 /* ... and at most 8 MiB */
#define OOM_WAIT_MS                                                            \
	2000 /* how long an allocation                                         \
		waits for the killed                                           \
		process to exit */
#define OOM_RETRIES                                                            \
	4 /* kills one allocation may                                          \
	     cause before it fails */

#endif
