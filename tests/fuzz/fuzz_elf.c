/*
 * fuzz_elf.c - libFuzzer harness for the ELF32 load planner
 * (kernel/proc/elf.c: elf_plan, through exec_identify).
 *
 * The input is the file: its first ELF_HEAD_MAX bytes are the head the
 * kernel reads, and the input's length is the file size. The head sits in
 * a heap block of exactly its size, so AddressSanitizer catches a read
 * past it. Every accepted plan must keep the invariants exec relies on
 * (checked here; a violation aborts): segments sorted, never sharing a
 * page, inside user space and above page 0, file bytes inside the file,
 * the entry point in an executable segment.
 * No state between runs; single-threaded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "param.h"
#include "elf.h"
#include "exec.h"

static void check_seg(const struct elf_seg *s, uint32_t filesize)
{
	if (ALIGN_DOWN(s->vaddr, PAGE_SIZE) < PAGE_SIZE || s->memsz == 0)
		abort();
	if ((uint64_t)s->vaddr + s->memsz > USER_VTOP)
		abort();
	if (s->filesz > s->memsz)
		abort();
	if ((uint64_t)s->offset + s->filesz > filesize)
		abort();
}

static void check_plan(const struct elf_plan *p, uint32_t filesize)
{
	uint32_t i;
	int exec_entry = 0;

	if (p->nseg == 0 || p->nseg > ELF_LOAD_MAX)
		abort();
	for (i = 0; i < p->nseg; i++) {
		const struct elf_seg *s = &p->seg[i];

		check_seg(s, filesize);
		if (i && ALIGN_DOWN(s->vaddr, PAGE_SIZE) <
				 p->seg[i - 1].vaddr + p->seg[i - 1].memsz)
			abort();	/* overlap or shared page */
		if (p->entry >= s->vaddr && p->entry < s->vaddr + s->memsz &&
		    (s->flags & PF_X))
			exec_entry = 1;
	}
	if (!exec_entry || p->lo > p->seg[0].vaddr || p->hi > USER_VTOP)
		abort();
}

/* One run: plan the input as a file; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t headlen = size < ELF_HEAD_MAX ? size : ELF_HEAD_MAX;
	uint8_t *head = malloc(headlen ? headlen : 1);
	struct elf_plan plan;

	memcpy(head, data, headlen);
	if (elf_plan(head, headlen, (uint32_t)size, &plan) == 0)
		check_plan(&plan, (uint32_t)size);
	free(head);
	return 0;
}
