/*
 * The direct entry: rewritten programs (cocoon-rewrite) reach it with
 * `call *SLOT(%rip)` where they had a syscall instruction, and it behaves as
 * that instruction does: RAX the number, arguments in RDI RSI RDX R10 R8 R9,
 * RCX and R11 clobbered (the return address and the flags), every other
 * register kept. It saves the same frame as the syscall entry, with the
 * return address the call pushed as RIP, the stack pointer after popping it
 * as RSP, and the call's size as the error word so that a restarted syscall
 * runs the call again; the syscall entry's exit path takes the program back.
 *
 * The thread's kernel stack top is its GS base (kernel/direct_syscall.c): no
 * CPU number is needed, so an interrupt or a preemption anywhere in here
 * finds nothing half-done. The flags the syscall instruction masks
 * (cpu.c's SFMASK) are masked here too.
 */
#include "gdt.h"
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
	pushq (%rsp)
	andq $~MASKED_FLAGS, (%rsp)
	popfq
	movq (%rsp), %r11
	movq (%rcx), %rcx
	pushq $GDT_CODE
	pushq %rcx
	pushq $COCOON_DIRECT_CALL_SIZE
	jmp syscall_frame

	.section .note.GNU-stack, "", @progbits
