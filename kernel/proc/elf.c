/*
 * kernel/proc/elf.c - recognise a program from its first bytes: validate
 * an ELF32 i386 executable and plan its loading, or parse a "#!" line.
 *
 * Pure code, no state, no locks; host-tested (tests/unit/test_elf.c).
 * The file's bytes are untrusted: every field is checked before it is
 * used, all address and size sums are done in 64 bits, and headers are
 * copied out with memcpy so an odd e_phoff never makes an unaligned
 * access. Anything malformed is -ENOEXEC.
 *
 * A plan only describes static executables (no PT_INTERP). Its PT_LOAD
 * segments ascend, never share a page, lie in [PAGE_SIZE, USER_VTOP),
 * and the program headers and entry point lie inside them.
 *
 * Sources: System V gABI "Program Loading" and "Program Header"; the
 * Intel386 psABI supplement; elf(5); Linux fs/binfmt_script.c for the
 * "#!" rules.
 */
#include "kernel.h"
#include "errno.h"
#include "elf.h"
#include "exec.h"

static bool is_pow2(uint32_t x)
{
	return x != 0 && (x & (x - 1)) == 0;
}

static int check_ehdr(const Elf32_Ehdr *eh, uint32_t headlen, uint32_t filesize)
{
	uint64_t phend;

	if (memcmp(eh->e_ident, ELFMAG, 4) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT ||
	    eh->e_version != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_machine != EM_386)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_ehsize != sizeof(Elf32_Ehdr) ||
	    eh->e_phentsize != sizeof(Elf32_Phdr))
		return -ENOEXEC;
	if (eh->e_phnum < 1 || eh->e_phnum > ELF_PHNUM_MAX)
		return -ENOEXEC;
	/* The table must be in the file and in the bytes we were given. */
	phend = (uint64_t)eh->e_phoff +
		(uint64_t)eh->e_phnum * sizeof(Elf32_Phdr);
	if (eh->e_phoff < sizeof(Elf32_Ehdr) || phend > filesize ||
	    phend > headlen)
		return -ENOEXEC;
	return 0;
}

/* Checks one PT_LOAD on its own (unbiased addresses). */
static int check_load(const Elf32_Phdr *ph, uint32_t filesize)
{
	if (ph->p_filesz > ph->p_memsz)
		return -ENOEXEC;
	if ((uint64_t)ph->p_offset + ph->p_filesz > filesize)
		return -ENOEXEC;
	if ((uint64_t)ph->p_vaddr + ph->p_memsz > 0xFFFFFFFFull)
		return -ENOEXEC;
	if ((ph->p_vaddr - ph->p_offset) % PAGE_SIZE != 0)
		return -ENOEXEC;
	if (ph->p_align > 1) {
		if (!is_pow2(ph->p_align) ||
		    (ph->p_vaddr - ph->p_offset) % ph->p_align != 0)
			return -ENOEXEC;
	}
	return 0;
}

/*
 * Pass 1: copy out and check every program header; keep the PT_LOADs
 * (unbiased) in plan->seg and PT_PHDR's address in *phdr_va.
 */
