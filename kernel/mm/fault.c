/*
 * kernel/mm/fault.c - page faults and the kernel-stack-overflow check.
 *
 * Owns mm_user_fault_handler, the hook the process layer fills in for
 * user-mode faults (signal_init: resolve through mm_fault_oom, else a
 * signal); written once at init (and borrowed by the ring-3 self-test).
 *
 * A kernel stack that overflows into its guard page (kstack.c) cannot take
 * a page fault: the CPU faults again pushing the frame onto the same
 * stack, which makes a double fault. The double fault runs as its own
 * task on its own stack (arch/x86/doublefault.c) and reaches
 * mm_double_fault here; a stray access to some guard page with a good
 * stack arrives as an ordinary page fault. Both print "kernel stack
 * overflow". Intel SDM vol. 3, 6.15 (#DF, #PF) and 4.7 (#PF error code).
 *
 * Runs with interrupts off (interrupt gate / task gate).
 */
#include "kernel.h"
#include "mm.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

user_fault_handler_t mm_user_fault_handler;

/* The kernel-mode esp at the fault: from ring 0 the CPU pushes no esp,
 * so the interrupted stack starts where tf->esp would be. */
static uint32_t fault_esp(const struct trapframe *tf)
{
	if (tf->trapno == T_DBLFLT || trap_from_user(tf))
		return tf->esp;
	return (uint32_t)(uintptr_t)&tf->esp;
}

static void check_stack_overflow(const struct trapframe *tf, uint32_t cr2)
{
	uint32_t esp = fault_esp(tf);

	if (kstack_is_guard(cr2) || kstack_is_guard(esp))
		panic_trap(tf,
			   "kernel stack overflow (esp %#x, fault "
			   "address %#x in a stack guard page)",
			   esp, cr2);
}

/*
 * mm_page_fault - the T_PGFLT handler. A user-mode fault goes to
 * mm_user_fault_handler (0 from it means resolved: return and retry the
 * instruction); a kernel-mode fault is a kernel bug and panics, naming
 * a stack overflow when the address is a guard page.
 */
void mm_page_fault(struct trapframe *tf)
{
	uint32_t cr2 = read_cr2();

	if (trap_from_user(tf)) {
		if (mm_user_fault_handler &&
		    mm_user_fault_handler(tf, cr2, tf->err) == 0)
			return;
		panic_trap(tf, "unhandled user page fault at %#x", cr2);
	}
	check_stack_overflow(tf, cr2);
	panic_trap(tf, "kernel page fault at %#x", cr2);
}

/*
 * mm_double_fault - the T_DBLFLT handler, called on the double-fault
 * task's stack with a frame rebuilt from the interrupted task's saved
 * state (tf->esp is the interrupted esp). Never returns.
 */
static void mm_double_fault(struct trapframe *tf)
{
	check_stack_overflow(tf, read_cr2());
	panic_trap(tf, "double fault");
}

/* mm_fault_init - install the page-fault and double-fault handlers.
 * After idt_init. */
void mm_fault_init(void)
{
	trap_register(T_PGFLT, mm_page_fault);
	trap_register(T_DBLFLT, mm_double_fault);
}
