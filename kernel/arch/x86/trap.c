/*
 * kernel/arch/x86/trap.c - trap and IRQ dispatch, and the fault dump.
 *
 * Owns the handler tables. They are written by trap_register and
 * irq_register (boot, or with interrupts off) and read by trap_dispatch,
 * which runs with interrupts off for every vector except T_SYSCALL (a
 * trap gate, see idt.c).
 * Policy, as in xv6: an exception nobody registered for is a kernel bug
 * when it comes from kernel mode, and panics with a register dump and a
 * backtrace, unless the faulting instruction has an exception-table
 * entry (extable.h): the return to user mode in trap_return and the FPU
 * restores do. From user mode it panics too until processes exist; with
 * user space it becomes a signal to the faulting process. The one
 * exception from ring 0 that is not a bug is #DB: a user's single step
 * can land on the kernel's entry (trapsig.c), and it is ignored.
 */
#include "kernel.h"
#include "arch/x86/backtrace.h"
#include "arch/x86/extable.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"

#define NR_VECTORS 256
#define NR_IRQS 16

static trap_handler_t trap_handlers[NR_VECTORS];
static trap_handler_t irq_handlers[NR_IRQS];
static unsigned long spurious_irqs;

/* Exception mnemonics and names, SDM vol. 3, table 6-1. */
static const char *const exc_names[32] = {
	[T_DIVIDE] = "divide error (#DE)",
	[T_DEBUG] = "debug (#DB)",
	[T_NMI] = "non-maskable interrupt",
	[T_BRKPT] = "breakpoint (#BP)",
	[T_OFLOW] = "overflow (#OF)",
	[T_BOUND] = "bound range exceeded (#BR)",
	[T_ILLOP] = "invalid opcode (#UD)",
	[T_DEVICE] = "device not available (#NM)",
	[T_DBLFLT] = "double fault (#DF)",
	[9] = "coprocessor segment overrun",
	[T_TSS] = "invalid TSS (#TS)",
	[T_SEGNP] = "segment not present (#NP)",
	[T_STACK] = "stack-segment fault (#SS)",
	[T_GPFLT] = "general protection fault (#GP)",
	[T_PGFLT] = "page fault (#PF)",
	[T_FPERR] = "x87 floating-point error (#MF)",
	[T_ALIGN] = "alignment check (#AC)",
	[T_MCHK] = "machine check (#MC)",
	[T_SIMDERR] = "SIMD floating-point exception (#XM)",
	[20] = "virtualization exception (#VE)",
	[21] = "control protection exception (#CP)",
};

/* trap_name - a printable name for vector trapno; never NULL. */
const char *trap_name(uint32_t trapno)
{
	if (trapno < ARRAY_SIZE(exc_names) && exc_names[trapno])
		return exc_names[trapno];
	if (trapno < 32)
		return "reserved exception";
	if (trapno >= T_IRQ0 && trapno < T_IRQ0 + NR_IRQS)
		return "hardware interrupt";
	if (trapno == T_SYSCALL)
		return "system call";
	return "unknown vector";
}

/* trap_register - handler for exception vector 0..31 or T_SYSCALL; it
 * replaces any earlier one. Other vectors are a kernel bug. */
void trap_register(int vector, trap_handler_t handler)
{
	BUG_ON(vector < 0 || (vector >= 32 && vector != T_SYSCALL));
	trap_handlers[vector] = handler;
}

/* irq_register - handler for IRQ 0..15, then unmask the IRQ. The handler
 * runs with interrupts off, after the EOI has been sent. */
void irq_register(int irq, trap_handler_t handler)
{
	BUG_ON(irq < 0 || irq >= NR_IRQS);
	irq_handlers[irq] = handler;
	pic_unmask((unsigned)irq);
}

/*
 * EOI goes out before the handler runs, so a handler that switches to
 * another thread (the scheduler's timer hook) does not leave the PIC
 * blocking its own and lower-priority IRQs; IF is still clear, so the
 * handler is not re-entered.
 */
static void irq_dispatch(struct trapframe *tf)
{
	unsigned irq = tf->trapno - T_IRQ0;

	if (pic_is_spurious(irq)) {
		spurious_irqs++;
		return;
	}
	pic_eoi(irq);
	if (irq_handlers[irq])
		irq_handlers[irq](tf);
}

/* trap_dispatch - see trap.h. Called by alltraps (vectors.S) only. */
static trap_handler_t user_fault_hook;
static trap_handler_t user_return_hook;

