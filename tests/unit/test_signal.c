/*
 * Host tests for kernel/proc/sigset.c (the pure rules of signals) and
 * kernel/include/sigframe.h (the i386 signal ABI layout that musl's
 * ucontext_t, sigreturn and SA_SIGINFO handlers read).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "errno.h"
#include "proc.h"
#include "sigframe.h"
#include "signal.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"

#define TLS_SEL		((GDT_ENTRY_TLS_MIN << 3) | 3)

/* The GDT as the selector checks see it: the flat user code and data
 * segments, and the TLS slot when model_tls_present. */
static bool model_tls_present;

bool gdt_user_selector_ok(uint32_t sel, enum seg_use use)
{
	sel &= 0xFFFF;
	if ((sel & 0xFFFC) == 0)
		return use == SEG_USE_DATA;
	if (sel == SEL_UCODE)
		return use != SEG_USE_STACK;	/* readable code */
	if (sel == SEL_UDATA || (sel == TLS_SEL && model_tls_present))
		return use != SEG_USE_CODE;
	return false;
}

/* Bug: a frame layout off by a word makes every handler read garbage
 * and sigreturn restore the wrong registers. Offsets from the i386 ABI
 * (Linux uapi sigcontext_32, musl REG_* indices times 4). */
static void test_abi_layout_matches_i386(void **state)
{
	assert_int_equal(offsetof(struct sigcontext_abi, gs), 0);
	assert_int_equal(offsetof(struct sigcontext_abi, edi), 16);
	assert_int_equal(offsetof(struct sigcontext_abi, esp), 7 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, eax), 11 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, trapno), 12 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, eip), 14 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, cs), 15 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, eflags), 16 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, esp_at_signal), 68);
	assert_int_equal(offsetof(struct sigcontext_abi, ss), 18 * 4);
	assert_int_equal(offsetof(struct sigcontext_abi, oldmask), 80);
	assert_int_equal(offsetof(struct sigcontext_abi, cr2), 84);
	assert_int_equal(sizeof(struct sigcontext_abi), 88);

	assert_int_equal(offsetof(struct ucontext_abi, uc_stack), 8);
	assert_int_equal(offsetof(struct ucontext_abi, uc_mcontext), 20);
	assert_int_equal(offsetof(struct ucontext_abi, uc_sigmask), 108);

	assert_int_equal(offsetof(struct rt_sigframe_abi, pinfo), 8);
	assert_int_equal(offsetof(struct rt_sigframe_abi, info), 16);
	assert_int_equal(offsetof(struct rt_sigframe_abi, uc), 144);
	assert_int_equal(offsetof(struct rt_sigframe_abi, retcode), 260);
	/* strace's i386 sigreturn decoder: 20 words, oldmask, cr2, 156
	 * words of fpstate, then extramask (after pretcode and sig). */
	assert_int_equal(offsetof(struct sigframe_abi, sc), 8);
	assert_int_equal(offsetof(struct sigframe_abi, extramask),
			 8 + 22 * 4 + 156 * 4);
	assert_int_equal(offsetof(struct siginfo_abi, si_fields), 12);
	assert_int_equal(offsetof(struct sigaction_abi, mask), 12);
}

/* Bug: SIGINT pending alongside a fault would run first and the faulting
 * instruction would be retried before SIGSEGV is seen. */
static void test_next_signal_prefers_faults_then_lowest(void **state)
{
	assert_int_equal(signal_next(0, 0), 0);
	assert_int_equal(signal_next(SIGBIT(SIGTERM) | SIGBIT(SIGINT), 0),
			 SIGINT);
	assert_int_equal(signal_next(SIGBIT(SIGINT) | SIGBIT(SIGSEGV), 0),
			 SIGSEGV);
	assert_int_equal(signal_next(SIGBIT(SIGINT) | SIGBIT(SIGSEGV),
				     SIGBIT(SIGSEGV)), SIGINT);
	assert_int_equal(signal_next(SIGBIT(SIGINT), SIGBIT(SIGINT)), 0);
	assert_int_equal(signal_next(SIGBIT(64), 0), 64);
	assert_int_equal(signal_next(SIGBIT(64) | SIGBIT(33), 0), 33);
}

/* Bug: a process blocks SIGKILL with SIG_SETMASK ~0 and cannot be
 * killed; an unknown how changes the mask anyway. */
