/*
 * Syscalls of rewritten programs made by a call into the kernel rather than the
 * syscall instruction (arch/x86_64/direct_entry.S), and the GS base it relies on.
 */
#ifndef KERNEL_DIRECT_SYSCALL_H
#define KERNEL_DIRECT_SYSCALL_H

#include <asm/unistd.h>
#include <linux/elf.h>
#include <stdint.h>

#include "arch/x86_64/fpu.h"
#include "arch/x86_64/uregs.h"
#include "cocoon/direct_syscall.h"
#include "cocoon/hypercall.h"
#include "kernel/sched/current.h"

struct file;
struct proc;
struct thread;

/* A new program (execve, the first one): no table filled; usable unless the CPU lacks FSGSBASE. */
void direct_syscall_exec(struct proc *p);

/* After the program's segments are loaded at BASE: if its program headers PH name
 * cocoon-rewrite's note, fill the slots it gives with the kernel's entries. Returns how
 * many headers the program is shown (AT_PHNUM): cocoon-rewrite's segment and note are
 * left out, in its ELF header at EHDR and its headers at PHDR too (0: not loaded). */
unsigned direct_syscall_setup(const Elf64_Phdr *ph, unsigned phnum, uint64_t base, uint64_t ehdr, uint64_t phdr);

/* The interpreter's segments are loaded at BASE: its span is the loader's; fill its slots if rewritten. */
void direct_syscall_interp(const Elf64_Phdr *ph, unsigned phnum, uint64_t base);

/* The common direct entry's address for the vDSO's calls, or 0 where the CPU lacks FSGSBASE. */
uint64_t direct_syscall_entry(void);

/* Is the calling syscall made from the loader's code (it opens the libraries)? */
bool direct_syscall_from_loader(void);

/* mmap placed len bytes of f from offset at addr: fill a rewritten library's slot table among them. */
void direct_syscall_mapped(struct file *f, uint64_t addr, uint64_t len, uint64_t offset, int prot);

/* Size of the instruction that made the syscall saved in F: run it again to restart. */
static inline uint64_t syscall_insn_size(const struct uregs *f)
{
	return f->error == COCOON_DIRECT_CALL_SIZE ? COCOON_DIRECT_CALL_SIZE : 2;
}

/*
 * The program's GS base. While the direct entry is in use the CPU's GS base is the
 * running thread's kernel stack top instead, and the program's value is kept in the
 * thread; setting one gives the CPU's GS base back to the program and empties the slots
 * (0: each trampoline makes the syscall with the syscall instruction).
 */
uint64_t gs_base_of_current(void);
void gs_base_set(uint64_t v);
/* Load the CPU's GS base for thread T about to run. */
void gs_base_load(const struct thread *t);

/*
 * A leaf syscall: one that takes no arguments, needs no kernel stack and only reads
 * what nothing changes under it (no lock, no sleep, no signal to deliver after it). Its
 * file says SYSCALL_LEAF(name), and a rewritten site that makes only that syscall calls
 * its implementation straight from the trampoline, on the program's stack below the red
 * zone, compiled to keep every register but RAX; RCX is left the return address, as by
 * the syscall instruction. An interrupt in there sees kernel code and does not preempt.
 */
/* The calling thread, also in a leaf, where the stack is the program's and the GS base the kernel stack's top. */
static inline struct thread *leaf_current(void)
{
	uint64_t sp;
	__asm__("mov %%rsp, %0" : "=r"(sp));
	return sp >= KERNEL_VBASE ? current() : (struct thread *)(gs_base_read() - KSTACK_SIZE);
}

struct direct_leaf {
	uint64_t nr;
	const char *entry;
} __attribute__((aligned(16))); /* as the compiler may align each anyway: the section is an array */

#define SYSCALL_LEAF(name)                                                                         \
	__attribute__((used, no_caller_saved_registers)) static long leaf_call_##name(void)        \
	{                                                                                          \
		return sys_##name(0);                                                              \
	}                                                                                          \
	__asm__(".pushsection .text.syscall_leaf_" #name ",\"ax\",@progbits\n"                       \
		"syscall_leaf_" #name ":\n"                                                          \
		"\tmovq (%rsp), %rcx\n"                                                              \
		"\tjmp leaf_call_" #name "\n"                                                        \
		".popsection\n");                                                                    \
	extern const char syscall_leaf_##name[];                                                   \
	static const struct direct_leaf leaf_##name __attribute__((used, section(".direct_leaf"))) = { \
		__NR_##name, syscall_leaf_##name                                                   \
	}

#endif
