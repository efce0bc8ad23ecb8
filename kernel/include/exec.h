/*
 * exec.h - execve. First its pure half (kernel/proc/elf.c, execargs.c,
 * ustack.c): recognising a program (ELF or #! script), copying argv/envp
 * out of user memory, and building the initial user stack. Nothing there
 * touches page tables: user memory is reached through callbacks, big
 * buffers come from an allocator hook, and the stack image is written
 * into a caller-provided buffer. Then execve itself (kernel/proc/exec.c),
 * which the system call and the vfork spawn use.
 *
 * A caller (the process layer) does, in order:
 *	exec_args_init(); exec_args_copy_user(argv); exec_args_copy_user(envp)
 *	read the file's first ELF_HEAD_MAX bytes; exec_identify()
 *	    EXEC_SCRIPT: exec_args_script(), open sc.interp, identify again
 *	    EXEC_ELF:    map plan.seg[], then ustack_build() into the stack
 *	exec_args_free()
 */
#ifndef SLEIGHT_EXEC_H
#define SLEIGHT_EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf.h"
#include "compiler.h"
#include "param.h"

/* ---- program identification (kernel/proc/elf.c) ---- */

/*
 * A parsed "#!" line. interp and arg point into buf, NUL-terminated.
 */
struct exec_script {
	char buf[SCRIPT_BUF_SIZE + 1];
	const char *interp; /* the interpreter path, never empty */
	const char *arg;    /* the optional argument, or NULL */
};

enum exec_kind {
	EXEC_ELF = 0,
	EXEC_SCRIPT = 1,
};

struct exec_image {
	enum exec_kind kind;
	union {
		struct elf_plan elf;
		struct exec_script script;
	};
};

int exec_script_parse(const void *head, uint32_t headlen,
		      struct exec_script *sc);
int exec_identify(const void *head, uint32_t headlen, uint32_t filesize,
		  struct exec_image *img);

/* ---- copied arguments (kernel/proc/execargs.c) ---- */

/*
 * Where big argument buffers come from (whole frames in the kernel, malloc
 * in host tests). alloc returns NULL when out of memory; free gets the
 * size that was allocated.
 */
struct exec_alloc {
	void *(*alloc)(size_t bytes, void *ctx);
	void (*free)(void *p, size_t bytes, void *ctx);
	void *ctx;
};

/*
 * User memory access. strncpy_from_user copies the string at user
 * address src into dst, at most max bytes: it returns the string length
 * (without the NUL, which it copied) if the NUL came within max bytes,
 * max if it did not (dst is then not terminated), or -EFAULT if the
 * string runs into memory the caller may not read. get_user_ptr reads
 * the 32-bit word at user address src: 0 or -EFAULT.
 */
struct exec_uaccess {
	long (*strncpy_from_user)(char *dst, uint32_t src, long max, void *ctx);
	int (*get_user_ptr)(uint32_t *val, uint32_t src, void *ctx);
	void *ctx;
};

/*
 * argv then envp strings, back to back, each with its NUL:
 *	buf: "arg0\0arg1\0...argN\0env0\0...envM\0"
 * Invariant: len + 4 * (argc + envc) <= EXEC_ARGS_BYTES_MAX.
 */
struct exec_args {
	char *buf;
	size_t cap; /* bytes allocated */
	size_t len; /* bytes used */
	uint32_t argc;
	uint32_t envc;
	const struct exec_alloc *al;
};

int exec_args_init(struct exec_args *ea, const struct exec_alloc *al);
void exec_args_free(struct exec_args *ea);
int exec_args_copy_user(struct exec_args *ea, uint32_t uvec, bool env,
			const struct exec_uaccess *ua);
int exec_args_add(struct exec_args *ea, const char *s, bool env);
int exec_args_script(struct exec_args *ea, const struct exec_script *sc,
		     const char *path);

/* ---- initial user stack (kernel/proc/ustack.c) ---- */

#define USTACK_RANDOM_BYTES 16

struct ustack_info {
	const struct exec_args *args;
	const char *execfn;    /* path execve was given (AT_EXECFN) */
	const uint8_t *random; /* USTACK_RANDOM_BYTES bytes (AT_RANDOM) */
	const struct elf_plan *plan;
	uint32_t uid, euid, gid, egid;
	uint32_t hwcap; /* CPUID.1:EDX (AT_HWCAP) */
	bool secure;	/* AT_SECURE */
};

int ustack_build(const struct ustack_info *in, void *buf, uint32_t buflen,
		 uint32_t top, uint32_t *esp);

/* ---- execve(2) itself (kernel/proc/exec.c) ---- */

struct exec_ctx;
struct proc;
struct trapframe;
struct vm_space;
struct vfs_ctx;
struct cred;

/*
 * proc_execve - execve(2) for current: upath, and the user addresses of
 * the argv and envp vectors. 0 (into the new program) or a negative
 * errno with current unchanged (see kernel/proc/exec.c).
 */
long proc_execve(const char __user *upath, uint32_t uargv, uint32_t uenvp);

/*
 * exec_prepare - every part of execve(2) that can fail, for current:
 * upath is the user's path, uargv and uenvp the user addresses of its
 * NULL-terminated pointer arrays (read with get_user_u32). A context for
 * exec_install, or NULL with *err = -errno (exec.c lists them); current
 * is not changed either way.
 */
struct exec_ctx *exec_prepare(const char __user *upath, uint32_t uargv,
			      uint32_t uenvp, int *err);
struct exec_ctx *exec_prepare_kernel(const struct proc *p, const char *path,
				     const char *const *argv,
				     const char *const *envp, int *err);
int exec_install(struct proc *p, struct exec_ctx *ec, uint32_t *entry,
		 uint32_t *esp);
void exec_ctx_release(struct exec_ctx *ec);
struct vm_space *exec_ctx_take_vm(struct exec_ctx *ec, uint32_t *entry,
				  uint32_t *esp, const char **path);
void exec_start_frame(struct trapframe *tf, uint32_t entry, uint32_t esp);
void exec_set_name(char *name, size_t size, const char *path);
void proc_vfs_ctx(const struct proc *p, struct vfs_ctx *ctx, struct cred *cr);

#endif
