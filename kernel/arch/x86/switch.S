/*
 * switch.S - the kernel context switch. A new process's first switch
 * returns into sched_tail (its stack is laid out by proc_setup_kstack).
 *
 * void context_switch(struct context **old, struct context *new)
 *   Saves the callee-saved registers (cdecl: ebp, ebx, esi, edi) and the
 *   return address on the current stack, stores that stack pointer in
 *   *old, then loads new's stack and returns into it. The layout pushed
 *   here is struct context in proc.h: edi, esi, ebx, ebp, eip (low to high).
 *   Called with interrupts off; returns, later, with interrupts off.
 */
	.text
	.globl	context_switch
context_switch:
	movl	4(%esp), %eax
	movl	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