/* Exceptions from ring 0 that a fixup may answer: the faults of segment
 * loads and iret (#TS #NP #SS #GP), of a memory operand (#PF, #AC), and
 * of the FPU restores (#MF, #XM). */
static bool fixable(uint32_t v)
{
	return v == T_TSS || v == T_SEGNP || v == T_STACK || v == T_GPFLT ||
	       v == T_PGFLT || v == T_ALIGN || v == T_FPERR || v == T_SIMDERR;
}

void trap_dispatch(struct trapframe *tf)
{
	uint32_t v = tf->trapno;

	if (!trap_from_user(tf) && fixable(v) && extable_fixup(tf))
		return;
	if (v >= T_IRQ0 && v < T_IRQ0 + NR_IRQS)
		irq_dispatch(tf);
	else if (v == T_DEBUG && !trap_from_user(tf))
		trap_debug_from_kernel(tf);
	else if (v < NR_VECTORS && trap_handlers[v])
		trap_handlers[v](tf);
	else if (trap_from_user(tf) && user_fault_hook)
		user_fault_hook(tf);
	else
		panic_trap(tf, "unhandled %s in %s mode", trap_name(v),
			   trap_from_user(tf) ? "user" : "kernel");
	if (trap_from_user(tf) && user_return_hook) {
		cli();
		user_return_hook(tf);
	}
}

/* trap_user_return_failed - see trap.h. */
void trap_user_return_failed(struct trapframe *tf)
{
	if (!user_fault_hook)
		panic_trap(tf, "return to user mode faulted: %s, error %#x",
			   trap_name(tf->trapno), tf->err);
	user_fault_hook(tf);
	if (user_return_hook)
		user_return_hook(tf);
	trap_resume_user(tf);
}

/*
 * trap_set_user_hooks - install the process layer's hooks: `fault` gets
 * every exception from ring 3 that no handler claimed (it turns them
 * into signals); `ret` runs, with interrupts off, on every return to
 * ring 3 (rescheduling, signal delivery).
 */
void trap_set_user_hooks(trap_handler_t fault, trap_handler_t ret)
{
	user_fault_hook = fault;
	user_return_hook = ret;
}

/* Page-fault error code bits (SDM vol. 3, 4.7, figure 4-12). */
static void dump_pf_error(uint32_t err)
{
	printk("  cr2 %08x  error %#x: %s, %s, %s%s%s\n", read_cr2(), err,
	       err & 1 ? "protection violation" : "page not present",
	       err & 2 ? "write" : "read", err & 4 ? "user" : "kernel",
	       err & 8 ? ", reserved bit set" : "",
	       err & 16 ? ", instruction fetch" : "");
}

/*
 * trap_dump - print the trap name, every register of tf, CR2 and the
 * decoded error code for a page fault, then a backtrace from tf's eip and
 * ebp. Output goes to every console through printk.
 */
void trap_dump(const struct trapframe *tf)
{
	bool user = trap_from_user(tf);
	/* From ring 0 the CPU pushed no esp/ss: the interrupted stack
	 * pointer is where tf->esp would have been. A double fault's frame
	 * is rebuilt from the saved task state and has the real esp. */
	bool has_esp = user || tf->trapno == T_DBLFLT;
	uint32_t esp = has_esp ? tf->esp : (uint32_t)(uintptr_t)&tf->esp;
	uint32_t ss = user ? tf->ss : SEL_KDATA;

	printk("trap %u: %s, error code %#x, from %s mode\n", tf->trapno,
	       trap_name(tf->trapno), tf->err, user ? "user" : "kernel");
	if (tf->trapno == T_PGFLT)
		dump_pf_error(tf->err);
	printk("  eip %04x:%08x  eflags %08x\n", tf->cs & 0xFFFF, tf->eip,
	       tf->eflags);
	printk("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", tf->eax, tf->ebx,
	       tf->ecx, tf->edx);
	printk("  esi %08x  edi %08x  ebp %08x  esp %08x\n", tf->esi, tf->edi,
	       tf->ebp, esp);
	printk("  ds %04x  es %04x  fs %04x  gs %04x  ss %04x  cr3 %08x\n",
	       tf->ds & 0xFFFF, tf->es & 0xFFFF, tf->fs & 0xFFFF,
	       tf->gs & 0xFFFF, ss & 0xFFFF, read_cr3());
	if (user) {
		printk("  (user-mode frame: no kernel backtrace)\n");
		return;
	}
	backtrace_print(tf->eip, tf->ebp);
}
