/* Starting programs: the one the monitor placed in memory, and execve's. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <linux/elf.h>
#include <stdint.h>

struct file;

#define EXEC_HEAD_MAX 4096 /* the first bytes of a file execve reads: "#!" line, or ELF and program headers */

/* Load the first program (and its interpreter, from the mounts) and make its first thread runnable. */
void exec_start(void);

/* The index of a program's PT_INTERP header, or -1. */
int exec_interp_index(const Elf64_Ehdr *eh, const Elf64_Phdr *ph);
/*
 * The interpreter at path: opened (its rewritten copy if there is one), its first
 * EXEC_HEAD_MAX bytes in head, its program headers at *ph (in head), and checked (it may
 * name none itself).
 */
long exec_interp_open(const char *path, char *head, struct file **out, const Elf64_Phdr **ph);

/*
 * A program's strings as they go on its first stack: argc arguments then envc
 * variables (pointers into the kernel's copy), and AT_EXECFN's file name.
 */
struct exec_strings {
	const char **str;
	int argc, envc;
	const char *execfn;
};

/* An ELF file to load, its headers read and checked. */
struct exec_image {
	struct file *file;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
};

/*
 * Replace the calling process's program with prog, and its interpreter
 * (PT_INTERP) if interp is not 0: a new address space, the strings on a new
 * stack, the registers at the entry (the interpreter's if there is one).
 * Past the point where the old one is gone a failure ends the process; 0
 * then means the new program runs.
 */
long exec_replace(const struct exec_image *prog, const struct exec_image *interp, const struct exec_strings *s);

#endif
