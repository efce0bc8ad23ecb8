/*
 * kernel/arch/x86/selftest.c - self-tests for traps, the timer and the
 * symbol table (ktest=NAME; see tests/boot/cases).
 *
 * Owns only test state. fault, divide and ud2 end in a kernel panic on
 * purpose (osrun exit 125); the others return 0 on success and a distinct
 * nonzero code per failed check.
 */
#include "kernel.h"
#include "errno.h"
#include "halt.h"
#include "ksyms.h"
#include "ktest.h"
#include "timer.h"
#include "arch/x86/backtrace.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define PDE_PRESENT 0x1u

/* Hide a value from the optimiser, so it cannot fold a NULL store or a
 * division by zero into something else. */
#define OPAQUE(x) __asm__ volatile("" : "+r"(x))

/* The boot page directory identity-maps the first 4 MiB for the jump to
 * the higher half; until paging_init removes it, page 0 is mapped. */
static void unmap_low_identity(void)
{
	uint32_t *pgdir = (uint32_t *)(read_cr3() + KERNEL_VBASE);

	if (pgdir[0] & PDE_PRESENT) {
		pgdir[0] = 0;
		write_cr3(read_cr3());
	}
}

/*
 * Bug: a kernel NULL-pointer store must end in a panic whose backtrace
 * names the faulting function (and CR2 = 0), not in a hang, a triple
 * fault or an unsymbolised dump.
 */
static __attribute__((noinline)) int ktest_fault(void)
{
	volatile int *p = NULL;

	unmap_low_identity();
	OPAQUE(p);
	*p = 0x5ec7;
	printk("fault: the NULL store did not fault\n");
	return 1;
}
KTEST(fault, ktest_fault);

/* Bug: #DE from the kernel must panic naming the divide error. */
static __attribute__((noinline)) int ktest_divide(void)
{
	unsigned num = 1, den = 0;

	OPAQUE(num);
	OPAQUE(den);
	num /= den;
	OPAQUE(num);
	printk("divide: the division by zero did not trap\n");
	return 1;
}
KTEST(divide, ktest_divide);

/* Bug: #UD from the kernel must panic naming the invalid opcode. */
static __attribute__((noinline)) int ktest_ud2(void)
{
	__asm__ volatile("ud2");
	printk("ud2: ud2 did not trap\n");
	return 1;
}
KTEST(ud2, ktest_ud2);

static volatile unsigned hook_calls;

static void count_hook(void)
{
	hook_calls++;
}

/* Spin until uptime_ms advanced by ms, checking it never goes back.
 * Returns 0, or nonzero on a backward step or if time stands still. */
static int busy_wait_ms(uint64_t ms)
{
	uint64_t start = uptime_ms(), prev = start, now;
	unsigned long spins = 0;

	do {
		now = uptime_ms();
		if (now < prev) {
			printk("timer: uptime went back %llu -> %llu ms\n",
			       (unsigned long long)prev,
			       (unsigned long long)now);
			return 1;
		}
		prev = now;
		if (++spins > 400000000ul) {
			printk("timer: uptime stuck at %llu ms\n",
			       (unsigned long long)now);
			return 2;
		}
	} while (now - start < ms);
	return 0;
}

/*
 * Bug: with interrupts enabled, the PIT tick must advance, run the hooks
 * on every tick, and give an uptime in ms that is monotonic across a busy
 * wait and agrees with the tick count (a torn 64-bit read or a missing
 * EOI shows up here as time going back or stopping).
 */
static int ktest_timer(void)
{
	uint64_t t0, t1, ms0, ms1;
	unsigned h0;

	if (!(read_eflags() & EFLAGS_IF))
		return 10;
	if (timer_add_hook(count_hook))
		return 11;
	t0 = timer_ticks();
	for (int i = 0; i < 1000 && timer_ticks() == t0; i++)
		hlt();
	if (timer_ticks() == t0) {
		printk("timer: no tick after 1000 hlt\n");
		return 12;
	}
	h0 = hook_calls;
	t0 = timer_ticks();
	ms0 = uptime_ms();
	if (busy_wait_ms(50))
		return 13;
	t1 = timer_ticks();
	ms1 = uptime_ms();
	printk("timer: %llu ticks, %llu ms in the busy wait, %u hook calls\n",
	       (unsigned long long)(t1 - t0), (unsigned long long)(ms1 - ms0),
	       hook_calls - h0);
	if (t1 - t0 < 50 * HZ / 1000)
		return 14;
	if (ms1 - ms0 != (t1 - t0) * 1000 / HZ &&
	    ms1 - ms0 + 1 != (t1 - t0) * 1000 / HZ)
		return 15;
	if (hook_calls - h0 < t1 - t0)
		return 16;
	return 0;
}
KTEST(timer, ktest_timer);

