/* Entry points into the kernel: boot, syscall, exceptions and interrupts; and the ways back. */
#include "gdt.h"
#include "uregs.h"

#define CPU_ENTRY_SIZE 32
#define E_KSTACK 0
#define E_USER_RSP 8
#define E_TRAP_STACK 24
#define TRAP_STACK_SIZE 4096 /* one page: see gdt.h */
#define FRAME_RSP (20 * 8)

	.section .text.entry, "ax"
	.globl _start
/* The monitor starts the boot CPU in long mode with %rdi = physical address of the boot page. */
_start:
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	call kmain
	ud2

/* Other CPUs: %rdi = CPU number, %rsi = the VIF page or 0, %rsp = its idle thread's stack. */
	.globl ap_start
ap_start:
	testq %rsi, %rsi
	jz 1f
	movl $0x4b564d10, %ecx
	movl %esi, %eax
	shrq $32, %rsi
	movl %esi, %edx
	wrmsr
1:	xorl %ebp, %ebp
	call ap_main
	ud2

	.text
/*
 * syscall from the ring-0 program: RCX = return RIP, R11 = RFLAGS, interrupts
 * masked, and we are still on the program's stack, whose red zone is live.
 * Each CPU has its own entry (LSTAR) that knows where its state is, so the
 * stack switch writes nothing but that CPU's slot. The frame is a struct uregs
 * on the thread's kernel stack, as for an interrupt.
 */
	.macro syscall_stub n
syscall_entry_\n:
	movq %rsp, cpu_entries + \n * CPU_ENTRY_SIZE + E_USER_RSP(%rip)
	movq cpu_entries + \n * CPU_ENTRY_SIZE + E_KSTACK(%rip), %rsp
	pushq $GDT_DATA
	pushq cpu_entries + \n * CPU_ENTRY_SIZE + E_USER_RSP(%rip)
	jmp syscall_common
	.endm

	.altmacro
	.set n, 0
	.rept MAX_CPUS
	syscall_stub %n
	.set n, n + 1
	.endr

syscall_common:
	pushq %r11
	pushq $GDT_CODE
	pushq %rcx
	pushq $0
	pushq $SYSCALL_VECTOR
	push_regs
	movq %rsp, %rdi
	call syscall_dispatch
	/* 0: the frame was rewritten (a signal, sigreturn), leave through iretq. */
	testq %rax, %rax
	jz trap_return
	pop_regs
	/*
	 * The saved flags, the program's stack and a jump: sysret would drop to
	 * ring 3. An interrupt after the stack switch is taken as one from the
	 * program (see trap_common), so the kernel stack is never in use when it
	 * comes.
	 */
	movq 16(%rsp), %rcx
	addq $32, %rsp
	movq (%rsp), %r11
	popfq
	popq %rsp
	jmp *%rcx

/* Exceptions and interrupts: push a dummy error code where the CPU pushes none, then the vector. */
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

	.set vec, 0
	.rept VEC_COUNT
	trap_stub %vec
	.set vec, vec + 1
	.endr

/*
 * On the CPU's IST stack, whose top slot points to its struct cpu_entry. The
 * frame moves to a kernel stack before anything else runs, so that a thread
 * can be switched away in the middle of it: the running thread's stack top
 * when the program was interrupted (judged by RSP: the program's stack is
 * below the kernel's half), else just below the interrupted kernel RSP
 * (the kernel has no red zone).
 */
trap_common:
	push_regs
	movq FRAME_RSP(%rsp), %rax
	movq FRAME_SIZE(%rsp), %rcx
	movq E_TRAP_STACK(%rcx), %rdx
	subq %rax, %rdx
	cmpq $TRAP_STACK_SIZE, %rdx
	jae 0f
	/*
	 * On the exception stack: an interrupt cut an exception's entry (PVM
	 * delivers exceptions with interrupts on). Its frame goes where that
	 * exception's will, judged by the RSP the exception saved.
	 */
	movq E_TRAP_STACK(%rcx), %rax
	movq -16(%rax), %rax
0:	movabsq $KERNEL_VBASE, %rdx
	cmpq %rdx, %rax
	jae 1f
	movq E_KSTACK(%rcx), %rdi
	jmp 2f
1:	andq $-16, %rax
	movq %rax, %rdi
2:	subq $FRAME_SIZE, %rdi
	movq %rsp, %rsi
	movq %rdi, %rdx
	movl $FRAME_SIZE / 8, %ecx
	cld
	rep movsq
	movq %rdx, %rsp
	movq %rsp, %rdi
	call trap
	.globl trap_return
trap_return:
	pop_regs
	addq $16, %rsp
	iretq

	.macro entry_addr name, n
	.quad \name\()_\n
	.endm

	.section .rodata
	.globl trap_stubs
	.align 8
trap_stubs:
	.set vec, 0
	.rept VEC_COUNT
	entry_addr trap_stub, %vec
	.set vec, vec + 1
	.endr
	.globl syscall_entries
syscall_entries:
	.set n, 0
	.rept MAX_CPUS
	entry_addr syscall_entry, %n
	.set n, n + 1
	.endr

	.text
/*
 * switch_context(&prev_rsp, next_rsp): the callee-saved registers on the old
 * stack, then the new stack's. A new thread's stack holds zeros and
 * thread_entry as the return address.
 */
	.globl switch_context
switch_context:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* A new thread's first run: its struct uregs is at the top of its stack. */
	.globl thread_entry
thread_entry:
	call thread_first_run
	jmp trap_return

/* irq_wait(wake, vif): see irq.h. */
	.globl irq_wait, irq_wait_start, irq_wait_end
irq_wait:
	testq %rsi, %rsi
	jz 1f
	movq $1, (%rsi)
	jmp irq_wait_start
1:	sti
irq_wait_start:
	cmpq $0, (%rdi)
	jne irq_wait_end
	hlt
irq_wait_end:
	ret

	.bss
	.align KSTACK_SIZE
	.globl boot_stack
boot_stack:
	.skip KSTACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
