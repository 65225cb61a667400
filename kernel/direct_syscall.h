/*
 * Syscalls of rewritten programs made by a call into the kernel rather than the
 * syscall instruction (arch/x86_64/direct_entry.S), and the GS base it relies on.
 */
#ifndef KERNEL_DIRECT_SYSCALL_H
#define KERNEL_DIRECT_SYSCALL_H

#include <linux/elf.h>
#include <stdint.h>

#include "arch/x86_64/uregs.h"
#include "cocoon/direct_syscall.h"

struct thread;

/* After the program's segments are loaded at BASE: if its program headers PH name
 * cocoon-rewrite's note, point the slot it gives at the direct entry. */
void direct_syscall_setup(const Elf64_Phdr *ph, unsigned phnum, uint64_t base);

/* Size of the instruction that made the syscall saved in F: run it again to restart. */
static inline uint64_t syscall_insn_size(const struct uregs *f)
{
	return f->error == COCOON_DIRECT_CALL_SIZE ? COCOON_DIRECT_CALL_SIZE : 2;
}

/*
 * The program's GS base. While the direct entry is in use the CPU's GS base is the
 * running thread's kernel stack top instead, and the program's value is kept in the
 * thread; setting one gives the CPU's GS base back to the program and the slot to the
 * stub that makes the syscall with the syscall instruction.
 */
uint64_t gs_base_of_current(void);
void gs_base_set(uint64_t v);
/* Load the CPU's GS base for thread T about to run. */
void gs_base_load(const struct thread *t);

#endif
