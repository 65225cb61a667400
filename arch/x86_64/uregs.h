/* The program's registers as every entry from it saves them (entry.S builds this). */
#ifndef ARCH_X86_64_UREGS_H
#define ARCH_X86_64_UREGS_H

#include <stdint.h>

#define SYSCALL_VECTOR 0x100 /* the vector of a frame saved by the syscall entry */

struct uregs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

_Static_assert(sizeof(struct uregs) == 176, "entry.S's FRAME_SIZE");

#endif
