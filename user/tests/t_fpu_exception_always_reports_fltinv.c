/*
 * t_fpu_exception_always_reports_fltinv - a SIGFPE from the x87 or SSE
 * unit names the exception that happened, as Linux's math_error does.
 *
 * Bug: every #MF (x87) and #XM (SSE) was reported as FPE_FLTINV. Linux
 * reads which unmasked exception is flagged (x87: status word & ~control
 * word; SSE: MXCSR flags & ~MXCSR masks) and reports, first match wins:
 * invalid operation FPE_FLTINV, zero divide FPE_FLTDIV, overflow
 * FPE_FLTOVF, denormal or underflow FPE_FLTUND, precision FPE_FLTRES.
 * si_addr is the instruction that took the exception: for the x87 the
 * next waiting instruction (here an fwait), for SSE the instruction
 * itself.
 *
 * Each x87 case loads a control word with one exception unmasked, does
 * the operation, then fwait. The SSE case unmasks zero divide in MXCSR
 * and divides by zero with divss. QEMU's TCG raises neither the x87
 * denormal-operand exception nor #XM: those two cases are skipped when
 * no exception came (they are checked on the host, and under KVM).
 */
#include "faultlib.h"

extern char fw_inv[], fw_div[], fw_ovf[], fw_und[], fw_den[], fw_res[];
extern char divss_at[];

static const uint32_t zero_f = 0, one_f = 0x3f800000, three_f = 0x40400000;
static const uint32_t denormal_f = 0x00000001;
static const uint64_t huge_d = 0x7fefffffffffffffull; /* DBL_MAX */
static const uint64_t tiny_d = 0x0010000000000000ull; /* DBL_MIN */
static volatile uint32_t sink_f;
static uint16_t cw;

#define X87_CW_ALL_MASKED 0x37f
#define X87_IM 0x01
#define X87_DM 0x02
#define X87_ZM 0x04
#define X87_OM 0x08
#define X87_UM 0x10
#define X87_PM 0x20

/* Each runs with cw already loaded. */
static __attribute__((noinline)) void x87_inv(void)
{
	__asm__ volatile("fldcw %0\n\tfldz\n\tfdivs %1\n"
			 "fw_inv:\tfwait"
			 : : "m"(cw), "m"(zero_f));
}

static __attribute__((noinline)) void x87_div(void)
{
	__asm__ volatile("fldcw %0\n\tfld1\n\tfdivs %1\n"
			 "fw_div:\tfwait"
			 : : "m"(cw), "m"(zero_f));
}

static __attribute__((noinline)) void x87_ovf(void)
{
	__asm__ volatile("fldcw %0\n\tfldl %1\n\tfstps %2\n"
			 "fw_ovf:\tfwait"
			 : : "m"(cw), "m"(huge_d), "m"(sink_f));
}

static __attribute__((noinline)) void x87_und(void)
{
	__asm__ volatile("fldcw %0\n\tfldl %1\n\tfstps %2\n"
			 "fw_und:\tfwait"
			 : : "m"(cw), "m"(tiny_d), "m"(sink_f));
}

static __attribute__((noinline)) void x87_den(void)
{
	__asm__ volatile("fldcw %0\n\tflds %1\n"
			 "fw_den:\tfwait"
			 : : "m"(cw), "m"(denormal_f));
}

static __attribute__((noinline)) void x87_res(void)
{
	__asm__ volatile("fldcw %0\n\tflds %1\n\tfdivs %2\n"
			 "fw_res:\tfwait"
			 : : "m"(cw), "m"(one_f), "m"(three_f));
}

/* The compiler uses no SSE register (i686), so xmm0 needs no clobber
 * (which it would refuse). */
static __attribute__((noinline)) void sse_div(void)
{
	uint32_t mxcsr = 0x1f80 & ~0x200u; /* zero divide unmasked */

	__asm__ volatile("ldmxcsr %0\n\t"
			 "movss %1, %%xmm0\n"
			 "divss_at:\tdivss %2, %%xmm0"
			 : : "m"(mxcsr), "m"(one_f), "m"(zero_f));
}

/*
 * Check fault f, or skip when fn ran to its end: the CPU did not raise
 * the exception at all (QEMU's TCG flags no x87 denormal operand and
 * raises no #XM). The kernel cannot cause that outcome: an exception it
 * took and dropped would fault again on the retried instruction.
 */
static void check_raised(struct fault f, int code, const char *at,
			 const char *what)
{
	if (f.sig == 0)
		skip("%s: the CPU raised no exception", what);
	else
		check_fault(f, SIGFPE, code, (uintptr_t)at, what);
}

/* The x87 case fn with exception `unmask` cleared from the masks. */
static void x87_case(void (*fn)(void), uint16_t unmask, int code,
		     const char *at, const char *what)
{
	cw = X87_CW_ALL_MASKED & ~unmask;
	if (unmask == X87_DM)
		check_raised(catch_fault(fn), code, at, what);
	else
		check_fault(catch_fault(fn), SIGFPE, code, (uintptr_t)at,
			    what);
}

/* CPUID leaf 1, edx bit 25: SSE. */
static int have_sse(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (d >> 25) & 1;
}

int main(int argc, char **argv)
{
	struct fault f;

	test_init(argv);
	x87_case(x87_inv, X87_IM, FPE_FLTINV, fw_inv, "x87 0 / 0");
	x87_case(x87_div, X87_ZM, FPE_FLTDIV, fw_div, "x87 1 / 0");
	x87_case(x87_ovf, X87_OM, FPE_FLTOVF, fw_ovf,
		 "x87 DBL_MAX stored as float");
	x87_case(x87_und, X87_UM, FPE_FLTUND, fw_und,
		 "x87 DBL_MIN stored as float");
	x87_case(x87_den, X87_DM, FPE_FLTUND, fw_den,
		 "x87 load of a denormal float");
	x87_case(x87_res, X87_PM, FPE_FLTRES, fw_res, "x87 1 / 3 inexact");
	cw = X87_CW_ALL_MASKED;
	check_eq(catch_fault(x87_div).sig, 0,
		 "x87 1 / 0 with every exception masked: no signal");
	if (!have_sse()) {
		skip("no SSE on this CPU");
		return test_done();
	}
	f = catch_fault(sse_div);
	check_raised(f, FPE_FLTDIV, divss_at, "SSE divss by zero");
	if (f.sig)
		check_eq(f.trapno, 19, "SSE: sigcontext trapno is #XM");
	return test_done();
}
