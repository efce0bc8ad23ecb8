/*
 * Host tests for kernel/proc/elf.c: the ELF32 load planner and the "#!"
 * parser.
 *
 * Bug class: a loader that trusts one header field (an offset, a size, an
 * address) lets a file make the kernel read past its buffer, map over the
 * kernel half or page 0, or jump into data. Each malformed case below
 * flips exactly one field of a valid image built here and expects
 * -ENOEXEC; the real musl binaries built by the Makefile must plan. A
 * fuzz pass flips random bytes of a real binary under ASan and checks
 * that every accepted plan still keeps the invariants.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libgen.h>
#include <cmocka.h>

#include "kernel.h"
#include "errno.h"
#include "elf.h"
#include "exec.h"

/* ---- a valid image, built here ---- */

#define IMG_SIZE	0x300
#define TEXT_VA		0x08048000u
#define DATA_VA		0x08049200u

struct img {
	uint8_t b[0x1000];
	uint32_t size;		/* file size */
};

static Elf32_Ehdr *ehdr(struct img *im)
{
	return (Elf32_Ehdr *)im->b;
}

static Elf32_Phdr *phdr(struct img *im, int i)
{
	return (Elf32_Phdr *)(im->b + sizeof(Elf32_Ehdr)) + i;
}

static void set_ph(Elf32_Phdr *p, uint32_t type, uint32_t off, uint32_t va,
		   uint32_t filesz, uint32_t memsz, uint32_t flags)
{
	p->p_type = type;
	p->p_offset = off;
	p->p_vaddr = p->p_paddr = va;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_flags = flags;
	p->p_align = PAGE_SIZE;
}

/*
 * ET_EXEC: text [0x08048000, +0x200) from offset 0 (headers included),
 * data at 0x08049200 with 0x100 file bytes and 0x1f00 of bss, then a
 * PT_GNU_STACK.
 */
static void make_img(struct img *im)
{
	Elf32_Ehdr *e = ehdr(im);

	memset(im, 0, sizeof(*im));
	im->size = IMG_SIZE;
	memcpy(e->e_ident, ELFMAG, 4);
	e->e_ident[EI_CLASS] = ELFCLASS32;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = ET_EXEC;
	e->e_machine = EM_386;
	e->e_version = EV_CURRENT;
	e->e_entry = TEXT_VA + 0x100;
	e->e_phoff = sizeof(Elf32_Ehdr);
	e->e_ehsize = sizeof(Elf32_Ehdr);
	e->e_phentsize = sizeof(Elf32_Phdr);
	e->e_phnum = 3;
	set_ph(phdr(im, 0), PT_LOAD, 0, TEXT_VA, 0x200, 0x200, PF_R | PF_X);
	set_ph(phdr(im, 1), PT_LOAD, 0x200, DATA_VA, 0x100, 0x2000,
	       PF_R | PF_W);
	set_ph(phdr(im, 2), PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W);
	phdr(im, 2)->p_align = 16;
}

static int plan_img(struct img *im, struct elf_plan *p)
{
	return elf_plan(im->b, MIN(im->size, (uint32_t)sizeof(im->b)),
			im->size, p);
}

static void test_built_image_plans(void **state)
{
	struct img im;
	struct elf_plan p;

	make_img(&im);
	assert_int_equal(plan_img(&im, &p), 0);
	assert_int_equal(p.type, ET_EXEC);
	assert_int_equal(p.bias, 0);
	assert_int_equal(p.entry, TEXT_VA + 0x100);
	assert_int_equal(p.phdr, TEXT_VA + sizeof(Elf32_Ehdr));
	assert_int_equal(p.phent, 32);
	assert_int_equal(p.phnum, 3);
	assert_int_equal(p.nseg, 2);
	assert_int_equal(p.seg[0].vaddr, TEXT_VA);
	assert_int_equal(p.seg[0].flags, PF_R | PF_X);
	assert_int_equal(p.seg[1].vaddr, DATA_VA);
	assert_int_equal(p.seg[1].offset, 0x200);
	assert_int_equal(p.seg[1].filesz, 0x100);
	assert_int_equal(p.seg[1].memsz, 0x2000);
	assert_int_equal(p.seg[1].flags, PF_R | PF_W);
	assert_int_equal(p.lo, TEXT_VA);
	assert_int_equal(p.hi, 0x0804c000);	/* 0x08049200 + 0x2000 up */
	assert_false(p.exec_stack);
}