static void test_mask_change_never_blocks_kill_or_stop(void **state)
{
	uint64_t m = 0;

	assert_int_equal(signal_mask_change(&m, SIG_SETMASK, ~0ull), 0);
	assert_true(m & SIGBIT(SIGINT));
	assert_false(m & SIGBIT(SIGKILL));
	assert_false(m & SIGBIT(SIGSTOP));
	assert_int_equal(signal_mask_change(&m, SIG_UNBLOCK,
					    SIGBIT(SIGINT)), 0);
	assert_false(m & SIGBIT(SIGINT));
	assert_true(m & SIGBIT(SIGTERM));
	m = SIGBIT(SIGHUP);
	assert_int_equal(signal_mask_change(&m, SIG_BLOCK, SIGBIT(SIGKILL) |
					    SIGBIT(SIGUSR1)), 0);
	assert_true(m == (SIGBIT(SIGHUP) | SIGBIT(SIGUSR1)));
	assert_int_equal(signal_mask_change(&m, 3, 0), -EINVAL);
	assert_true(m == (SIGBIT(SIGHUP) | SIGBIT(SIGUSR1)));
}

static void test_default_actions_follow_signal7(void **state)
{
	assert_int_equal(signal_default_action(SIGTERM), SIG_DEF_TERM);
	assert_int_equal(signal_default_action(SIGKILL), SIG_DEF_TERM);
	assert_int_equal(signal_default_action(SIGPIPE), SIG_DEF_TERM);
	assert_int_equal(signal_default_action(SIGSEGV), SIG_DEF_CORE);
	assert_int_equal(signal_default_action(SIGABRT), SIG_DEF_CORE);
	assert_int_equal(signal_default_action(SIGQUIT), SIG_DEF_CORE);
	assert_int_equal(signal_default_action(SIGCHLD), SIG_DEF_IGNORE);
	assert_int_equal(signal_default_action(SIGWINCH), SIG_DEF_IGNORE);
	assert_int_equal(signal_default_action(SIGURG), SIG_DEF_IGNORE);
	assert_int_equal(signal_default_action(SIGCONT), SIG_DEF_CONT);
	assert_int_equal(signal_default_action(SIGSTOP), SIG_DEF_STOP);
	assert_int_equal(signal_default_action(SIGTSTP), SIG_DEF_STOP);
	assert_int_equal(signal_default_action(SIGTTOU), SIG_DEF_STOP);
	assert_int_equal(signal_default_action(40), SIG_DEF_TERM);
}

/* Bug: an ignored signal sent while blocked is dropped, so a handler
 * installed before unblocking never sees it (Linux keeps it). */
static void test_discard_only_unblocked_ignored(void **state)
{
	static struct sig_state s;
	static struct sighand h;

	memset(&s, 0, sizeof(s));
	memset(&h, 0, sizeof(h));
	assert_true(signal_discarded(h.action, s.blocked, SIGCHLD));
	assert_false(signal_discarded(h.action, s.blocked, SIGTERM));
	h.action[SIGTERM - 1].handler = SIG_IGN;
	assert_true(signal_discarded(h.action, s.blocked, SIGTERM));
	s.blocked = SIGBIT(SIGTERM) | SIGBIT(SIGCHLD);
	assert_false(signal_discarded(h.action, s.blocked, SIGTERM));
	assert_false(signal_discarded(h.action, s.blocked, SIGCHLD));
	s.blocked = 0;
	h.action[SIGCHLD - 1].handler = 0x08048000;
	assert_false(signal_discarded(h.action, s.blocked, SIGCHLD));
}

/* Bug: a misaligned frame crashes SSE code in handlers (movaps). */
static void test_frame_addr_is_abi_aligned_and_below_sp(void **state)
{
	uint32_t sps[] = { 0xBFFEFFF0, 0xBFFEFFEC, 0xBFFEF001, 0x08100003 };
	uint32_t sizes[] = { 268, 732, 1, 16 };

	for (unsigned i = 0; i < 4; i++) {
		for (unsigned j = 0; j < 4; j++) {
			uint32_t a = signal_frame_addr(sps[i], sizes[j]);

			assert_int_equal((a + 4) % 16, 0);
			assert_true(a + sizes[j] <= sps[i]);
			assert_true(a + sizes[j] + 16 > sps[i]);
		}
	}
}

static void test_on_altstack_bounds(void **state)
{
	assert_false(signal_on_altstack(0x5000, 0x1000, 0));
	assert_true(signal_on_altstack(0x2000, 0x1000, 0x1000));
	assert_true(signal_on_altstack(0x1001, 0x1000, 0x1000));
	assert_false(signal_on_altstack(0x1000, 0x1000, 0x1000));
	assert_false(signal_on_altstack(0x2001, 0x1000, 0x1000));
}

static struct trapframe syscall_frame(int32_t ret)
{
	struct trapframe tf = { .trapno = T_SYSCALL, .eip = 0x08049002,
				.eax = (uint32_t)ret };

	return tf;
}

