/*
 * kernel/arch/x86/backtrace.c - walk the frame-pointer chain and print it
 * with symbol names.
 *
 * Owns nothing; no locking (it only reads the stack). Relies on the kernel
 * being built with -fno-omit-frame-pointer, so every C frame starts with
 * "push %ebp; mov %esp, %ebp": [ebp] is the caller's ebp and [ebp + 4]
 * the return address (i386 System V ABI, 3.2 "Function calling sequence").
 * boot.S clears ebp before kmain, which ends the chain. Every frame
 * pointer is checked before it is read, so a corrupt chain ends the
 * backtrace instead of faulting inside a panic.
 */
#include "kernel.h"
#include "ksyms.h"
#include "arch/x86/backtrace.h"

/* Frames of one stack lie close together; a bigger jump means the chain
 * is corrupt. */
#define FRAME_MAX_STEP 0x10000u /* bytes */

/* Memory a kernel stack can live in: the direct map (boot stack, .bss)
 * and the guarded kernel-stack area. */
static bool sane_frame(uintptr_t fp)
{
	if (fp & 3)
		return false;
	if (fp >= KERNEL_VBASE &&
	    fp < KERNEL_VBASE + KERNEL_DIRECT_MAP_SIZE - 8)
		return true;
	return fp >= KSTACK_AREA_BASE &&
	       fp < KSTACK_AREA_BASE + KSTACK_AREA_SIZE - 8;
}

/* Print one line. A return address points after its call, which may be
 * past the end of a function that ends in a noreturn call: look up
 * addr - 1 for those. */
static void print_addr(uintptr_t addr, bool is_return)
{
	uintptr_t off, size;
	const char *name;

	name = ksym_lookup_size(addr - (is_return ? 1 : 0), &off, &size);
	if (!name) {
		printk("  [<%08lx>] ?\n", (unsigned long)addr);
		return;
	}
	if (is_return)
		off++;
	printk("  [<%08lx>] %s+%#lx/%#lx\n", (unsigned long)addr, name,
	       (unsigned long)off, (unsigned long)size);
}

static void walk(uintptr_t eip, uintptr_t ebp, bool eip_is_return)
{
	printk("Backtrace:\n");
	print_addr(eip, eip_is_return);
	for (int depth = 0; depth < BACKTRACE_MAX_DEPTH; depth++) {
		const uintptr_t *frame = (const uintptr_t *)ebp;
		uintptr_t next;

		if (ebp == 0)
			return;
		if (!sane_frame(ebp)) {
			printk("  (bad frame pointer %08lx)\n",
			       (unsigned long)ebp);
			return;
		}
		if (frame[1] == 0)
			return;
		print_addr(frame[1], true);
		next = frame[0];
		if (next != 0 && (next <= ebp || next - ebp > FRAME_MAX_STEP)) {
			printk("  (frame chain breaks at %08lx)\n",
			       (unsigned long)next);
			return;
		}
		ebp = next;
	}
	printk("  ...\n");
}

void backtrace_print(uintptr_t eip, uintptr_t ebp)
{
	walk(eip, ebp, false);
}

__attribute__((noinline)) void backtrace_here(void)
{
	const uintptr_t *fp = __builtin_frame_address(0);
	/* fp[0]: our caller's frame; its [1] returns into its caller. */
	const uintptr_t *caller = (const uintptr_t *)fp[0];

	if (!caller || !sane_frame((uintptr_t)caller))
		return;
	walk(caller[1], caller[0], true);
}
