/*
 * The checks a program's ELF headers pass before uhyve-run, or the kernel
 * booted without it (drivers/qemu), trusts them: one set of rules for both
 * back ends. Faults come back as codes; each side words them its own way.
 */
#ifndef COMMON_ELF_CHECK_H
#define COMMON_ELF_CHECK_H

#include <linux/elf.h>
#include <stdbool.h>
#include <stdint.h>

#define ELF_LOWEST_VADDR 0x10000 /* where a fixed-address program may start */
#define ELF_PIE_BASE 0x555555554000ULL /* where the kernel loads a position-independent one (kernel/proc/exec.c) */

enum elf_fault {
	ELF_FINE,
	ELF_NOT_ELF,
	ELF_TRUNCATED,
	ELF_32_BIT,
	ELF_BAD_CLASS,
	ELF_NOT_X86_64,     /* detail: e_machine */
	ELF_NOT_EXECUTABLE, /* detail: e_type */
	ELF_BAD_PHDRS,
	ELF_DYNAMIC,        /* it names an interpreter; otherwise fine, its sizes set */
	ELF_BAD_SEGMENT,    /* detail: its index */
	ELF_NOTHING_TO_LOAD,
	ELF_ENTRY_OUTSIDE,
	ELF_TOO_LOW,        /* detail: the lowest address */
	ELF_TOO_HIGH,       /* detail: the end of the highest segment */
	ELF_OVERLAP,        /* detail: the index of the segment on a page of the one before */
};

/*
 * The file header of a file of size bytes, of which have are at eh: fewer
 * than SELFMAG when even its magic could not be read, fewer than a header
 * when only that could. Its program headers lie within the file if fine.
 */
enum elf_fault elf_check_header(const Elf64_Ehdr *eh, uint64_t have, uint64_t size, uint64_t *detail);
/*
 * A loadable segment must come from inside the file and stay sane in memory;
 * its file offset and address agree within a page, as mmap needs on Linux.
 */
bool elf_segment_bad(const Elf64_Phdr *p, uint64_t size);
/*
 * A program's segments (ph, as eh counts them, with eh checked): one it can
 * run sets *head_size (its ELF and program headers) and *mem_needed (the
 * bytes its segments take once loaded).
 */
enum elf_fault elf_check_program(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t size, uint64_t *detail,
				 uint64_t *head_size, uint64_t *mem_needed);
/* The fault in words, after "PATH: " (the detail left out). */
const char *elf_fault_text(enum elf_fault fault);

#endif