static volatile uint32_t seen_trapno, seen_cs, seen_eflags;

static void fake_syscall(struct trapframe *tf)
{
	seen_trapno = tf->trapno;
	seen_cs = tf->cs;
	seen_eflags = tf->eflags;
	tf->eax = tf->ebx + tf->ecx; /* result goes back through iret */
}

/*
 * Bug: the int $0x80 gate must reach its handler with a trap frame laid
 * out as trap.h says, and changes to the frame must come back in the
 * registers (trap_return), with IF unchanged (a trap gate).
 */
static int ktest_int80(void)
{
	uint32_t eax = 0xdead, ebx = 40, ecx = 2, esi = 0x51, edi = 0xd1;
	uint32_t flags_before = read_eflags();

	trap_register(T_SYSCALL, fake_syscall);
	__asm__ volatile("int $0x80"
			 : "+a"(eax), "+b"(ebx), "+c"(ecx), "+S"(esi), "+D"(edi)
			 :
			 : "memory", "edx", "cc");
	trap_register(T_SYSCALL, NULL);
	printk("int80: trapno %#x cs %#x eax %u\n", seen_trapno, seen_cs, eax);
	if (seen_trapno != T_SYSCALL)
		return 1;
	if (seen_cs != SEL_KCODE)
		return 2;
	if (eax != 42 || ebx != 40 || ecx != 2 || esi != 0x51 || edi != 0xd1)
		return 3;
	if ((seen_eflags & EFLAGS_IF) != (flags_before & EFLAGS_IF))
		return 4;
	return 0;
}
KTEST(int80, ktest_int80);

/*
 * Bug: the symbol table linked into the kernel must resolve kernel
 * addresses to the right function and offset; a table from a link whose
 * text moved would name the wrong one.
 */
static int ktest_ksyms(void)
{
	uintptr_t off = 0;
	const char *name;

	printk("ksyms: %u symbols\n", ksym_count);
	name = ksym_lookup((uintptr_t)ktest_ksyms + 3, &off);
	if (!name || strcmp(name, "ktest_ksyms") || off != 3)
		return 1;
	name = ksym_lookup((uintptr_t)trap_dispatch, &off);
	if (!name || strcmp(name, "trap_dispatch") || off != 0)
		return 2;
	if (ksym_lookup(0x1000, &off))
		return 3;
	backtrace_here();
	return 0;
}
KTEST(ksyms, ktest_ksyms);

/* Bug: panic() must print a backtrace that starts at its caller, even
 * when the call to the noreturn panic is the caller's last instruction. */
static __attribute__((noinline)) int ktest_panic(void)
{
	panic("deliberate panic from ktest_panic");
}
KTEST(panic, ktest_panic);

/*
 * Ring-3 entry: a user frame is built by hand and entered through
 * trap_return. The boot page directory has no user pages, so the test
 * maps one 4 MiB page (PSE, user, writable) at USER_TEST_VA onto the
 * physical memory at the same address, which nothing uses this early.
 */
#define USER_TEST_VA 0x00400000u
#define PDE_4M_USER_RW 0x87u /* present, writable, user, 4 MiB */
#define USER_SYSCALL_MAGIC 0x5151u

static uint8_t user_test_kstack[4096] __attribute__((aligned(16)));
static uint64_t user_entry_ticks;

/* Spin a while (so timer IRQs arrive in ring 3), then int $0x80. */
static const uint8_t user_code_syscall[] = {
	0xb9, 0x00, 0x00, 0x00, 0x04, /* mov $0x4000000, %ecx */
	0xe2, 0xfe,		      /* 1: loop 1b */
	0xb8, 0x51, 0x51, 0x00, 0x00, /* mov $USER_SYSCALL_MAGIC, %eax */
	0xcd, 0x80,		      /* int $0x80 */
	0xeb, 0xfe,		      /* jmp . */
};

/* A privileged instruction in ring 3: #GP from user mode. */
static const uint8_t user_code_hlt[] = {
	0xf4,	    /* hlt */
	0xeb, 0xfe, /* jmp . */
};

