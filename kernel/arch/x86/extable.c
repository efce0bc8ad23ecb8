/*
 * kernel/arch/x86/extable.c - looking up and applying exception-table
 * fixups (extable.h).
 *
 * Owns nothing: the table is read-only data the linker gathers. Runs in
 * the fault handler with interrupts off.
 *
 * The one subtle case is EX_USER_RETURN, a fault in trap_return while it
 * loads a user frame (popl %gs/%fs/%es/%ds, or the iret that loads cs,
 * ss, eip, eflags and esp: Intel SDM vol. 3, 6.14; vol. 2, IRET). The
 * CPU pushed the ring-0 fault frame just below the part of the user
 * frame not yet popped, overwriting the popped part; but what was popped
 * is in the registers, which the fault's own trapframe (tf) holds. So the
 * user frame is rebuilt word by word: the popped words from tf, the rest
 * from the stack, as if the process itself had faulted on its way out
 * (as Linux's fixup_bad_iret does on x86_64).
 */
#include "kernel.h"
#include "arch/x86/extable.h"
#include "arch/x86/trap.h"

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

/* extable_search - see extable.h. A handful of entries: a linear scan. */
const struct extable_entry *extable_search(uint32_t eip)
{
	for (const struct extable_entry *e = __ex_table_start;
	     e < __ex_table_end; e++)
		if (e->insn == eip)
			return e;
	return NULL;
}

/*
 * The user frame trap_return was loading when tf's fault hit, `popped`
 * bytes into it, rebuilt in *u. Returns where it lies on the stack.
 */
static struct trapframe *rebuild_user_frame(const struct trapframe *tf,
					    uint32_t popped,
					    struct trapframe *u)
{
	/* A fault from ring 0 pushes no esp: the interrupted stack pointer
	 * is where tf->esp would be. */
	uintptr_t at = (uintptr_t)&tf->esp - popped;
	const uint32_t *reg = (const uint32_t *)tf;
	const uint32_t *mem = (const uint32_t *)at;
	uint32_t *w = (uint32_t *)u;

	for (uint32_t i = 0; i < sizeof(*u) / 4; i++)
		w[i] = i * 4 < popped ? reg[i] : mem[i];
	return (struct trapframe *)at;
}

/* The process could not be returned to: make it a #GP at its own eip,
 * with the fault's error code (the selector, for a bad one). */
static bool user_return_fault(const struct trapframe *tf, uint32_t popped)
{
	struct trapframe u, *at;

	if (popped % 4 || popped > offsetof(struct trapframe, eip))
		return false;
	at = rebuild_user_frame(tf, popped, &u);
	if (!trap_from_user(&u))
		return false; /* a kernel frame: nothing to blame */
	/* A data selector that would not load becomes 0, as Linux's
	 * popl fixups leave it, so the way back cannot fault on it again. */
	if (popped < offsetof(struct trapframe, edi))
		((uint32_t *)&u)[popped / 4] = 0;
	u.trapno = T_GPFLT;
	u.err = tf->err;
	*at = u; /* overwrites tf: done with it */
	trap_user_return_failed(at);
}

/* extable_fixup - see extable.h. */
bool extable_fixup(struct trapframe *tf)
{
	const struct extable_entry *e = extable_search(tf->eip);

	if (!e)
		return false;
	switch (e->type) {
	case EX_JUMP:
		tf->eip = e->fixup;
		return true;
	case EX_USER_RETURN:
		return user_return_fault(tf, e->fixup);
	}
	return false;
}
