/*
 * kernel/proc/ustack.c - build a new program's initial user stack: argc,
 * argv, envp, the auxiliary vector and the strings they point to.
 *
 * Pure code, no state, no locks; host-tested (tests/unit/test_ustack.c).
 * The image is written into a kernel buffer that stands for the top
 * buflen bytes of the user stack, [top - buflen, top); the caller maps or
 * copies it there. Only that window is written.
 *
 * Layout (high addresses first), as Linux fs/binfmt_elf.c and the System
 * V i386 ABI "Process Initialization" (figure 3-31) describe it:
 *
 *	top	4 zero bytes (end marker)
 *		execfn string
 *		envp strings, above argv strings (exec_args order)
 *		16 random bytes (AT_RANDOM)
 *		padding to 16 bytes
 *		AT_NULL pair; auxv pairs
 *		NULL; envp[envc - 1] .. envp[0]
 *		NULL; argv[argc - 1] .. argv[0]
 *	esp ->	argc		(esp % 16 == 0)
 */
#include "kernel.h"
#include "errno.h"
#include "elf.h"
#include "exec.h"

#define NAUXV 16 /* pairs, AT_NULL included */

struct ustack_win {
	uint8_t *buf;
	uint32_t base; /* user address of buf[0] */
};

static void put_word(const struct ustack_win *w, uint32_t uaddr, uint32_t val)
{
	memcpy(w->buf + (uaddr - w->base), &val, 4);
}

static void put_bytes(const struct ustack_win *w, uint32_t uaddr,
		      const void *src, uint32_t n)
{
	memcpy(w->buf + (uaddr - w->base), src, n);
}

/* Fill the auxv table (pairs) from the plan and credentials. */
static void fill_auxv(uint32_t *av, const struct ustack_info *in,
		      uint32_t u_rand, uint32_t u_execfn)
{
	const struct elf_plan *p = in->plan;
	uint32_t i = 0;

#define AUX(type, val)                                                         \
	do {                                                                   \
		av[i++] = (type);                                              \
		av[i++] = (val);                                               \
	} while (0)
	AUX(AT_HWCAP, in->hwcap);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_PHDR, p->phdr);
	AUX(AT_PHENT, p->phent);
	AUX(AT_PHNUM, p->phnum);
	AUX(AT_BASE, 0); /* no interpreter */
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, p->entry);
	AUX(AT_UID, in->uid);
	AUX(AT_EUID, in->euid);
	AUX(AT_GID, in->gid);
	AUX(AT_EGID, in->egid);
	AUX(AT_SECURE, in->secure ? 1 : 0);
	AUX(AT_RANDOM, u_rand);
	AUX(AT_EXECFN, u_execfn);
	AUX(AT_NULL, 0);
#undef AUX
}

/*
 * Write n pointers to the next n strings of strs (from *off on) and a
 * NULL at user address at; returns the address after the NULL.
 */
static uint32_t put_vector(const struct ustack_win *w, uint32_t at,
			   const char *strs, uint32_t u_strs, uint32_t *off,
			   uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		put_word(w, at, u_strs + *off);
		at += 4;
		*off += strlen(strs + *off) + 1;
	}
	put_word(w, at, 0);
	return at + 4;
}

/**
 * ustack_build - write the initial user stack image.
 * @in:     arguments, environment, execfn, random bytes, credentials,
 *          hwcap and the load plan (for AT_PHDR, AT_PHENT, AT_PHNUM,
 *          AT_ENTRY)
 * @buf:    kernel buffer standing for user bytes [top - buflen, top)
 * @buflen: bytes in @buf, the most the image may use
 * @top:    user address just above the stack, 16-byte aligned
 * @esp:    on success, the user address of argc: the initial %esp,
 *          16-byte aligned
 *
 * Return: 0; -E2BIG if the image does not fit in @buflen bytes; -EINVAL
 * if @top is misaligned or below @buflen.
 * Follows: System V i386 ABI 3-28..3-31; Linux create_elf_tables().
 */
int ustack_build(const struct ustack_info *in, void *buf, uint32_t buflen,
		 uint32_t top, uint32_t *esp)
{
	const struct exec_args *ea = in->args;
	struct ustack_win w = {buf, top - buflen};
	uint32_t av[2 * NAUXV];
	uint64_t nfn, items, p64, sp64;
	uint32_t p, u_execfn, u_strs, u_rand, sp, at, off = 0;

	if (top % 16 != 0 || top < buflen)
		return -EINVAL;
	/* Lay it out first, in 64 bits, so nothing is written unless it
	 * all fits. */
	nfn = strlen(in->execfn) + 1;
	items = 1 + ea->argc + 1 + ea->envc + 1 + 2 * NAUXV;
	p64 = (uint64_t)top - 4 - nfn - ea->len - USTACK_RANDOM_BYTES;
	if (p64 >= (uint64_t)top) /* wrapped below 0 */
		return -E2BIG;
	sp64 = ALIGN_DOWN(ALIGN_DOWN(p64, 16) - 4 * items, 16);
	if (sp64 >= (uint64_t)top || top - sp64 > buflen)
		return -E2BIG;
	sp = (uint32_t)sp64;

	p = top - 4;
	put_word(&w, p, 0);
	p -= nfn;
	u_execfn = p;
	put_bytes(&w, p, in->execfn, nfn);
	p -= ea->len;
	u_strs = p;
	put_bytes(&w, p, ea->buf, ea->len);
	p -= USTACK_RANDOM_BYTES;
	u_rand = p;
	put_bytes(&w, p, in->random, USTACK_RANDOM_BYTES);
	p = ALIGN_DOWN(p, 16);

	memset(w.buf + (sp - w.base), 0, p - sp);
	put_word(&w, sp, ea->argc);
	at = put_vector(&w, sp + 4, ea->buf, u_strs, &off, ea->argc);
	at = put_vector(&w, at, ea->buf, u_strs, &off, ea->envc);
	fill_auxv(av, in, u_rand, u_execfn);
	put_bytes(&w, at, av, sizeof(av));
	*esp = sp;
	return 0;
}
