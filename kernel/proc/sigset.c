/*
 * kernel/proc/sigset.c - the pure rules of signals: default actions,
 * which signal goes next, mask changes, frame placement, the restart
 * rule, and the translation between a trap frame and the i386 sigcontext
 * (signal(7); Linux kernel/signal.c and arch/x86/kernel/signal_32.c).
 *
 * Owns no state and takes no locks: every function works on its
 * arguments only, but for the selector checks, which ask the live GDT
 * (gdt_user_selector_ok, that the host unit tests in
 * tests/unit/test_signal.c model), so the tests run the rest as is.
 * Invariant kept by every mask it returns: SIGKILL and SIGSTOP are never
 * blocked.
 */
#include <stddef.h>

#include "errno.h"
#include "proc.h"
#include "sigframe.h"
#include "signal.h"
#include "arch/x86/eflags.h"
#include "arch/x86/gdt.h"
#include "arch/x86/trap.h"

/* What sigreturn may take from user memory (Linux FIX_EFLAGS). */
#define FL_USER_CHANGEABLE                                                     \
	(EFLAGS_AC | EFLAGS_OF | EFLAGS_DF | EFLAGS_TF | EFLAGS_SF |           \
	 EFLAGS_ZF | EFLAGS_AF | EFLAGS_PF | EFLAGS_CF | EFLAGS_RF)

#define SIG_DEFAULT_IGNORE                                                     \
	(SIGBIT(SIGCHLD) | SIGBIT(SIGCONT) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH))
#define SIG_DEFAULT_STOP                                                       \
	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SIG_DEFAULT_CORE                                                       \
	(SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) |                  \
	 SIGBIT(SIGABRT) | SIGBIT(SIGFPE) | SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | \
	 SIGBIT(SIGSYS) | SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ))

/* signal_default_action - see signal.h; signal(7) "Standard signals".
 * Real-time signals terminate. */
enum sig_default signal_default_action(int sig)
{
	uint64_t bit = SIGBIT(sig);

	if (sig == SIGCONT)
		return SIG_DEF_CONT;
	if (bit & SIG_DEFAULT_IGNORE)
		return SIG_DEF_IGNORE;
	if (bit & SIG_DEFAULT_STOP)
		return SIG_DEF_STOP;
	if (bit & SIG_DEFAULT_CORE)
		return SIG_DEF_CORE;
	return SIG_DEF_TERM;
}

/* signal_discarded - see signal.h (Linux sig_ignored, sig_handler_ignored).
 * A blocked signal is kept because the handler may change before it is
 * unblocked. */
bool signal_discarded(const struct k_sigaction *action, uint64_t blocked,
		      int sig)
{
	uint32_t handler = action[sig - 1].handler;

	if (blocked & SIGBIT(sig))
		return false;
	if (handler == SIG_IGN)
		return true;
	return handler == SIG_DFL && (SIGBIT(sig) & SIG_DEFAULT_IGNORE);
}

static int lowest_bit(uint64_t set)
{
	return set ? __builtin_ctzll(set) + 1 : 0;
}

/* signal_next - see signal.h. */
int signal_next(uint64_t pending, uint64_t blocked)
{
	uint64_t ready = pending & ~blocked;

	if (ready & SIG_SYNCHRONOUS)
		return lowest_bit(ready & SIG_SYNCHRONOUS);
	return lowest_bit(ready);
}

/* signal_mask_change - see signal.h; rt_sigprocmask(2). */
int signal_mask_change(uint64_t *blocked, int how, uint64_t set)
{
	switch (how) {
	case SIG_BLOCK:
		*blocked |= set;
		break;
	case SIG_UNBLOCK:
		*blocked &= ~set;
		break;
	case SIG_SETMASK:
		*blocked = set;
		break;
	default:
		return -EINVAL;
	}
	*blocked &= ~SIG_UNBLOCKABLE;
	return 0;
}

/* signal_frame_addr - see signal.h (Linux align_sigframe, i386). */
uint32_t signal_frame_addr(uint32_t sp, uint32_t size)
{
	return ((sp - size + 4) & ~15u) - 4;
}

/* signal_on_altstack - see signal.h (Linux on_sig_stack: a stack grows
 * down, so its top byte base + size - 1 still counts, and sp == base + size
 * is "just pushed nothing yet"). */
bool signal_on_altstack(uint32_t sp, uint32_t base, uint32_t size)
{
	return size && sp > base && sp - base <= size;
}

static void restart_syscall(struct trapframe *tf, int32_t nr)
{
	tf->eax = (uint32_t)nr;
	tf->eip -= 2; /* back over int $0x80 (cd 80) */
}