/* The int $0x80 from ring 3 arrives here; the test ends in it. */
static void user_syscall(struct trapframe *tf)
{
	uintptr_t at = (uintptr_t)tf;
	int status = 0;

	printk("usermode: int 0x80 from cs %#x ss %#x eax %#x, "
	       "%llu ticks in ring 3\n",
	       tf->cs, tf->ss, tf->eax,
	       (unsigned long long)(timer_ticks() - user_entry_ticks));
	if (!trap_from_user(tf) || tf->cs != SEL_UCODE || tf->ss != SEL_UDATA)
		status = 1;
	else if (tf->eax != USER_SYSCALL_MAGIC)
		status = 2;
	else if (at < (uintptr_t)user_test_kstack ||
		 at >= (uintptr_t)user_test_kstack + sizeof(user_test_kstack))
		status = 3; /* the TSS esp0 was not used */
	printk("ktest: usermode: %s (status %d)\n", status ? "FAIL" : "PASS",
	       status);
	kernel_halt(status);
}

/* Copy code to USER_TEST_VA and iret into it; does not return. */
static __noreturn void run_in_ring3(const uint8_t *code, size_t len)
{
	uint32_t *pgdir = (uint32_t *)(read_cr3() + KERNEL_VBASE);
	struct trapframe *tf;

	cli();
	pgdir[USER_TEST_VA >> 22] = USER_TEST_VA | PDE_4M_USER_RW;
	write_cr3(read_cr3());
	memcpy((void *)USER_TEST_VA, code, len);

	tss_set_kernel_stack((uint32_t)(uintptr_t)(user_test_kstack +
						   sizeof(user_test_kstack)));
	tf = (struct trapframe *)(user_test_kstack + sizeof(user_test_kstack)) -
	     1;
	memset(tf, 0, sizeof(*tf));
	tf->gs = tf->fs = tf->es = tf->ds = SEL_UDATA;
	tf->cs = SEL_UCODE;
	tf->ss = SEL_UDATA;
	tf->eip = USER_TEST_VA;
	tf->esp = USER_TEST_VA + 0x1000;
	tf->eflags = EFLAGS_IF | EFLAGS_FIXED;
	user_entry_ticks = timer_ticks();
	__asm__ volatile("movl %0, %%esp\n\t"
			 "jmp trap_return"
			 :
			 : "r"(tf)
			 : "memory");
	__builtin_unreachable();
}

/*
 * Bug: entering user mode through trap_return must land in ring 3 with
 * user segments, IRQs taken in ring 3 must come back to it, and int $0x80
 * from ring 3 must pass the DPL-3 gate onto the TSS kernel stack.
 */
static int ktest_usermode(void)
{
	trap_register(T_SYSCALL, user_syscall);
	run_in_ring3(user_code_syscall, sizeof(user_code_syscall));
}
KTEST(usermode, ktest_usermode);

/* Bug: a fault in ring 3 must be reported as a user-mode trap (for now
 * a panic; later a signal), not mistaken for a kernel fault. */
static int ktest_user_gpf(void)
{
	run_in_ring3(user_code_hlt, sizeof(user_code_hlt));
}
KTEST(user_gpf, ktest_user_gpf);

static const uint32_t tls_word = 0x7157d47a;

/* Bug: a TLS slot filled by gdt_set_tls must give a segment whose base is
 * the one asked for (what set_thread_area and musl's %gs:0 rely on), and
 * out-of-range slots or limits must be refused. */
static int ktest_tls(void)
{
	unsigned sel = (GDT_ENTRY_TLS_MIN << 3) | 3;
	uint32_t got;

	if (gdt_set_tls(GDT_ENTRY_TLS_MIN - 1, 0, 0, true) != -EINVAL ||
	    gdt_set_tls(GDT_ENTRY_TLS_MAX + 1, 0, 0, true) != -EINVAL ||
	    gdt_set_tls(GDT_ENTRY_TLS_MIN, 0, 0x100000, true) != -EINVAL)
		return 1;
	if (gdt_set_tls(GDT_ENTRY_TLS_MIN, (uint32_t)(uintptr_t)&tls_word, 0,
			true))
		return 2;
	__asm__ volatile("movw %w1, %%gs\n\t"
			 "movl %%gs:0, %0\n\t"
			 "movw %w2, %%gs"
			 : "=&r"(got)
			 : "r"(sel), "r"(SEL_KDATA)
			 : "memory");
	printk("tls: %%gs:0 through selector %#x reads %#x\n", sel, got);
	gdt_set_tls(GDT_ENTRY_TLS_MIN, 0, 0, false);
	return got == tls_word ? 0 : 3;
}
KTEST(tls, ktest_tls);
