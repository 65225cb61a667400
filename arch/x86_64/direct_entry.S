/*
 * The direct entry: rewritten programs (cocoon-rewrite) reach it with
 * `call *SLOT(%rip)` where they had a syscall instruction, and it behaves as
 * that instruction does: RAX the number, arguments in RDI RSI RDX R10 R8 R9,
 * RCX and R11 clobbered (the return address and the flags), every other
 * register kept. It saves the same frame as the syscall entry, with the
 * return address the call pushed as RIP, the stack pointer after popping it
 * as RSP, and the call's size as the error word so that a restarted syscall
 * runs the call again.
 *
 * The thread's kernel stack top is its GS base (kernel/proc/direct_syscall.c): no
 * CPU number is needed, so an interrupt or a preemption anywhere in here
 * finds nothing half-done. The flags the syscall instruction masks
 * (cpu.c's SFMASK) are masked here too, with popfq only when one is set.
 * It leaves with ret through the return address still on the program's
 * stack, so that the CPU's return predictions stay paired with the calls.
 */
#include "gdt.h"
#include "uregs.h"
#include "cocoon/direct_syscall.h"

#define MASKED_FLAGS (0x100 | 0x400 | 0x4000 | 0x40000) /* TF DF NT AC */

	.text
	.globl syscall_direct
syscall_direct:
	movq %rsp, %rcx
	rdgsbase %rsp
	pushq $GDT_DATA
	leaq 8(%rcx), %r11
	pushq %r11
	pushfq
	movq (%rsp), %r11
	testq $MASKED_FLAGS, %r11
	jnz mask_flags
flags_masked:
	movq (%rcx), %rcx
	pushq $GDT_CODE
	pushq %rcx
	pushq $COCOON_DIRECT_CALL_SIZE
	pushq $SYSCALL_VECTOR
	push_regs
	movq %rsp, %rdi
	call syscall_dispatch
	/* 0: the frame was rewritten (a signal, sigreturn), leave through iretq. */
	testq %rax, %rax
	jz trap_return
	pop_regs
	/* RIP in the return slot (a restart may have moved it), the flags, then the program's stack. */
	movq 16(%rsp), %rcx
	movq 40(%rsp), %r11
	movq %rcx, -8(%r11)
	pushq 32(%rsp)
	popfq
	movq 32(%rsp), %r11
	movq 40(%rsp), %rsp
	leaq -8(%rsp), %rsp
	ret

mask_flags:
	pushq %r11
	andq $~MASKED_FLAGS, (%rsp)
	popfq
	jmp flags_masked

	.section .note.GNU-stack, "", @progbits