/* signal_fix_restart - see signal.h. */
void signal_fix_restart(struct trapframe *tf, int32_t nr, bool handler,
			uint32_t sa_flags)
{
	int32_t ret = (int32_t)tf->eax;

	if (tf->trapno != T_SYSCALL || nr < 0)
		return;
	if (ret == -ERESTARTNOHAND) {
		if (handler)
			tf->eax = (uint32_t)-EINTR;
		else
			restart_syscall(tf, nr);
	} else if (ret == -ERESTARTSYS) {
		if (handler && !(sa_flags & SA_RESTART))
			tf->eax = (uint32_t)-EINTR;
		else
			restart_syscall(tf, nr);
	}
}

/* sigcontext_save - see signal.h (Linux setup_sigcontext, i386). */
void sigcontext_save(struct sigcontext_abi *sc, const struct trapframe *tf,
		     uint64_t oldmask, uint32_t cr2)
{
	*sc = (struct sigcontext_abi){
		.gs = (uint16_t)tf->gs,
		.fs = (uint16_t)tf->fs,
		.es = (uint16_t)tf->es,
		.ds = (uint16_t)tf->ds,
		.edi = tf->edi,
		.esi = tf->esi,
		.ebp = tf->ebp,
		.esp = tf->esp,
		.ebx = tf->ebx,
		.edx = tf->edx,
		.ecx = tf->ecx,
		.eax = tf->eax,
		.trapno = tf->trapno,
		.err = tf->err,
		.eip = tf->eip,
		.cs = (uint16_t)tf->cs,
		.eflags = tf->eflags,
		.esp_at_signal = tf->esp,
		.ss = (uint16_t)tf->ss,
		.fpstate = 0,
		.oldmask = (uint32_t)oldmask,
		.cr2 = cr2,
	};
}

/* user_selectors_fix - see signal.h. */
int user_selectors_fix(struct trapframe *tf)
{
	uint32_t *data[] = {&tf->ds, &tf->es, &tf->fs, &tf->gs};

	if (!gdt_user_selector_ok(tf->cs, SEG_USE_CODE) ||
	    !gdt_user_selector_ok(tf->ss, SEG_USE_STACK))
		return -EINVAL;
	for (unsigned i = 0; i < sizeof(data) / sizeof(data[0]); i++)
		if (!gdt_user_selector_ok(*data[i], SEG_USE_DATA))
			*data[i] = 0;
	return 0;
}

/* sigcontext_restore - see signal.h (Linux restore_sigcontext, i386, and
 * ia32_restore_sigcontext: every selector gets RPL 3). */
int sigcontext_restore(struct trapframe *tf, const struct sigcontext_abi *sc)
{
	struct trapframe n = *tf;

	n.gs = sc->gs | 3u;
	n.fs = sc->fs | 3u;
	n.es = sc->es | 3u;
	n.ds = sc->ds | 3u;
	n.edi = sc->edi;
	n.esi = sc->esi;
	n.ebp = sc->ebp;
	n.esp = sc->esp;
	n.ebx = sc->ebx;
	n.edx = sc->edx;
	n.ecx = sc->ecx;
	n.eax = sc->eax;
	n.eip = sc->eip;
	n.cs = sc->cs | 3u;
	n.ss = sc->ss | 3u;
	n.eflags = (n.eflags & ~FL_USER_CHANGEABLE) |
		   (sc->eflags & FL_USER_CHANGEABLE);
	n.eflags = (n.eflags | EFLAGS_IF | EFLAGS_FIXED) &
		   ~(EFLAGS_IOPL | EFLAGS_NT | EFLAGS_VM);
	if (user_selectors_fix(&n))
		return -EINVAL;
	*tf = n;
	return 0;
}

static bool is_fault_signal(int sig)
{
	return (SIGBIT(sig) & SIG_SYNCHRONOUS) && sig != SIGSYS;
}

/* siginfo_fill - see signal.h. The union member follows the sender:
 * kill and tkill give pid and uid, SIGCHLD pid, uid and status, a fault
 * its address (asm-generic/siginfo.h, _kill, _sigchld, _sigfault). */
void siginfo_fill(struct siginfo_abi *out, int sig, const struct ksiginfo *info)
{
	*out = (struct siginfo_abi){.si_signo = sig, .si_code = info->code};
	if (info->code <= 0) {
		out->si_fields[0] = (uint32_t)info->pid;
		out->si_fields[1] = info->uid;
	} else if (sig == SIGCHLD) {
		out->si_fields[0] = (uint32_t)info->pid;
		out->si_fields[1] = info->uid;
		out->si_fields[2] = (uint32_t)info->status;
	} else if (is_fault_signal(sig)) {
		out->si_fields[0] = info->addr;
	}
}
