/*
 * extable.h - the exception table: kernel instructions that are allowed
 * to fault, and what to do when one does (the idea of Linux's
 * __ex_table; our own layout).
 *
 * An entry is three 32-bit words in section __ex_table (gathered by
 * linker.ld between __ex_table_start and __ex_table_end):
 *   insn   the address of the instruction that may fault;
 *   fixup  EX_JUMP: where execution resumes instead;
 *          EX_USER_RETURN: how many bytes of the struct trapframe being
 *          returned to ring 3 were already popped at insn;
 *   type   EX_JUMP or EX_USER_RETURN.
 * trap_dispatch consults the table for a fault from ring 0 before it
 * panics (extable_fixup). Included by assembly (vectors.S) and by C.
 */
#ifndef SLEIGHT_X86_EXTABLE_H
#define SLEIGHT_X86_EXTABLE_H

#define EX_JUMP 0
#define EX_USER_RETURN 1

#ifdef __ASSEMBLER__

/* One entry, from assembly. */
#define EXTABLE(insn, fixup, type)                                             \
	.pushsection __ex_table, "a";                                          \
	.balign 4;                                                             \
	.long insn, fixup, type;                                               \
	.popsection

#else

#include <stdbool.h>
#include <stdint.h>

struct trapframe;

struct extable_entry {
	uint32_t insn;
	uint32_t fixup;
	uint32_t type;
};

#define EXTABLE_STR_(x) #x
#define EXTABLE_STR(x) EXTABLE_STR_(x)

/*
 * EXTABLE_JUMP(insn, fixup) - the text of one EX_JUMP entry for inline
 * assembly; insn and fixup are label strings such as "1b" and "3f".
 */
#define EXTABLE_JUMP(insn, fixup)                                              \
	".pushsection __ex_table, \"a\"\n\t"                                   \
	".balign 4\n\t"                                                        \
	".long " insn ", " fixup ", " EXTABLE_STR(EX_JUMP) "\n\t"              \
							   ".popsection\n\t"

/* The entry for eip, or NULL. */
const struct extable_entry *extable_search(uint32_t eip);

/*
 * extable_fixup - tf is a fault from ring 0. If its eip has an entry:
 * for EX_JUMP, point tf->eip at the fixup and return true (the fault
 * returns there); for EX_USER_RETURN, turn the failed return to user
 * mode into a #GP of the process and never return (see
 * trap_user_return_failed). false when eip has no entry, or the frame
 * being returned to is not a ring-3 one (a kernel bug: the caller
 * panics). Interrupts off.
 */
bool extable_fixup(struct trapframe *tf);

#endif
#endif
