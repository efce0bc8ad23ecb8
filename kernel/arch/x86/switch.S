/*
 * switch.S - kernel context switch and the first return of a new process.
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

/*
 * proc_first_return - where a new process's first context_switch lands.
 * The kernel stack holds, from esp up: the struct trapframe to enter user
 * mode with. sched_tail() finishes the switch (frees a dead predecessor),
 * then trap_return pops the frame and irets to ring 3.
 */
	.globl	proc_first_return
proc_first_return:
	call	sched_tail
	jmp	trap_return
