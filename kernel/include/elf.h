/*
 * elf.h - the 32-bit ELF format as Sleight loads it, and the load plan
 * that kernel/proc/elf.c makes from a file's headers.
 *
 * Sources: System V ABI (gABI) "Object Files" and "Program Loading";
 * System V ABI Intel386 Architecture Processor Supplement; elf(5).
 */
#ifndef SLEIGHT_ELF_H
#define SLEIGHT_ELF_H

#include <stdbool.h>
#include <stdint.h>

#include "param.h"

/* e_ident[] indexes and values */
#define EI_MAG0 0
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_NIDENT 16
#define ELFMAG "\177ELF"
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_CURRENT 1

/* e_type */
#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

#define EM_386 3

/* p_type */
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_SHLIB 5
#define PT_PHDR 6
#define PT_TLS 7
#define PT_GNU_STACK 0x6474e551

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

#include "uapi/auxvec.h" /* AT_*: the auxiliary vector */

typedef struct {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint32_t e_entry; /* virtual address */
	uint32_t e_phoff; /* bytes into the file */
	uint32_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;    /* bytes */
	uint16_t e_phentsize; /* bytes */
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	uint32_t p_type;
	uint32_t p_offset; /* bytes into the file */
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz; /* bytes */
	uint32_t p_memsz;  /* bytes */
	uint32_t p_flags;  /* PF_* */
	uint32_t p_align;  /* bytes, 0 or a power of two */
} Elf32_Phdr;

/*
 * One PT_LOAD segment, placed: user bytes [vaddr, vaddr + filesz) come
 * from file bytes [offset, offset + filesz); [vaddr + filesz, vaddr +
 * memsz) are zero. vaddr % PAGE_SIZE == offset % PAGE_SIZE, and no two
 * segments of a plan touch the same page.
 */
struct elf_seg {
	uint32_t vaddr;	 /* user address, load bias applied */
	uint32_t memsz;	 /* bytes, > 0 */
	uint32_t filesz; /* bytes, <= memsz */
	uint32_t offset; /* bytes into the file */
	uint32_t align;	 /* bytes (p_align) */
	uint32_t flags;	 /* PF_R | PF_W | PF_X */
};

/* How to load a validated static executable; all addresses are final. */
struct elf_plan {
	uint16_t type;	 /* ET_EXEC or ET_DYN */
	uint32_t bias;	 /* added to every p_vaddr (0 for ET_EXEC) */
	uint32_t entry;	 /* user address, inside an X segment */
	uint32_t phdr;	 /* user address of the headers (AT_PHDR) */
	uint32_t phent;	 /* bytes per program header (AT_PHENT) */
	uint32_t phnum;	 /* AT_PHNUM */
	uint32_t lo;	 /* lowest mapped address, page aligned */
	uint32_t hi;	 /* end of the highest segment, page aligned:
			    where the heap (brk) starts */
	bool exec_stack; /* PT_GNU_STACK asked for PF_X */
	uint32_t nseg;
	struct elf_seg seg[ELF_LOAD_MAX]; /* ascending vaddr */
};

int elf_plan(const void *head, uint32_t headlen, uint32_t filesize,
	     struct elf_plan *plan);

#endif
