/*
 * kernel/arch/x86/idt.c - the interrupt descriptor table.
 *
 * Owns idt[]: written once by idt_init, read only by the CPU afterwards.
 * Vectors 0..31 (exceptions) and 32..47 (the remapped 8259 IRQs) are
 * interrupt gates, DPL 0: the CPU clears IF, and "int n" from ring 3
 * raises #GP instead; but #BP (int3) and #OF (into) have DPL 3, so user
 * code can raise them. Vector 0x80 is a trap gate with DPL 3 so user code
 * can issue "int $0x80"; IF stays as it was. Every other vector is
 * not present (#NP if raised). Vector 8 (#DF) is a task gate to the
 * double-fault task, which has a stack of its own.
 * Follows Intel SDM vol. 3, 6.10-6.11.
 */
#include "kernel.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"

#define IDT_ENTRIES 256
#define GATE_INTR32 0x8E /* present, DPL 0, 32-bit interrupt gate */
#define GATE_TRAP32 0x8F /* present, DPL 0, 32-bit trap gate */
#define GATE_DPL3 0x60
#define GATE_TASK 0x85 /* present, DPL 0, task gate */

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t zero;
	uint8_t type_attr;
	uint16_t off_hi;
} __attribute__((packed));

/* vectors.S: the stubs for vectors 0..47, and the one for 0x80. */
extern const uint32_t trap_vectors[48];
extern char trap_vector_syscall[];

static struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(8)));

static void set_gate(unsigned vec, uint32_t handler, uint8_t type_attr)
{
	idt[vec].off_lo = handler & 0xFFFF;
	idt[vec].sel = SEL_KCODE;
	idt[vec].zero = 0;
	idt[vec].type_attr = type_attr;
	idt[vec].off_hi = handler >> 16;
}

/* idt_init - fill and load the IDT. Boot CPU, once, interrupts off. */
void idt_init(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = {sizeof(idt) - 1, (uint32_t)idt};

	memset(idt, 0, sizeof(idt));
	for (unsigned v = 0; v < ARRAY_SIZE(trap_vectors); v++)
		set_gate(v, trap_vectors[v], GATE_INTR32);
	set_gate(T_SYSCALL, (uint32_t)trap_vector_syscall,
		 GATE_TRAP32 | GATE_DPL3);
	/* int3 and into are meant for user code (debuggers, overflow
	 * checks): let ring 3 raise them, as Linux does (SIGTRAP, SIGSEGV) */
	set_gate(T_BRKPT, trap_vectors[T_BRKPT], GATE_INTR32 | GATE_DPL3);
	set_gate(T_OFLOW, trap_vectors[T_OFLOW], GATE_INTR32 | GATE_DPL3);
	double_fault_init();
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
}

/* idt_set_task_gate - make vector vec switch to the task whose TSS
 * selector is sel (SDM vol. 3, 6.11, figure 6-2). Interrupts off. */
void idt_set_task_gate(unsigned vec, uint16_t sel)
{
	idt[vec].off_lo = 0;
	idt[vec].sel = sel;
	idt[vec].zero = 0;
	idt[vec].type_attr = GATE_TASK;
	idt[vec].off_hi = 0;
}
