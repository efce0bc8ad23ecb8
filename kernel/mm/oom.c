/*
 * kernel/mm/oom.c - what the memory layer does when frames run out.
 *
 * Owns the OOM handler pointer (set once at boot by kernel/proc/oom.c,
 * which knows the process table and so chooses the victim) and the OOM
 * counters /dev/kstat shows. The rules for each allocation site are in
 * docs/security.md ("Memory exhaustion"); in short:
 *  - a page fault from ring 3 (demand zero, copy-on-write) must not fail
 *    for want of memory: mm_fault_oom runs the killer, waits for the
 *    victim to exit and retries, and only when the faulter is itself the
 *    largest (or the only one left) does the faulter die;
 *  - a kernel access to user memory (uaccess.c) may be in the middle of
 *    work on shared state, so it never sleeps: it signals a victim and
 *    fails with -EFAULT, as Linux's copy_to_user does on VM_FAULT_OOM;
 *  - system calls (fork, exec, pipe writes) run the killer once, waiting,
 *    and return -ENOMEM if memory is still short;
 *  - brk and mmap allocate no frames (pages come at the first touch, and
 *    MAP_POPULATE is ignored), so they have no out-of-frames case;
 *  - other kernel allocations fail their system call with -ENOMEM.
 * The last frames are a reserve that only some callers get (pmm.c).
 * Locking: none of its own; the handler runs in process context with
 * interrupts on (it takes them off around table walks).
 */
#include "kernel.h"
#include "errno.h"
#include "mm.h"
#include "vm.h"

static oom_handler_t oom_handler;
static uint32_t oom_events, oom_kills;

/* mm_set_oom_handler - install the killer (once, at boot). */
void mm_set_oom_handler(oom_handler_t h)
{
	oom_handler = h;
}

/* mm_out_of_memory - see mm.h. */
int mm_out_of_memory(const char *site, bool wait)
{
	oom_events++;
	if (!oom_handler)
		return -ENOMEM;
	return oom_handler(site, wait);
}

/*
 * mm_fault_oom - see mm.h. A retry after -EAGAIN (the victim did not
 * exit within OOM_WAIT_MS) counts as one of the OOM_RETRIES, so a fault
 * ends after at most OOM_RETRIES * OOM_WAIT_MS.
 */
int mm_fault_oom(struct vm_space *vm, uint32_t va, bool write, bool present)
{
	int r, i;

	for (i = 0;; i++) {
		r = vm_user_fault(vm, va, write, present);
		if (r != -ENOMEM || i == OOM_RETRIES)
			return r;
		if (mm_out_of_memory("page fault", true) == -ENOMEM)
			return -ENOMEM;
	}
}

uint32_t mm_oom_events(void)
{
	return oom_events;
}

uint32_t mm_oom_kills(void)
{
	return oom_kills;
}

/* mm_oom_count_kill - the handler has sent one victim SIGKILL. */
void mm_oom_count_kill(void)
{
	oom_kills++;
}
