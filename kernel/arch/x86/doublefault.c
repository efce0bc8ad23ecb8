/*
 * kernel/arch/x86/doublefault.c - the double-fault task.
 *
 * Owns df_tss and df_stack. A double fault usually means the kernel stack
 * is unusable (a kernel stack ran into its guard page, so the CPU could
 * not push the page-fault frame). An interrupt gate would push onto that
 * same stack and triple-fault, so #DF goes through a task gate instead:
 * the CPU saves the faulting state in the kernel TSS and starts this task
 * on its own stack and the kernel page directory (SDM vol. 3, 6.15
 * "Interrupt 8 - Double Fault Exception", 7.3 "Task switching").
 *
 * The task rebuilds a trapframe from the saved state (tf->esp is the
 * interrupted esp, also for ring 0) and hands it to trap_dispatch, so the
 * T_DBLFLT handler (mm's stack-overflow check) or the generic panic
 * reports it. It never returns: the kernel TSS stays busy, the machine
 * is going down. Runs with interrupts off (EFLAGS = 0x2 in df_tss).
 */
#include "kernel.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define DF_STACK_SIZE 8192 /* bytes: panic, dump and backtrace */

static struct tss df_tss __attribute__((aligned(16)));
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));

void double_fault_entry(void);
void double_fault_main(uint32_t err) __noreturn;

/* The CPU starts the task with the error code (always 0) on the stack;
 * hand it to C as its argument and end backtraces here. */
__asm__(".text\n"
	".globl double_fault_entry\n"
	"double_fault_entry:\n\t"
	"xorl %ebp, %ebp\n\t"
	"call double_fault_main\n"
	"1:\tcli\n\t"
	"hlt\n\t"
	"jmp 1b\n");

void double_fault_main(uint32_t err)
{
	const struct tss *t = tss_kernel();
	struct trapframe tf = {
		.gs = t->gs,
		.fs = t->fs,
		.es = t->es,
		.ds = t->ds,
		.edi = t->edi,
		.esi = t->esi,
		.ebp = t->ebp,
		.kesp = t->esp,
		.ebx = t->ebx,
		.edx = t->edx,
		.ecx = t->ecx,
		.eax = t->eax,
		.trapno = T_DBLFLT,
		.err = err,
		.eip = t->eip,
		.cs = t->cs,
		.eflags = t->eflags,
		.esp = t->esp,
		.ss = t->ss,
	};

	trap_dispatch(&tf);
	panic("double fault at %#x (esp %#x)", t->eip, t->esp);
}

/* double_fault_init - see gdt.h. After gdt_init, with the kernel page
 * directory in CR3 (the task runs on it; its kernel half is in every
 * page directory). */
void double_fault_init(void)
{
	df_tss.cr3 = read_cr3();
	df_tss.eip = (uint32_t)double_fault_entry;
	df_tss.eflags = EFLAGS_FIXED;
	df_tss.esp = (uint32_t)(df_stack + DF_STACK_SIZE);
	df_tss.ebp = 0;
	df_tss.cs = SEL_KCODE;
	df_tss.ss = df_tss.ds = df_tss.es = SEL_KDATA;
	df_tss.fs = df_tss.gs = SEL_KDATA;
	df_tss.ss0 = SEL_KDATA;
	df_tss.esp0 = df_tss.esp;
	df_tss.iomap_base = sizeof(df_tss);
	gdt_set_tss(GDT_DFTSS, &df_tss);
	idt_set_task_gate(T_DBLFLT, SEL_DFTSS);
}
