/*
 * kernel/arch/x86/vectors.S - interrupt and exception entry.
 *
 * Owns the per-vector stubs (0..47 and 0x80), the table of their
 * addresses (trap_vectors, read by idt.c) and the common entry that
 * builds struct trapframe (trap.h).
 *
 * On entry the CPU has pushed (SDM vol. 3, 6.12.1, figure 6-4):
 *   from ring 3:  ss, esp, eflags, cs, eip [, error code]
 *   from ring 0:           eflags, cs, eip [, error code]
 * A stub pushes 0 when the CPU pushes no error code, so every frame has the
 * same shape, then the vector number. The common entry then pushes the
 * general registers (pushal) and ds, es, fs, gs - the trapframe from
 * gs (lowest address) to ss - loads the kernel data segments, and calls
 * trap_dispatch(tf). trap_return undoes all of it and irets.
 *
 * Every instruction of trap_return that loads a selector (the four pops
 * and the iret) has an exception-table entry (extable.h): the selectors
 * of a user frame are checked before they get here (user_selectors_fix),
 * and should one still fault, the fault becomes a #GP of the process
 * (SIGSEGV) instead of a kernel panic. The entry's word is how much of
 * the trapframe was popped when the instruction ran.
 */
#include "extable.h"

#define SEL_KDATA	0x10

/*
 * One stub per vector 0..47, each followed by its address in trap_vectors.
 * The CPU pushes an error code for vectors 8, 10..14, 17, 21, 29 and 30
 * (SDM vol. 3, 6.15); the others push 0 in its place.
 */
	.text
	.align	4
	.globl	trap_stubs
trap_stubs:
	.section .rodata
	.align	4
	.globl	trap_vectors
trap_vectors:
	.set	v, 0
	.rept	48
	.text
	.align	4
1:
	.if	!((v == 8) || ((v >= 10) && (v <= 14)) || (v == 17) || \
		  (v == 21) || (v == 29) || (v == 30))
	pushl	$0
	.endif
	pushl	$v
	jmp	alltraps
	.section .rodata
	.long	1b
	.set	v, v + 1
	.endr

	.text
	.align	4
	.globl	trap_vector_syscall
trap_vector_syscall:		/* int $0x80: no error code */
	pushl	$0
	pushl	$0x80
	jmp	alltraps

	.align	4
alltraps:
	pushal
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	movw	$SEL_KDATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	cld
	pushl	%esp			/* struct trapframe *tf */
	call	trap_dispatch
	addl	$4, %esp

/*
 * trap_return - with esp pointing at a struct trapframe, restore it and
 * iret. Also the way into user mode for the first time: build a frame with
 * user cs/ss/esp/eip and eflags.IF, point esp at it, and jump here.
 */
	.globl	trap_return
trap_return:
.Lpop_gs:
	popl	%gs
.Lpop_fs:
	popl	%fs
.Lpop_es:
	popl	%es
.Lpop_ds:
	popl	%ds
	popal
	addl	$8, %esp		/* trapno and error code */
.Liret:
	iret
	EXTABLE(.Lpop_gs, 0, EX_USER_RETURN)
	EXTABLE(.Lpop_fs, 4, EX_USER_RETURN)
	EXTABLE(.Lpop_es, 8, EX_USER_RETURN)
	EXTABLE(.Lpop_ds, 12, EX_USER_RETURN)
	EXTABLE(.Liret, 16 + 32 + 8, EX_USER_RETURN)

/* void trap_resume_user(struct trapframe *tf): return to ring 3 through
 * tf, dropping everything on the stack below it. */
	.globl	trap_resume_user
trap_resume_user:
	movl	4(%esp), %esp
	jmp	trap_return
