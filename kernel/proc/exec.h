/* Starting programs: the one the monitor placed in memory, and execve's. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <linux/elf.h>
#include <stdint.h>

struct file;

/* Load the first program and make its first thread runnable. */
void exec_start(void);

/*
 * A program's strings as they go on its first stack: argc arguments then envc
 * variables (pointers into the kernel's copy), and AT_EXECFN's file name.
 */
struct exec_strings {
	const char **str;
	int argc, envc;
	const char *execfn;
};

/*
 * Replace the calling process's program with the ELF file f, whose headers
 * (eh, ph) were checked: a new address space, the strings on a new stack,
 * the registers at its entry. Past the point where the old one is gone a
 * failure ends the process; 0 then means the new program runs.
 */
long exec_replace(struct file *f, const Elf64_Ehdr *eh, const Elf64_Phdr *ph, const struct exec_strings *s);

#endif
