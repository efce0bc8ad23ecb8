/*
 * kernel/proc/execargs.c - copy execve's argv and envp out of user memory
 * into one compact kernel buffer (struct exec_args, see exec.h).
 *
 * Owns the exec_args buffer: it comes from the caller's allocator hook
 * and grows by doubling (copy, then free the old one) up to the bytes
 * limit, so a short command line costs one page. No locks: an exec_args
 * belongs to the one thread that is executing.
 *
 * Invariants between calls: buf holds argc argv strings then envc envp
 * strings, each NUL-terminated, in len bytes; len + 4 * (argc + envc) <=
 * EXEC_ARGS_BYTES_MAX; argc + envc <= EXEC_ARGC_MAX. A failed call leaves
 * the strings copied before it in place; the caller frees the lot.
 *
 * Limits follow execve(2) and Linux fs/exec.c: one string with its NUL
 * over MAX_ARG_STRLEN (EXEC_ARG_STRLEN_MAX) is E2BIG, and so are strings
 * plus pointers over a quarter of the default 8 MiB stack.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"

/**
 * exec_args_init - an empty argument list with its first buffer.
 * @ea: the list to set up
 * @al: where buffers come from; must outlive @ea
 *
 * Return: 0, or -ENOMEM if the first EXEC_ARGS_INIT_CAP bytes cannot be
 * allocated.
 */
int exec_args_init(struct exec_args *ea, const struct exec_alloc *al)
{
	memset(ea, 0, sizeof(*ea));
	ea->al = al;
	ea->buf = al->alloc(EXEC_ARGS_INIT_CAP, al->ctx);
	if (!ea->buf)
		return -ENOMEM;
	ea->cap = EXEC_ARGS_INIT_CAP;
	return 0;
}

/** exec_args_free - give the buffer back; @ea may be freed twice. */
void exec_args_free(struct exec_args *ea)
{
	if (ea->buf)
		ea->al->free(ea->buf, ea->cap, ea->al->ctx);
	ea->buf = NULL;
	ea->cap = ea->len = 0;
	ea->argc = ea->envc = 0;
}

/* Bytes the limit still allows for string bytes of one more entry. */
static size_t room_for_one(const struct exec_args *ea)
{
	size_t used = ea->len + 4 * ((size_t)ea->argc + ea->envc + 1);

	return used >= EXEC_ARGS_BYTES_MAX ? 0 : EXEC_ARGS_BYTES_MAX - used;
}

/* Double the buffer (at most to the bytes limit): 0, -E2BIG, -ENOMEM. */
static int grow(struct exec_args *ea)
{
	size_t ncap = MIN(ea->cap * 2, (size_t)EXEC_ARGS_BYTES_MAX);
	char *nbuf;

	if (ncap <= ea->cap)
		return -E2BIG;
	nbuf = ea->al->alloc(ncap, ea->al->ctx);
	if (!nbuf)
		return -ENOMEM;
	memcpy(nbuf, ea->buf, ea->len);
	ea->al->free(ea->buf, ea->cap, ea->al->ctx);
	ea->buf = nbuf;
	ea->cap = ncap;
	return 0;
}

/* Count one more string of n bytes (with NUL) as argv or envp. */
static void account(struct exec_args *ea, size_t n, bool env)
{
	ea->len += n;
	if (env)
		ea->envc++;
	else
		ea->argc++;
}

/*
 * Copy the user string at usrc to the end of the buffer, growing it as
 * needed. 0, -EFAULT, -E2BIG or -ENOMEM.
 */
static int copy_one(struct exec_args *ea, uint32_t usrc, bool env,
		    const struct exec_uaccess *ua)
{
	size_t lim, max;
	long n;
	int err;

	for (;;) {
		lim = MIN(room_for_one(ea), (size_t)EXEC_ARG_STRLEN_MAX);
		max = MIN(lim, ea->cap - ea->len);
		if (max == 0)
			goto full;
		n = ua->strncpy_from_user(ea->buf + ea->len, usrc, (long)max,
					  ua->ctx);
		if (n < 0)
			return -EFAULT;
		if ((size_t)n < max) {
			account(ea, (size_t)n + 1, env);
			return 0;
		}
	full:
		/* no NUL within max bytes: too long, or the buffer is */
		if (max == lim)
			return -E2BIG;
		err = grow(ea);
		if (err)
			return err;
	}
}

