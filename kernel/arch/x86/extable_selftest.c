/*
 * kernel/arch/x86/extable_selftest.c - self-tests for the exception-table
 * fixups (extable.h): every selector load of trap_return, and the FPU
 * restore (ktest=iret_fixup, ktest=fpu_fixup; see tests/boot/cases).
 *
 * Owns only test state. iret_fixup enters ring 3 through a hand-built
 * frame at the top of its own kernel stack, as the usermode self-test
 * does, with a bad selector in one register after another; each fault
 * must come back through the fault hook as a #GP of "the process", with
 * the rest of the frame intact. It halts with 0 when the last, good
 * frame reaches ring 3 and its int $0x80, with 10 + the step whose
 * fault looked wrong, or 9 when ring 3 ran before every step had.
 */
#include "kernel.h"
#include "errno.h"
#include "halt.h"
#include "ktest.h"
#include "arch/x86/cpu.h"
#include "arch/x86/extable.h"
#include "arch/x86/fpu.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define USER_TEST_VA 0x00400000u
#define PDE_4M_USER_RW 0x87u /* present, writable, user, 4 MiB */
#define USER_MAGIC 0xf1c5u
#define W(field) (offsetof(struct trapframe, field) / 4)

/* One step: the register (trapframe word) made bad, the value, and the
 * value that is good again. The CPU reports the selector as the error
 * code, but for an LDT selector with no LDT, where QEMU gives 0. */
struct step {
	const char *site;
	unsigned word;
	uint32_t sel;
	uint32_t good;
};

static bool error_code_ok(uint32_t err, uint32_t sel)
{
	return err == (sel & 0xfffc) || ((sel & 4) && err == 0);
}

static const struct step steps[] = {
	{"popl %gs (past the GDT)", W(gs), 0xfffb, SEL_UDATA},
	{"popl %fs (kernel data)", W(fs), SEL_KDATA | 3, SEL_UDATA},
	{"popl %es (LDT, none)", W(es), 0x0007, SEL_UDATA},
	{"popl %ds (empty slot)", W(ds), (7 << 3) | 3, SEL_UDATA},
	{"iret, cs (a data segment)", W(cs), SEL_UDATA, SEL_UCODE},
	{"iret, ss (a code segment)", W(ss), SEL_UCODE, SEL_UDATA},
};

static uint8_t kstack[4096] __attribute__((aligned(16)));
static struct trapframe expect;
static unsigned step;

static const uint8_t user_code[] = {
	0xb8, 0xc5, 0xf1, 0x00, 0x00, /* mov $USER_MAGIC, %eax */
	0xcd, 0x80,		      /* int $0x80 */
	0xeb, 0xfe,		      /* jmp . */
};

static struct trapframe *top_frame(void)
{
	return (struct trapframe *)(kstack + sizeof(kstack)) - 1;
}

/* Everything but trapno, err and pusha's esp must be as built. */
static bool frame_intact(const struct trapframe *tf)
{
	const uint32_t *a = (const uint32_t *)tf;
	const uint32_t *b = (const uint32_t *)&expect;

	for (unsigned i = 0; i < sizeof(*tf) / 4; i++)
		if (i != W(trapno) && i != W(err) && i != W(kesp) &&
		    a[i] != b[i])
			return false;
	return true;
}

static void check_step(struct trapframe *tf)
{
	const struct step *s = &steps[step];
	uint32_t *w = (uint32_t *)&expect;
	bool popped = s->word < W(edi);

	printk("iret_fixup: %s: %s, error %#x, eip %#x\n", s->site,
	       trap_name(tf->trapno), tf->err, tf->eip);
	/* A popped data selector comes back as 0; cs or ss as it was. */
	w[s->word] = popped ? 0 : s->sel;
	if (tf != top_frame() || tf->trapno != T_GPFLT ||
	    !error_code_ok(tf->err, s->sel) || !frame_intact(tf))
		kernel_halt(10 + (int)step);
	w[s->word] = s->good;
	if (++step < ARRAY_SIZE(steps))
		w[steps[step].word] = steps[step].sel;
	*tf = expect;
}

static void user_syscall(struct trapframe *tf)
{
	int status = step == ARRAY_SIZE(steps) && tf->eax == USER_MAGIC &&
				     trap_from_user(tf)
			     ? 0
			     : 9;

	printk("iret_fixup: %u faults fixed up, then ring 3 ran: %s\n", step,
	       status ? "FAIL" : "PASS");
	kernel_halt(status);
}