/* Bug: read() interrupted by a SA_RESTART handler fails with EINTR; or a
 * handler without SA_RESTART restarts the call forever. */
static void test_restart_rules(void **state)
{
	struct trapframe tf;

	tf = syscall_frame(-ERESTARTSYS);
	signal_fix_restart(&tf, 3, true, 0);
	assert_int_equal((int32_t)tf.eax, -EINTR);
	assert_int_equal(tf.eip, 0x08049002);

	tf = syscall_frame(-ERESTARTSYS);
	signal_fix_restart(&tf, 3, true, SA_RESTART);
	assert_int_equal(tf.eax, 3);
	assert_int_equal(tf.eip, 0x08049000);

	tf = syscall_frame(-ERESTARTSYS);
	signal_fix_restart(&tf, 114, false, 0);
	assert_int_equal(tf.eax, 114);
	assert_int_equal(tf.eip, 0x08049000);

	tf = syscall_frame(-ERESTARTNOHAND);
	signal_fix_restart(&tf, 179, true, SA_RESTART);
	assert_int_equal((int32_t)tf.eax, -EINTR);

	tf = syscall_frame(-ERESTARTNOHAND);
	signal_fix_restart(&tf, 29, false, 0);
	assert_int_equal(tf.eax, 29);
	assert_int_equal(tf.eip, 0x08049000);

	/* sigreturn restored a frame whose eax happens to be the code */
	tf = syscall_frame(-ERESTARTSYS);
	signal_fix_restart(&tf, -1, false, 0);
	assert_int_equal((int32_t)tf.eax, -ERESTARTSYS);
	assert_int_equal(tf.eip, 0x08049002);

	/* not a system call: a timer interrupt in user code */
	tf = syscall_frame(-ERESTARTSYS);
	tf.trapno = T_IRQ0;
	signal_fix_restart(&tf, 3, false, 0);
	assert_int_equal(tf.eip, 0x08049002);

	tf = syscall_frame(-EAGAIN);
	signal_fix_restart(&tf, 3, false, 0);
	assert_int_equal((int32_t)tf.eax, -EAGAIN);
}

static struct trapframe user_frame(void)
{
	struct trapframe tf = {
		.gs = SEL_UDATA, .fs = SEL_UDATA, .es = SEL_UDATA,
		.ds = SEL_UDATA, .edi = 1, .esi = 2, .ebp = 3, .ebx = 4,
		.edx = 5, .ecx = 6, .eax = 7, .trapno = T_SYSCALL,
		.eip = 0x08048123, .cs = SEL_UCODE, .eflags = 0x202,
		.esp = 0xBFFEF000, .ss = SEL_UDATA,
	};

	return tf;
}

static void test_sigcontext_round_trip(void **state)
{
	struct trapframe tf = user_frame(), back = user_frame();
	struct sigcontext_abi sc;

	tf.eflags = 0x202 | 0x8C5;	/* OF DF SF PF CF */
	sigcontext_save(&sc, &tf, 0x1122334455667788ull, 0xdead);
	assert_int_equal(sc.oldmask, 0x55667788);
	assert_int_equal(sc.cr2, 0xdead);
	assert_int_equal(sc.esp_at_signal, tf.esp);
	memset(&back, 0, sizeof(back));
	back.eflags = 0x202;
	assert_int_equal(sigcontext_restore(&back, &sc), 0);
	assert_int_equal(back.eip, tf.eip);
	assert_int_equal(back.esp, tf.esp);
	assert_int_equal(back.eax, 7);
	assert_int_equal(back.edi, 1);
	assert_int_equal(back.ds, SEL_UDATA);
	assert_int_equal(back.eflags, tf.eflags);
}

/* Bug: sigreturn with a forged frame gives user code ring 0, IOPL 3,
 * virtual-8086 mode, or a selector that faults in the kernel's iret. */
static void test_sigcontext_restore_cannot_escalate(void **state)
{
	struct trapframe tf = user_frame(), orig;
	struct sigcontext_abi sc;

	sigcontext_save(&sc, &tf, 0, 0);
	sc.eflags = 0x3000 | 0x20000 | 0x4000 | 0x100;	/* IOPL VM NT TF */
	assert_int_equal(sigcontext_restore(&tf, &sc), 0);
	assert_int_equal(tf.cs, SEL_UCODE);
	assert_int_equal(tf.ss, SEL_UDATA);
	assert_int_equal(tf.eflags & (0x3000 | 0x20000 | 0x4000), 0);
	assert_true(tf.eflags & 0x200);
	assert_true(tf.eflags & 0x100);

	/* The kernel's selectors get RPL 3 and then fail the check. */
	uint16_t bad_cs[] = { SEL_KCODE, SEL_KDATA, SEL_UDATA, 0, 0x27,
			      SEL_TSS, TLS_SEL };
	for (unsigned i = 0; i < sizeof(bad_cs) / sizeof(bad_cs[0]); i++) {
		for (int which = 0; which < 2; which++) {
			tf = user_frame();
			orig = tf;
			sigcontext_save(&sc, &tf, 0, 0);
			if (which)
				sc.ss = bad_cs[i] == SEL_UDATA ? SEL_UCODE :
								 bad_cs[i];
			else
				sc.cs = bad_cs[i];
			sc.eax = 99;
			assert_int_equal(sigcontext_restore(&tf, &sc),
					 -EINVAL);
			assert_memory_equal(&tf, &orig, sizeof(tf));
		}
	}
}

