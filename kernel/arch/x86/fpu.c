/*
 * kernel/arch/x86/fpu.c - x87/SSE state save and restore.
 *
 * Owns the choice between FXSAVE and FSAVE (made once at boot from CPUID)
 * and the initial state every new program starts with. No locking: called
 * on the running CPU with interrupts off (context switch) or in process
 * context on the process's own state. The kernel itself never uses the
 * FPU (-mgeneral-regs-only), so user state stays in the registers until
 * the next switch.
 * Restores never fault in ring 0: FRSTOR is a waiting instruction, so a
 * user x87 exception still pending in the registers (an unmasked fault
 * not yet reported) would raise #MF on it; FNCLEX drops it first (the
 * state being replaced is discarded anyway). FXRSTOR does not wait. Any
 * other fault of the restore (a reserved MXCSR bit, a bad operand) has
 * an exception-table fixup: the FPU is reinitialised and the caller told.
 * Sources: Intel SDM vol. 1, 8.6 and 8.7 (pending x87 exceptions, waiting
 * instructions), 10.5 (FXSAVE layout, MXCSR_MASK); vol. 2, FRSTOR and
 * FXRSTOR; vol. 3, 2.5 (CR0.NE/MP/EM, CR4.OSFXSR/OSXMMEXCPT), 13.1.
 */
#include "kernel.h"
#include "errno.h"
#include "arch/x86/cpu.h"
#include "arch/x86/extable.h"
#include "arch/x86/fpu.h"
#include "uapi/signal.h"

#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define MXCSR_OFFSET 24 /* bytes into the FXSAVE image */
#define MXCSR_MASK_OFF 28
#define MXCSR_DEFAULT 0x1F80u

#define FPU_FLAGS 0x3Fu /* IE DE ZE OE UE PE, in FSW/FCW and MXCSR */
#define FPU_IE 0x01u
#define FPU_DE 0x02u
#define FPU_ZE 0x04u
#define FPU_OE 0x08u
#define FPU_UE 0x10u
#define FPU_PE 0x20u
#define MXCSR_MASK_SHIFT 7 /* the masks sit 7 bits above the flags */

static bool have_fxsr, have_sse;
static uint32_t mxcsr_mask = 0xFFBFu; /* SDM: if the image gives 0 */
static struct fpu_area initial;

void fpu_save(struct fpu_area *a)
{
	if (have_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*a));
	else
		__asm__ volatile("fnsave %0; fwait" : "=m"(*a));
}

/* One restore instruction; a fault in it resumes after it with
 * -EINVAL (extable.h). */
static int restore_insn(const struct fpu_area *a)
{
	int err = 0;

	if (have_fxsr)
		__asm__ volatile("1:	fxrstor %[a]\n"
				 "2:\n\t"
				 ".pushsection .text.fixup, \"ax\"\n"
				 "3:	movl %[einval], %[err]\n\t"
				 "jmp 2b\n\t"
				 ".popsection\n\t" EXTABLE_JUMP("1b", "3b")
				 : [err] "+r"(err)
				 : [a] "m"(*a), [einval] "i"(-EINVAL));
	else
		__asm__ volatile("fnclex\n"
				 "1:	frstor %[a]\n"
				 "2:\n\t"
				 ".pushsection .text.fixup, \"ax\"\n"
				 "3:	movl %[einval], %[err]\n\t"
				 "jmp 2b\n\t"
				 ".popsection\n\t" EXTABLE_JUMP("1b", "3b")
				 : [err] "+r"(err)
				 : [a] "m"(*a), [einval] "i"(-EINVAL));
	return err;
}

int fpu_restore(const struct fpu_area *a)
{
	int err = restore_insn(a);

	if (err) {
		__asm__ volatile("fninit");
		restore_insn(&initial);
	}
	return err;
}

void fpu_init_state(struct fpu_area *a)
{
	*a = initial;
}

void fpu_sanitize(struct fpu_area *a)
{
	uint32_t mxcsr;

	if (!have_fxsr)
		return;
	memcpy(&mxcsr, a->bytes + MXCSR_OFFSET, 4);
	mxcsr &= mxcsr_mask;
	memcpy(a->bytes + MXCSR_OFFSET, &mxcsr, 4);
}

/* fpu_exception_code - see fpu.h. FNSTCW, FNSTSW and STMXCSR do not
 * wait, so a pending x87 exception is not raised again here. */
int fpu_exception_code(bool simd)
{
	uint16_t cw, sw;
	uint32_t mxcsr, err;

	if (simd) {
		if (!have_sse)
			return 0;
		__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
		err = mxcsr & ~(mxcsr >> MXCSR_MASK_SHIFT);
	} else {
		__asm__ volatile("fnstcw %0\n\tfnstsw %1" : "=m"(cw), "=m"(sw));
		err = (uint32_t)(sw & ~cw);
	}
	err &= FPU_FLAGS;
	if (err & FPU_IE)
		return FPE_FLTINV;
	if (err & FPU_ZE)
		return FPE_FLTDIV;
	if (err & FPU_OE)
		return FPE_FLTOVF;
	if (err & (FPU_DE | FPU_UE))
		return FPE_FLTUND;
	if (err & FPU_PE)
		return FPE_FLTRES;
	return 0;
}

void fpu_init(void)
{
	uint32_t edx = cpu_features_edx(), mask;

	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	have_fxsr = edx & CPU_FXSR;
	have_sse = have_fxsr && (edx & CPU_SSE);
	if (have_fxsr)
		write_cr4(read_cr4() | CR4_OSFXSR |
			  (edx & CPU_SSE ? CR4_OSXMMEXCPT : 0));
	__asm__ volatile("fninit");
	fpu_save(&initial);
	if (have_fxsr) {
		memcpy(&mask, initial.bytes + MXCSR_MASK_OFF, 4);
		if (mask)
			mxcsr_mask = mask;
		mask = MXCSR_DEFAULT;
		memcpy(initial.bytes + MXCSR_OFFSET, &mask, 4);
	}
}