/**
 * exec_args_copy_user - append a user string vector (argv or envp).
 * @ea:   the list; envp must be copied after argv
 * @uvec: user address of a NULL-terminated array of 32-bit user string
 *        pointers; 0 means an empty vector (Linux accepts a NULL argv)
 * @env:  false for argv, true for envp
 * @ua:   how to read user memory
 *
 * Return: 0; -EFAULT if the array or a string runs into memory @ua
 * refuses; -E2BIG over EXEC_ARG_STRLEN_MAX for one string (NUL included),
 * EXEC_ARGS_BYTES_MAX in all (strings + 4-byte pointers) or EXEC_ARGC_MAX
 * entries; -ENOMEM if the buffer cannot grow; -EINVAL for argv after envp.
 * Follows execve(2) "Limits on size of arguments and environment".
 */
int exec_args_copy_user(struct exec_args *ea, uint32_t uvec, bool env,
			const struct exec_uaccess *ua)
{
	uint64_t slot;
	uint32_t up;
	int err;

	if (!env && ea->envc)
		return -EINVAL;
	if (uvec == 0)
		return 0;
	for (slot = uvec;; slot += 4) {
		if (slot + 4 > 0x100000000ull)
			return -EFAULT;
		if (ua->get_user_ptr(&up, (uint32_t)slot, ua->ctx) < 0)
			return -EFAULT;
		if (up == 0)
			return 0;
		if (ea->argc + ea->envc >= EXEC_ARGC_MAX)
			return -E2BIG;
		err = copy_one(ea, up, env, ua);
		if (err)
			return err;
	}
}

/* Make room for n more bytes within the limits: 0, -E2BIG, -ENOMEM. */
static int reserve(struct exec_args *ea, size_t n, uint32_t entries)
{
	size_t used = ea->len + n + 4 * ((size_t)ea->argc + ea->envc + entries);
	int err;

	if (ea->argc + ea->envc + entries > EXEC_ARGC_MAX ||
	    used > EXEC_ARGS_BYTES_MAX)
		return -E2BIG;
	while (ea->cap - ea->len < n) {
		err = grow(ea);
		if (err)
			return err;
	}
	return 0;
}

/**
 * exec_args_add - append a kernel string to argv (before any envp) or
 * envp; used for init's arguments.
 *
 * Return: 0, -E2BIG (limits as exec_args_copy_user), -ENOMEM, or -EINVAL
 * for argv after envp.
 */
int exec_args_add(struct exec_args *ea, const char *s, bool env)
{
	size_t n = strlen(s) + 1;
	int err;

	if (!env && ea->envc)
		return -EINVAL;
	if (n > EXEC_ARG_STRLEN_MAX)
		return -E2BIG;
	err = reserve(ea, n, 1);
	if (err)
		return err;
	memcpy(ea->buf + ea->len, s, n);
	account(ea, n, env);
	return 0;
}

/**
 * exec_args_script - rewrite argv to run a script's interpreter.
 * @ea:   argv as the script was executed with
 * @sc:   the parsed "#!" line
 * @path: the script's path as execve got it
 *
 * argv[0] is replaced by interp, [arg,] path; the rest of argv and envp
 * are kept: "#!/bin/sh -e" run as ("x", "a") becomes ("/bin/sh", "-e",
 * path, "a"). An empty argv just gains the three.
 *
 * Return: 0, -E2BIG or -ENOMEM (then @ea is unchanged).
 * Follows Linux fs/binfmt_script.c.
 */
int exec_args_script(struct exec_args *ea, const struct exec_script *sc,
		     const char *path)
{
	const char *parts[3] = {sc->interp, sc->arg ? sc->arg : path, path};
	uint32_t nparts = sc->arg ? 3 : 2;
	size_t head = 0, drop = 0, off = 0, n;
	uint32_t i;
	int err;

	for (i = 0; i < nparts; i++) {
		n = strlen(parts[i]) + 1;
		if (n > EXEC_ARG_STRLEN_MAX)
			return -E2BIG;
		head += n;
	}
	if (ea->argc)
		drop = strlen(ea->buf) + 1;
	err = reserve(ea, head > drop ? head - drop : 0,
		      nparts - (ea->argc ? 1 : 0));
	if (err)
		return err;
	memmove(ea->buf + head, ea->buf + drop, ea->len - drop);
	for (i = 0; i < nparts; i++) {
		n = strlen(parts[i]) + 1;
		memcpy(ea->buf + off, parts[i], n);
		off += n;
	}
	ea->len = ea->len - drop + head;
	ea->argc = ea->argc - (ea->argc ? 1 : 0) + nparts;
	return 0;
}