static void test_built_dyn_image_gets_bias(void **state)
{
	struct img im;
	struct elf_plan p;

	make_img(&im);
	ehdr(&im)->e_type = ET_DYN;
	ehdr(&im)->e_entry = 0x100;
	phdr(&im, 0)->p_vaddr = 0;
	phdr(&im, 1)->p_vaddr = 0x1200;
	assert_int_equal(plan_img(&im, &p), 0);
	assert_int_equal(p.type, ET_DYN);
	assert_int_equal(p.bias, ELF_DYN_BASE);
	assert_int_equal(p.entry, ELF_DYN_BASE + 0x100);
	assert_int_equal(p.seg[1].vaddr, ELF_DYN_BASE + 0x1200);
	assert_int_equal(p.phdr, ELF_DYN_BASE + 52);
	assert_int_equal(p.lo, ELF_DYN_BASE);
}

/* ---- one flipped field each ---- */

typedef void (*mutate_fn)(struct img *im);

#define MUT(name, body)							\
	static void mut_##name(struct img *im)				\
	{								\
		Elf32_Ehdr *e = ehdr(im);				\
		Elf32_Phdr *t = phdr(im, 0), *d = phdr(im, 1);		\
		(void)e; (void)t; (void)d;				\
		body;							\
	}

MUT(bad_magic, e->e_ident[1] = 'F')
MUT(class_64, e->e_ident[EI_CLASS] = ELFCLASS64)
MUT(big_endian, e->e_ident[EI_DATA] = ELFDATA2MSB)
MUT(ident_version_0, e->e_ident[EI_VERSION] = 0)
MUT(e_version_2, e->e_version = 2)
MUT(machine_x86_64, e->e_machine = 62)
MUT(type_rel, e->e_type = ET_REL)
MUT(type_core, e->e_type = ET_CORE)
MUT(ehsize_wrong, e->e_ehsize = 64)
MUT(phentsize_wrong, e->e_phentsize = 56)
MUT(phnum_0, e->e_phnum = 0)
MUT(phnum_65, e->e_phnum = 65)
MUT(phnum_huge, e->e_phnum = 0xffff)
MUT(phoff_past_eof, e->e_phoff = IMG_SIZE - 40)
MUT(phoff_overflows, e->e_phoff = 0xFFFFFFF0u)
MUT(phoff_inside_ehdr, e->e_phoff = 20)
MUT(offset_filesz_overflow, d->p_offset = 0xFFFFF200u)
MUT(segment_past_eof, d->p_filesz = 0x200)
MUT(filesz_over_memsz, d->p_filesz = 0x100; d->p_memsz = 0x80)
MUT(vaddr_memsz_overflow, d->p_vaddr = 0xFFFFF200u)
MUT(segment_into_kernel_half, d->p_vaddr = 0xBFFFF200u)
MUT(segment_at_kernel_base, d->p_vaddr = 0xC0000200u)
MUT(segment_at_page_0, t->p_vaddr = 0; e->e_entry = 0x100)
MUT(misaligned_congruence, d->p_vaddr = DATA_VA + 0x10)
MUT(align_not_pow2, d->p_align = 0x3000)
MUT(align_congruence, d->p_align = 0x10000)
MUT(entry_in_data, e->e_entry = DATA_VA + 8)
MUT(entry_in_no_segment, e->e_entry = 0x10000000)
MUT(entry_in_gap, e->e_entry = TEXT_VA + 0x800)
MUT(overlapping_segments, t->p_memsz = 0x1400)
MUT(same_page_segments, d->p_vaddr = TEXT_VA + 0x200)
MUT(descending_segments, d->p_vaddr = TEXT_VA - 2 * PAGE_SIZE + 0x200)
MUT(image_too_big, d->p_memsz = ELF_IMAGE_MAX)
MUT(truncated_file, im->size = 0x280)
MUT(truncated_headers, im->size = 52 + 40)
MUT(truncated_ehdr, im->size = 40)
MUT(pt_interp, phdr(im, 2)->p_type = PT_INTERP)
MUT(two_pt_phdr, e->e_phnum = 4;
    set_ph(phdr(im, 2), PT_PHDR, 0x34, TEXT_VA + 0x34, 0x80, 0x80, PF_R);
    *phdr(im, 3) = *phdr(im, 2))