static int scan_phdrs(const uint8_t *head, const Elf32_Ehdr *eh,
		      uint32_t filesize, struct elf_plan *plan, bool *has_phdr,
		      uint32_t *phdr_va)
{
	Elf32_Phdr ph;
	struct elf_seg *s;
	uint32_t i;

	for (i = 0; i < eh->e_phnum; i++) {
		memcpy(&ph, head + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		switch (ph.p_type) {
		case PT_INTERP:
			return -ENOEXEC; /* dynamic: not supported */
		case PT_PHDR:
			if (*has_phdr)
				return -ENOEXEC;
			*has_phdr = true;
			*phdr_va = ph.p_vaddr;
			continue;
		case PT_GNU_STACK:
			plan->exec_stack = (ph.p_flags & PF_X) != 0;
			continue;
		case PT_LOAD:
			break;
		default:
			continue;
		}
		if (check_load(&ph, filesize) < 0)
			return -ENOEXEC;
		if (ph.p_memsz == 0)
			continue; /* maps nothing */
		if (plan->nseg == ELF_LOAD_MAX)
			return -ENOEXEC;
		/* gABI: loadable segments ascend by p_vaddr */
		if (plan->nseg > 0 &&
		    ph.p_vaddr < plan->seg[plan->nseg - 1].vaddr)
			return -ENOEXEC;
		s = &plan->seg[plan->nseg++];
		s->vaddr = ph.p_vaddr;
		s->memsz = ph.p_memsz;
		s->filesz = ph.p_filesz;
		s->offset = ph.p_offset;
		s->align = ph.p_align;
		s->flags = ph.p_flags & (PF_R | PF_W | PF_X);
	}
	return plan->nseg > 0 ? 0 : -ENOEXEC;
}

/*
 * ET_DYN: place the lowest page at ELF_DYN_BASE, rounded up to the
 * largest p_align so every congruence still holds. Returns the bias.
 */
static uint64_t dyn_bias(const struct elf_plan *plan)
{
	uint64_t base = ELF_DYN_BASE;
	uint32_t align = PAGE_SIZE;
	uint32_t i;

	for (i = 0; i < plan->nseg; i++)
		align = MAX(align, plan->seg[i].align);
	base = ALIGN_UP(base, (uint64_t)align);
	return base - ALIGN_DOWN(plan->seg[0].vaddr, align);
}

/*
 * Pass 2: apply the bias; check the user-half bounds, the page-level
 * overlap and the total size. Fills lo and hi.
 */
static int place_segs(struct elf_plan *plan, uint64_t bias)
{
	uint64_t start, end, prev_end = 0;
	uint32_t i;

	for (i = 0; i < plan->nseg; i++) {
		struct elf_seg *s = &plan->seg[i];

		start = ALIGN_DOWN(s->vaddr + bias, (uint64_t)PAGE_SIZE);
		end = ALIGN_UP(s->vaddr + bias + s->memsz, (uint64_t)PAGE_SIZE);
		if (start < PAGE_SIZE || end > USER_VTOP)
			return -ENOEXEC;
		if (start < prev_end)
			return -ENOEXEC; /* shares a page */
		prev_end = end;
		s->vaddr = (uint32_t)(s->vaddr + bias);
	}
	plan->lo = ALIGN_DOWN(plan->seg[0].vaddr, PAGE_SIZE);
	plan->hi = (uint32_t)prev_end;
	if (plan->hi - plan->lo > ELF_IMAGE_MAX)
		return -ENOEXEC;
	plan->bias = (uint32_t)bias;
	return 0;
}

/* The segment whose [vaddr, vaddr + len) covers [va, va + n), or NULL. */
static const struct elf_seg *seg_covering(const struct elf_plan *plan,
					  uint64_t va, uint64_t n, bool file)
{
	uint32_t i;

	for (i = 0; i < plan->nseg; i++) {
		const struct elf_seg *s = &plan->seg[i];
		uint64_t len = file ? s->filesz : s->memsz;

		if (va >= s->vaddr && va + n <= s->vaddr + len)
			return s;
	}
	return NULL;
}

/*
 * AT_PHDR: PT_PHDR's address if there is one, else where the segment
 * that maps file offset e_phoff puts it. Either way the table must be
 * loaded from the file, since the C library reads it (PT_TLS).
 */
static int find_phdr(struct elf_plan *plan, const Elf32_Ehdr *eh, bool has_phdr,
		     uint32_t phdr_va)
{
	uint64_t size = (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr);
	uint64_t va;
	uint32_t i;

	if (has_phdr) {
		va = (uint64_t)phdr_va + plan->bias;
		va &= 0xFFFFFFFFull;
		if (!seg_covering(plan, va, size, true))
			return -ENOEXEC;
		plan->phdr = (uint32_t)va;
		return 0;
	}
	for (i = 0; i < plan->nseg; i++) {
		const struct elf_seg *s = &plan->seg[i];

		if (eh->e_phoff >= s->offset &&
		    eh->e_phoff + size <= (uint64_t)s->offset + s->filesz) {
			plan->phdr = s->vaddr + (eh->e_phoff - s->offset);
			return 0;
		}
	}
	return -ENOEXEC;
}

/**
 * elf_plan - validate an ELF32 i386 static executable and plan its load.
 * @head:     the file's first @headlen bytes (ELF_HEAD_MAX is enough for
 *            every toolchain's output: the headers come first)
 * @headlen:  bytes in @head, <= @filesize
 * @filesize: bytes in the whole file; every segment must lie inside it
 * @plan:     filled on success
 *
 * ET_EXEC is loaded where it says; ET_DYN (static-pie) gets a bias that
 * puts its lowest page at ELF_DYN_BASE.
 *
 * Return: 0, or -ENOEXEC if the file is not an ELF32 LSB i386 ET_EXEC or
 * ET_DYN, has a PT_INTERP, or any header or segment is out of bounds,
 * overflows, overlaps, or is misaligned (see the file comment).
 * Follows: gABI ch. 4-5, Intel386 psABI, elf(5).
 */
int elf_plan(const void *head, uint32_t headlen, uint32_t filesize,
	     struct elf_plan *plan)
{
	const struct elf_seg *entry_seg;
	Elf32_Ehdr eh;
	bool has_phdr = false;
	uint32_t phdr_va = 0;
	uint64_t bias = 0;

	memset(plan, 0, sizeof(*plan));
	if (headlen > filesize || headlen < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, head, sizeof(eh));
	if (check_ehdr(&eh, headlen, filesize) < 0)
		return -ENOEXEC;
	if (scan_phdrs(head, &eh, filesize, plan, &has_phdr, &phdr_va) < 0)
		return -ENOEXEC;
	if (eh.e_type == ET_DYN)
		bias = dyn_bias(plan);
	if (place_segs(plan, bias) < 0)
		return -ENOEXEC;
	if (find_phdr(plan, &eh, has_phdr, phdr_va) < 0)
		return -ENOEXEC;

	plan->entry = (uint32_t)(eh.e_entry + bias);
	entry_seg = seg_covering(plan, plan->entry, 1, false);
	if (!entry_seg || !(entry_seg->flags & PF_X))
		return -ENOEXEC;
	plan->type = eh.e_type;
	plan->phent = sizeof(Elf32_Phdr);
	plan->phnum = eh.e_phnum;
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* First index in [i, end) that is not a blank, or end. */
static uint32_t skip_blanks(const char *b, uint32_t i, uint32_t end)
{
	while (i < end && is_blank(b[i]))
		i++;
	return i;
}

/* First index in [i, end) holding a blank or NUL, or end. */
static uint32_t skip_word(const char *b, uint32_t i, uint32_t end)
{
	while (i < end && !is_blank(b[i]) && b[i] != '\0')
		i++;
	return i;
}

/**
 * exec_script_parse - parse a "#!interpreter [argument]" first line.
 * @head:    the file's first @headlen bytes; only SCRIPT_BUF_SIZE count
 * @headlen: bytes in @head
 * @sc:      filled on success: interp, and arg or NULL
 *
 * Linux rules (fs/binfmt_script.c): the line ends at the first newline.
 * Blanks (space, tab) around it are dropped; the interpreter is the first
 * word; the argument is the REST of the line, inner blanks kept, as one
 * string. A NUL ends the interpreter and means no argument. If no newline
 * comes within SCRIPT_BUF_SIZE bytes, the line is cut there, which is
 * allowed only if a blank or NUL shows the interpreter name complete
 * (the argument may be cut; the interpreter rereads the script).
 *
 * Return: 0; -ENOEXEC if not "#!", no interpreter, or a cut interpreter.
 */
int exec_script_parse(const void *head, uint32_t headlen,
		      struct exec_script *sc)
{
	char *b = sc->buf;
	uint32_t n = MIN(headlen, (uint32_t)SCRIPT_BUF_SIZE);
	uint32_t end, name, sep, arg;

	memset(sc->buf, 0, sizeof(sc->buf));
	memcpy(b, head, n);
	sc->interp = sc->arg = NULL;
	if (n < 2 || b[0] != '#' || b[1] != '!')
		return -ENOEXEC;
	for (end = 2; end < n && b[end] != '\n'; end++)
		;
	if (end == n) {
		/*
		 * No newline: bytes past n are NUL (a file shorter than the
		 * buffer), and the name must be seen to end before the
		 * buffer does. The line is then cut before its last byte.
		 */
		name = skip_blanks(b, 2, SCRIPT_BUF_SIZE);
		if (skip_word(b, name, SCRIPT_BUF_SIZE) == SCRIPT_BUF_SIZE)
			return -ENOEXEC;
		end = SCRIPT_BUF_SIZE - 1;
	}
	while (end > 2 && is_blank(b[end - 1]))
		end--;
	name = skip_blanks(b, 2, end);
	sep = skip_word(b, name, end);
	if (sep == name)
		return -ENOEXEC; /* empty interpreter */
	sc->interp = b + name;
	if (sep < end && b[sep] != '\0') {
		arg = skip_blanks(b, sep, end);
		if (arg < end)
			sc->arg = b + arg;
	}
	b[end] = '\0';
	b[sep] = '\0';
	return 0;
}

/**
 * exec_identify - what kind of program the file's first bytes start.
 * @head, @headlen, @filesize: as for elf_plan()
 * @img: img->kind and img->elf or img->script filled on success
 *
 * Return: EXEC_ELF or EXEC_SCRIPT (>= 0), or -ENOEXEC.
 */
int exec_identify(const void *head, uint32_t headlen, uint32_t filesize,
		  struct exec_image *img)
{
	const char *b = head;

	if (headlen >= 2 && b[0] == '#' && b[1] == '!') {
		img->kind = EXEC_SCRIPT;
		if (exec_script_parse(head, headlen, &img->script) < 0)
			return -ENOEXEC;
		return EXEC_SCRIPT;
	}
	img->kind = EXEC_ELF;
	if (elf_plan(head, headlen, filesize, &img->elf) < 0)
		return -ENOEXEC;
	return EXEC_ELF;
}