/* Bug: a data selector that cannot be loaded (an emptied TLS slot, a
 * kernel or LDT selector) made the kernel's pop of it fault in ring 0.
 * Linux leaves such a register 0; a usable one stays. */
static void test_sigcontext_restore_bad_data_selector_reads_0(void **state)
{
	uint16_t bad[] = { SEL_KDATA, SEL_KCODE, 0x27 /* LDT */, SEL_TSS,
			   TLS_SEL, 0xfffb };
	struct trapframe tf;
	struct sigcontext_abi sc;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tf = user_frame();
		sigcontext_save(&sc, &tf, 0, 0);
		sc.gs = bad[i];
		sc.ds = bad[i];
		sc.eax = 99;
		model_tls_present = false;
		assert_int_equal(sigcontext_restore(&tf, &sc), 0);
		assert_int_equal(tf.gs, 0);
		assert_int_equal(tf.ds, 0);
		assert_int_equal(tf.es, SEL_UDATA);
		assert_int_equal(tf.eax, 99);
	}
	tf = user_frame();
	sigcontext_save(&sc, &tf, 0, 0);
	sc.gs = TLS_SEL;
	sc.fs = 0;			/* a null selector is fine */
	model_tls_present = true;
	assert_int_equal(sigcontext_restore(&tf, &sc), 0);
	assert_int_equal(tf.gs, TLS_SEL);
	assert_int_equal(tf.fs, 3);
	/* a present TLS slot is a writable data segment: a stack too */
	sc.ss = TLS_SEL;
	assert_int_equal(sigcontext_restore(&tf, &sc), 0);
	assert_int_equal(tf.ss, TLS_SEL);
	model_tls_present = false;
	assert_int_equal(sigcontext_restore(&tf, &sc), -EINVAL);
}

static void test_siginfo_fill_by_sender(void **state)
{
	struct siginfo_abi si;
	struct ksiginfo kill = { .code = SI_USER, .pid = 42, .uid = 1000 };
	struct ksiginfo chld = { .code = CLD_EXITED, .pid = 7, .uid = 5,
				 .status = 3 };
	struct ksiginfo segv = { .code = SEGV_MAPERR, .addr = 0x1234 };

	memset(&si, 0xAA, sizeof(si));
	siginfo_fill(&si, SIGUSR1, &kill);
	assert_int_equal(si.si_signo, SIGUSR1);
	assert_int_equal(si.si_errno, 0);
	assert_int_equal(si.si_code, SI_USER);
	assert_int_equal(si.si_fields[0], 42);
	assert_int_equal(si.si_fields[1], 1000);
	assert_int_equal(si.si_fields[28], 0);

	siginfo_fill(&si, SIGCHLD, &chld);
	assert_int_equal(si.si_code, CLD_EXITED);
	assert_int_equal(si.si_fields[0], 7);
	assert_int_equal(si.si_fields[2], 3);

	siginfo_fill(&si, SIGSEGV, &segv);
	assert_int_equal(si.si_code, SEGV_MAPERR);
	assert_int_equal(si.si_fields[0], 0x1234);
	assert_int_equal(si.si_fields[1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_layout_matches_i386),
		cmocka_unit_test(test_next_signal_prefers_faults_then_lowest),
		cmocka_unit_test(test_mask_change_never_blocks_kill_or_stop),
		cmocka_unit_test(test_default_actions_follow_signal7),
		cmocka_unit_test(test_discard_only_unblocked_ignored),
		cmocka_unit_test(test_frame_addr_is_abi_aligned_and_below_sp),
		cmocka_unit_test(test_on_altstack_bounds),
		cmocka_unit_test(test_restart_rules),
		cmocka_unit_test(test_sigcontext_round_trip),
		cmocka_unit_test(test_sigcontext_restore_cannot_escalate),
		cmocka_unit_test(
			test_sigcontext_restore_bad_data_selector_reads_0),
		cmocka_unit_test(test_siginfo_fill_by_sender),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
