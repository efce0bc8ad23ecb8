/*
 * kernel/sys/sys_tls.c - set_thread_area(2) and get_thread_area(2): the
 * per-thread TLS descriptor musl's start-up code asks for (and clone's
 * CLONE_SETTLS gives a new thread, thread.c), loaded into GDT slot
 * GDT_ENTRY_TLS_MIN on every switch to the task (sched.c).
 *
 * Owns nothing; current->tls_base/tls_limit hold the task's copy.
 * One TLS slot per task (musl and glibc use one); asking for another
 * slot number is -EINVAL. Source: set_thread_area(2), struct user_desc
 * in <asm/ldt.h>.
 *
 * Emptying or changing the slot a segment register of the caller still
 * holds (musl keeps %gs on it) must not make the way back to ring 3
 * fault: the caller's saved selectors are checked against the new
 * descriptor before the return. As on Linux (do_set_thread_area reloads
 * them), a data register left naming an unusable descriptor reads 0
 * afterwards; an %ss left so gets SIGSEGV, Linux's failed iret.
 */
#include "kernel.h"
#include "errno.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "uaccess.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"
#include "uapi/ldt.h"

/*
 * sys_set_thread_area - set_thread_area(2): fill TLS slot
 * GDT_ENTRY_TLS_MIN from *uinfo (entry_number -1 picks it and is written
 * back). 0, -EFAULT, or -EINVAL (another slot, a limit above 4 GiB).
 */
long sys_set_thread_area(struct user_desc __user *uinfo)
{
	struct user_desc d;
	uint32_t pages, f;

	if (copy_from_user(&d, uinfo, sizeof(d)))
		return -EFAULT;
	if (d.entry_number == (uint32_t)-1)
		d.entry_number = GDT_ENTRY_TLS_MIN;
	if (d.entry_number != GDT_ENTRY_TLS_MIN)
		return -EINVAL;
	pages = d.flags & UD_LIMIT_IN_PAGES ? d.limit : d.limit >> 12;
	if (pages > 0xFFFFF)
		return -EINVAL;
	if (put_user_u32(&uinfo->entry_number, d.entry_number))
		return -EFAULT;
	f = irq_save();
	current->tls_base = d.base_addr;
	current->tls_limit = pages;
	current->tls_present = !(d.flags & UD_NOT_PRESENT);
	gdt_set_tls(GDT_ENTRY_TLS_MIN, d.base_addr, pages,
		    current->tls_present);
	if (user_selectors_fix(current->tf))
		signal_fault_info(SIGSEGV, SI_KERNEL, 0);
	irq_restore(f);
	return 0;
}

/* sys_get_thread_area - get_thread_area(2): the slot as
 * set_thread_area left it. 0, -EFAULT, -EINVAL (another slot). */

long sys_get_thread_area(struct user_desc __user *uinfo)
{
	struct user_desc d;

	if (get_user_u32(&d.entry_number, &uinfo->entry_number))
		return -EFAULT;
	if (d.entry_number != GDT_ENTRY_TLS_MIN)
		return -EINVAL;
	d.base_addr = current->tls_base;
	d.limit = current->tls_limit;
	d.flags = 1 | UD_LIMIT_IN_PAGES |
		  (current->tls_present ? 0 : UD_NOT_PRESENT);
	return copy_to_user(uinfo, &d, sizeof(d)) ? -EFAULT : 0;
}