/*
 * Bug: trap_return pops the user's data selectors and irets in ring 0
 * with no fault recovery, so one bad selector (set_thread_area emptying
 * %gs's slot, a forged sigreturn frame) panics the kernel. Each of the
 * five loading instructions must instead hand the fault to the process.
 */
static int ktest_iret_fixup(void)
{
	uint32_t *pgdir = (uint32_t *)(read_cr3() + KERNEL_VBASE);
	struct trapframe *tf = top_frame();

	cli();
	pgdir[USER_TEST_VA >> 22] = USER_TEST_VA | PDE_4M_USER_RW;
	write_cr3(read_cr3());
	memcpy((void *)USER_TEST_VA, user_code, sizeof(user_code));
	tss_set_kernel_stack((uint32_t)(uintptr_t)(kstack + sizeof(kstack)));
	trap_register(T_SYSCALL, user_syscall);
	trap_set_user_hooks(check_step, NULL);

	memset(&expect, 0, sizeof(expect));
	expect.gs = expect.fs = expect.es = expect.ds = SEL_UDATA;
	expect.cs = SEL_UCODE;
	expect.ss = SEL_UDATA;
	expect.eip = USER_TEST_VA;
	expect.esp = USER_TEST_VA + 0x1000;
	expect.eflags = EFLAGS_IF | EFLAGS_FIXED;
	expect.ebx = 0x0b0b0b0b;
	expect.ebp = 0x0e0e0e0e;
	((uint32_t *)&expect)[steps[0].word] = steps[0].sel;
	*tf = expect;
	__asm__ volatile("movl %0, %%esp\n\t"
			 "jmp trap_return"
			 :
			 : "r"(tf)
			 : "memory");
	__builtin_unreachable();
}
KTEST(iret_fixup, ktest_iret_fixup);

static uint16_t fpu_status(void)
{
	uint16_t sw;

	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

static uint16_t fpu_control(void)
{
	uint16_t cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

/*
 * Bug: a restore that faults (a bad operand; on FXSR a reserved MXCSR
 * bit) panicked in ring 0; and FRSTOR with a user x87 exception pending
 * raises #MF there. The restore must report -EINVAL and leave the
 * initial state (control word 0x37f, no exception flags) loaded; a
 * pending exception must not fault at all.
 */
static int ktest_fpu_fixup(void)
{
	static struct fpu_area bad;
	static const uint32_t zero; /* 0.0f */
	uint32_t *pgdir = (uint32_t *)(read_cr3() + KERNEL_VBASE);
	const struct fpu_area *unmapped = (const struct fpu_area *)0x10;
	bool fxsr = cpu_features_edx() & CPU_FXSR;
	uint16_t cw = 0x37b; /* zero-divide unmasked */
	uint32_t mxcsr = 0xffffffffu;
	int err;

	fpu_init();   /* user space does it, later */
	pgdir[0] = 0; /* the boot identity map, if left */
	write_cr3(read_cr3());
	__asm__ volatile("" : "+r"(unmapped));
	KTEST_CHECK(extable_search(0) == NULL);
	/* An operand in no mapped page: #PF at the restore. */
	__asm__ volatile("fldcw %0" : : "m"(cw));
	KTEST_CHECK(fpu_restore(unmapped) == -EINVAL);
	KTEST_CHECK(fpu_control() == 0x37f && (fpu_status() & 0x3f) == 0);
	/* Every MXCSR bit set: #GP on FXRSTOR (QEMU's TCG does not check;
	 * then it loads). Without FXSR the bytes are an FSAVE image. */
	fpu_init_state(&bad);
	memcpy(bad.bytes + 24, &mxcsr, 4);
	err = fpu_restore(&bad);
	printk("fpu_fixup: restore with reserved MXCSR bits: %d\n", err);
	KTEST_CHECK(err == 0 || (fxsr && err == -EINVAL));
	fpu_init_state(&bad);
	KTEST_CHECK(fpu_restore(&bad) == 0);
	/* A pending unmasked zero divide (1 / 0.0f), then a restore. */
	__asm__ volatile("fldcw %0\n\tfld1\n\tfdivs %1" : : "m"(cw), "m"(zero));
	KTEST_CHECK(fpu_status() & 0x80); /* ES: pending */
	KTEST_CHECK(fpu_restore(&bad) == 0);
	KTEST_CHECK(fpu_control() == 0x37f && (fpu_status() & 0xbf) == 0);
	printk("fpu_fixup: %s: faulting restores fell back to the initial "
	       "state, a pending exception did not fault\n",
	       fxsr ? "fxrstor" : "frstor");
	return 0;
}
KTEST(fpu_fixup, ktest_fpu_fixup);