MUT(pt_phdr_unmapped, phdr(im, 2)->p_type = PT_PHDR;
    phdr(im, 2)->p_vaddr = 0x20000000)
MUT(phdrs_not_loaded, t->p_offset = 0x1000; im->size = 0x1200)
MUT(no_load_segment, t->p_type = PT_NOTE; d->p_type = PT_NOTE)

struct mcase {
	const char *name;
	mutate_fn fn;
};

#define MC(n) { "malformed_" #n, mut_##n }
static const struct mcase mcases[] = {
	MC(bad_magic), MC(class_64), MC(big_endian), MC(ident_version_0),
	MC(e_version_2), MC(machine_x86_64), MC(type_rel), MC(type_core),
	MC(ehsize_wrong), MC(phentsize_wrong), MC(phnum_0), MC(phnum_65),
	MC(phnum_huge), MC(phoff_past_eof), MC(phoff_overflows),
	MC(phoff_inside_ehdr), MC(offset_filesz_overflow),
	MC(segment_past_eof), MC(filesz_over_memsz),
	MC(vaddr_memsz_overflow), MC(segment_into_kernel_half),
	MC(segment_at_kernel_base), MC(segment_at_page_0),
	MC(misaligned_congruence), MC(align_not_pow2), MC(align_congruence),
	MC(entry_in_data), MC(entry_in_no_segment), MC(entry_in_gap),
	MC(overlapping_segments), MC(same_page_segments),
	MC(descending_segments), MC(image_too_big), MC(truncated_file),
	MC(truncated_headers), MC(truncated_ehdr), MC(pt_interp),
	MC(two_pt_phdr), MC(pt_phdr_unmapped), MC(phdrs_not_loaded),
	MC(no_load_segment),
};

static void test_malformed(void **state)
{
	const struct mcase *mc = *state;
	struct img im;
	struct elf_plan p;

	make_img(&im);
	assert_int_equal(plan_img(&im, &p), 0);	/* the base is valid */
	mc->fn(&im);
	assert_int_equal(plan_img(&im, &p), -ENOEXEC);
}

static void test_ehdr_only_buffer(void **state)
{
	struct img im;
	struct elf_plan p;

	/* the headers are in the file but not in the bytes given */
	make_img(&im);
	assert_int_equal(elf_plan(im.b, 60, im.size, &p), -ENOEXEC);
	/* and a buffer claiming more than the file holds */
	assert_int_equal(elf_plan(im.b, im.size + 1, im.size, &p), -ENOEXEC);
}

static void test_pt_phdr_and_exec_stack(void **state)
{
	struct img im;
	struct elf_plan p;

	make_img(&im);
	phdr(&im, 2)->p_flags = PF_R | PF_W | PF_X;
	assert_int_equal(plan_img(&im, &p), 0);
	assert_true(p.exec_stack);
	/* a PT_PHDR inside the text segment is used as given */
	set_ph(phdr(&im, 2), PT_PHDR, 0x34, TEXT_VA + 0x34, 0x60, 0x60, PF_R);
	assert_int_equal(plan_img(&im, &p), 0);
	assert_int_equal(p.phdr, TEXT_VA + 0x34);
}

