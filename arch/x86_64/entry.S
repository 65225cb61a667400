/* Entry points into the kernel: boot, syscall, exceptions; and the jump into the application. */
#include "gdt.h"

	.section .text.entry, "ax"
	.globl _start
/* The monitor starts us in long mode with %rdi = physical address of the boot page. */
_start:
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	call kmain
	ud2

	.text
/*
 * syscall from the ring-0 application: RCX = return RIP, R11 = RFLAGS, and we
 * are still on the application's stack, whose red zone is live. Switch stacks
 * before writing anything, keep every register but RAX, RCX and R11, and go
 * back with the saved flags and a jump instead of sysret (which would drop to
 * ring 3).
 */
	.globl syscall_entry
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	leaq syscall_stack_top(%rip), %rsp
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq %rcx
	pushq %rax
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
	movq %rsp, %rdi
	call syscall_dispatch
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	addq $8, %rsp
	popq %rcx
	movq (%rsp), %r11
	popfq
	popq %rsp
	jmp *%rcx

/* Exceptions: push a dummy error code where the CPU pushes none, then the vector. */
	.macro trap_stub vec
	.align 16
trap_stub_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
	.endm

	.altmacro
	.set vec, 0
	.rept 32
	trap_stub %vec
	.set vec, vec + 1
	.endr

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call trap
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
	iretq

	.macro trap_addr vec
	.quad trap_stub_\vec
	.endm

	.section .rodata
	.globl trap_stubs
	.align 8
trap_stubs:
	.set vec, 0
	.rept 32
	trap_addr %vec
	.set vec, vec + 1
	.endr

	.text
/*
 * enter_app(entry, sp): start the application as Linux starts a static
 * program: clean x87 state, all registers zero but RSP, interrupts on.
 */
	.globl enter_app
enter_app:
	fninit
	pushq $GDT_DATA
	pushq %rsi
	pushq $0x202
	pushq $GDT_CODE
	pushq %rdi
	xorl %eax, %eax
	xorl %ebx, %ebx
	xorl %ecx, %ecx
	xorl %edx, %edx
	xorl %esi, %esi
	xorl %edi, %edi
	xorl %ebp, %ebp
	xorl %r8d, %r8d
	xorl %r9d, %r9d
	xorl %r10d, %r10d
	xorl %r11d, %r11d
	xorl %r12d, %r12d
	xorl %r13d, %r13d
	xorl %r14d, %r14d
	xorl %r15d, %r15d
	iretq

	.bss
	.align 16
boot_stack:
	.skip 16384
boot_stack_top:
syscall_stack:
	.skip 32768
syscall_stack_top:
syscall_user_rsp:
	.skip 8

	.section .note.GNU-stack, "", @progbits
