/* The program's registers as every entry from it saves them (entry.S builds this). */
#ifndef ARCH_X86_64_UREGS_H
#define ARCH_X86_64_UREGS_H

#define SYSCALL_VECTOR 0x100 /* the vector of a frame saved by the syscall entry */
#define FRAME_SIZE 176       /* struct uregs: 15 registers, vector, error, the CPU's 5 words */

#ifdef __ASSEMBLER__
/* The general registers in struct uregs order, saved and restored. */
	.macro push_regs
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
	.endm

	.macro pop_regs
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
	.endm
#else
#include <stdint.h>

struct uregs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct uregs) == FRAME_SIZE, "the entry code's frame");
#endif

#endif