/* ---- real binaries built by the Makefile ---- */

static char fixdir[512];

static uint8_t *load_file(const char *name, uint32_t *size)
{
	char path[600];
	FILE *f;
	uint8_t *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", fixdir, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (built by make unit-bins)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, n, f), (size_t)n);
	fclose(f);
	*size = (uint32_t)n;
	return buf;
}

/*
 * Reads the program headers the simple way (the test trusts these files)
 * and checks the plan against them: same PT_LOADs in order, biased.
 */
static void check_against_file(const uint8_t *f, const struct elf_plan *p)
{
	Elf32_Ehdr e;
	Elf32_Phdr ph;
	uint32_t i, n = 0;

	memcpy(&e, f, sizeof(e));
	assert_int_equal(p->entry, e.e_entry + p->bias);
	assert_int_equal(p->phnum, e.e_phnum);
	for (i = 0; i < e.e_phnum; i++) {
		memcpy(&ph, f + e.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		assert_true(n < p->nseg);
		assert_int_equal(p->seg[n].vaddr, ph.p_vaddr + p->bias);
		assert_int_equal(p->seg[n].memsz, ph.p_memsz);
		assert_int_equal(p->seg[n].filesz, ph.p_filesz);
		assert_int_equal(p->seg[n].offset, ph.p_offset);
		if (ph.p_offset == 0)	/* headers mapped here */
			assert_int_equal(p->phdr,
					 ph.p_vaddr + p->bias + e.e_phoff);
		n++;
	}
	assert_int_equal(n, p->nseg);
	assert_int_equal(p->hi, (p->seg[n - 1].vaddr + p->seg[n - 1].memsz +
				 PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
}

static void test_musl_static_plans(void **state)
{
	uint32_t size;
	uint8_t *f = load_file("static", &size);
	struct elf_plan p;

	assert_int_equal(elf_plan(f, MIN(size, ELF_HEAD_MAX), size, &p), 0);
	assert_int_equal(p.type, ET_EXEC);
	assert_int_equal(p.bias, 0);
	assert_true(p.nseg >= 2);
	check_against_file(f, &p);
	/* one byte short: the last segment's file bytes are cut */
	assert_int_equal(elf_plan(f, MIN(size, ELF_HEAD_MAX),
				  p.seg[p.nseg - 1].offset +
				  p.seg[p.nseg - 1].filesz - 1, &p), -ENOEXEC);
	free(f);
}

static void test_musl_static_pie_plans_at_dyn_base(void **state)
{
	uint32_t size;
	uint8_t *f = load_file("static-pie", &size);
	struct elf_plan p;

	assert_int_equal(elf_plan(f, MIN(size, ELF_HEAD_MAX), size, &p), 0);
	assert_int_equal(p.type, ET_DYN);
	assert_int_equal(p.lo, ELF_DYN_BASE);
	assert_int_equal(p.bias % PAGE_SIZE, 0);
	check_against_file(f, &p);
	free(f);
}

static void test_musl_dynamic_refused_for_interp(void **state)
{
	uint32_t size;
	uint8_t *f = load_file("dynamic", &size);
	struct elf_plan p;
	struct exec_image im;

	assert_int_equal(elf_plan(f, MIN(size, ELF_HEAD_MAX), size, &p),
			 -ENOEXEC);
	assert_int_equal(exec_identify(f, MIN(size, ELF_HEAD_MAX), size, &im),
			 -ENOEXEC);
	free(f);
}

/* Every accepted plan keeps the invariants elf.h promises. */
static void check_invariants(const struct elf_plan *p, uint32_t fsize)
{
	uint32_t i;

	assert_true(p->nseg >= 1 && p->nseg <= ELF_LOAD_MAX);
	for (i = 0; i < p->nseg; i++) {
		const struct elf_seg *s = &p->seg[i];

		assert_true(s->vaddr >= PAGE_SIZE);
		assert_true((uint64_t)s->vaddr + s->memsz <= USER_VTOP);
		assert_true(s->filesz <= s->memsz);
		assert_true((uint64_t)s->offset + s->filesz <= fsize);
		assert_int_equal((s->vaddr - s->offset) % PAGE_SIZE, 0);
		if (i > 0)
			assert_true((s->vaddr & ~(PAGE_SIZE - 1)) >=
				    p->seg[i - 1].vaddr + p->seg[i - 1].memsz);
	}
	assert_true(p->hi - p->lo <= ELF_IMAGE_MAX);
}

static void test_fuzz_real_binary_never_crashes(void **state)
{
	uint32_t size, i, pos, head, accepted = 0;
	uint8_t *f = load_file("static", &size);
	uint8_t *m = malloc(size);
	struct exec_image im;

	head = MIN(size, ELF_HEAD_MAX);
	srand(12345);
	for (i = 0; i < 20000; i++) {
		memcpy(m, f, size);
		/* flip 1-3 bytes within the ELF and program headers */
		for (int k = 0; k <= rand() % 3; k++) {
			pos = rand() % (52 + 32 * 8);
			m[pos] ^= (uint8_t)(1u << (rand() % 8));
		}
		/* ASan fails the test on any out-of-bounds read; the
		 * buffer is exactly head bytes */
		uint8_t *h = malloc(head);
		memcpy(h, m, head);
		int r = exec_identify(h, head, size, &im);
		if (r == EXEC_ELF) {
			check_invariants(&im.elf, size);
			accepted++;
		} else {
			assert_int_equal(r, -ENOEXEC);
		}
		free(h);
	}
	/* some flips hit unused bytes (p_paddr, e_shoff), so some pass */
	assert_true(accepted > 0 && accepted < 20000);
	free(m);
	free(f);
}

/* ---- "#!" scripts ---- */

static int script(const char *s, struct exec_script *sc)
{
	return exec_script_parse(s, strlen(s), sc);
}

static void test_script_no_arg(void **state)
{
	struct exec_script sc;

	assert_int_equal(script("#!/bin/sh\necho hi\n", &sc), 0);
	assert_string_equal(sc.interp, "/bin/sh");
	assert_null(sc.arg);
	/* a file that is only the line, without a newline */
	assert_int_equal(script("#!/bin/sh", &sc), 0);
	assert_string_equal(sc.interp, "/bin/sh");
	assert_null(sc.arg);
	/* trailing blanks are not an argument */
	assert_int_equal(script("#! /bin/sh  \t\nx", &sc), 0);
	assert_string_equal(sc.interp, "/bin/sh");
	assert_null(sc.arg);
}

static void test_script_arg_keeps_inner_spaces(void **state)
{
	struct exec_script sc;

	assert_int_equal(script("#!  /usr/bin/env  python3 -u  -B \n", &sc),
			 0);
	assert_string_equal(sc.interp, "/usr/bin/env");
	assert_string_equal(sc.arg, "python3 -u  -B");
}

static void test_script_tabs(void **state)
{
	struct exec_script sc;

	assert_int_equal(script("#!\t/usr/bin/awk\t-f\t\n{print}\n", &sc), 0);
	assert_string_equal(sc.interp, "/usr/bin/awk");
	assert_string_equal(sc.arg, "-f");
}

static void test_script_empty_interpreter(void **state)
{
	struct exec_script sc;

	assert_int_equal(script("#!\n/bin/sh\n", &sc), -ENOEXEC);
	assert_int_equal(script("#!   \t \n", &sc), -ENOEXEC);
	assert_int_equal(script("#!", &sc), -ENOEXEC);
	assert_int_equal(script("#", &sc), -ENOEXEC);
	assert_int_equal(script("!#/bin/sh\n", &sc), -ENOEXEC);
}

static void test_script_overlong_line(void **state)
{
	char line[400];
	struct exec_script sc;

	/* an interpreter name that does not end in the buffer: refused */
	memset(line, 0, sizeof(line));
	strcpy(line, "#!/");
	memset(line + 3, 'a', 300);
	strcat(line, "\n");
	assert_int_equal(script(line, &sc), -ENOEXEC);

	/* a complete name and a long argument: the argument is cut */
	memset(line, 0, sizeof(line));
	strcpy(line, "#!/bin/sh ");
	memset(line + 10, 'x', 300);
	strcat(line, "\n");
	assert_int_equal(script(line, &sc), 0);
	assert_string_equal(sc.interp, "/bin/sh");
	assert_int_equal(strlen(sc.arg), SCRIPT_BUF_SIZE - 1 - 10);
}

static void test_script_nul_ends_interpreter(void **state)
{
	static const char s[] = "#!/bin/sh\0 -x\n";
	struct exec_script sc;

	assert_int_equal(exec_script_parse(s, sizeof(s) - 1, &sc), 0);
	assert_string_equal(sc.interp, "/bin/sh");
	assert_null(sc.arg);
}

static void test_identify_kinds(void **state)
{
	struct exec_image im;
	struct img e;

	assert_int_equal(exec_identify("#!/bin/sh -e\n", 13, 13, &im),
			 EXEC_SCRIPT);
	assert_string_equal(im.script.arg, "-e");
	make_img(&e);
	assert_int_equal(exec_identify(e.b, e.size, e.size, &im), EXEC_ELF);
	assert_int_equal(im.elf.entry, TEXT_VA + 0x100);
	assert_int_equal(exec_identify("hello", 5, 5, &im), -ENOEXEC);
	assert_int_equal(exec_identify("", 0, 0, &im), -ENOEXEC);
}

int main(int argc, char **argv)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_built_image_plans),
		cmocka_unit_test(test_built_dyn_image_gets_bias),
		cmocka_unit_test(test_ehdr_only_buffer),
		cmocka_unit_test(test_pt_phdr_and_exec_stack),
		cmocka_unit_test(test_musl_static_plans),
		cmocka_unit_test(test_musl_static_pie_plans_at_dyn_base),
		cmocka_unit_test(test_musl_dynamic_refused_for_interp),
		cmocka_unit_test(test_fuzz_real_binary_never_crashes),
		cmocka_unit_test(test_script_no_arg),
		cmocka_unit_test(test_script_arg_keeps_inner_spaces),
		cmocka_unit_test(test_script_tabs),
		cmocka_unit_test(test_script_empty_interpreter),
		cmocka_unit_test(test_script_overlong_line),
		cmocka_unit_test(test_script_nul_ends_interpreter),
		cmocka_unit_test(test_identify_kinds),
	};
	struct CMUnitTest tests[ARRAY_SIZE(fixed) + ARRAY_SIZE(mcases)];
	char self[512];
	size_t i;

	snprintf(self, sizeof(self), "%s", argv[0]);
	snprintf(fixdir, sizeof(fixdir), "%s/fixtures", dirname(self));
	memcpy(tests, fixed, sizeof(fixed));
	for (i = 0; i < ARRAY_SIZE(mcases); i++) {
		struct CMUnitTest *t = &tests[ARRAY_SIZE(fixed) + i];

		memset(t, 0, sizeof(*t));
		t->name = mcases[i].name;
		t->test_func = test_malformed;
		t->initial_state = (void *)&mcases[i];
	}
	return _cmocka_run_group_tests("elf", tests, ARRAY_SIZE(tests), NULL,
				       NULL);
}
