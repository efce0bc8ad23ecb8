/*
 * kernel/sys/syscall.c - dispatch int $0x80 to the sys_* entry points.
 *
 * Owns the "unknown number already logged" bitmap. Runs on the calling
 * process's kernel stack with interrupts on. The number is checked against
 * NR_SYSCALLS before it indexes the table; unknown numbers (out of range or
 * empty slots) return -ENOSYS and are logged once each.
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "syscall.h"
#include "arch/x86/trap.h"

#define LOGGED_MAX 512 /* numbers tracked for log-once */

static uint32_t logged[LOGGED_MAX / 32];

static bool logged_big; /* some number >= LOGGED_MAX was logged */

/* Log an unknown number once; numbers past LOGGED_MAX share one line, so
 * no program can flood the console. */
static void log_unknown_once(uint32_t nr)
{
	if (nr < LOGGED_MAX) {
		if (logged[nr / 32] & (1u << (nr % 32)))
			return;
		logged[nr / 32] |= 1u << (nr % 32);
	} else {
		if (logged_big)
			return;
		logged_big = true;
		printk("syscall: unknown number %u (ENOSYS; larger unknown "
		       "numbers are not logged again)\n",
		       nr);
		return;
	}
	printk("syscall: unknown number %u (ENOSYS)\n", nr);
}

/*
 * syscall_dispatch - run the system call whose number is tf->eax and put
 * its result in tf->eax; the number stays in current->syscall_nr for
 * signal delivery to restart an interrupted call (signal.h ERESTARTSYS).
 * Linux i386 ABI (arch/x86/entry/syscalls).
 */
void syscall_dispatch(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	syscall_fn_t fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	/* Kept for a restart after a signal (Linux orig_eax); eax is
	 * overwritten by the result below. */
	current->syscall_nr = fn ? (int32_t)nr : -1;
	if (!fn) {
		log_unknown_once(nr);
		tf->eax = (uint32_t)-ENOSYS;
		return;
	}
	tf->eax = (uint32_t)fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi,
			       tf->ebp);
}

/* syscall_init - route int $0x80 (a DPL-3 trap gate: interrupts stay on)
 * to syscall_dispatch. */
void syscall_init(void)
{
	trap_register(T_SYSCALL, syscall_dispatch);
}
