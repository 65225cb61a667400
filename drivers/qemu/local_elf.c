/*
 * The program's ELF headers checked before the loader trusts them, with the
 * monitor's rules and messages (monitor/elf.c), when the boot loader rather
 * than uhyve-run gave the file.
 */
#include <linux/elf.h>

#include "local.h"
#include "kernel/kernel.h"

#define MAX_PHNUM 512
#define LOWEST_VADDR 0x10000

static bool segment_bad(const Elf64_Phdr *p, uint64_t size)
{
	return p->p_filesz > p->p_memsz || p->p_offset > size || p->p_filesz > size - p->p_offset ||
	       p->p_vaddr + p->p_memsz < p->p_vaddr ||
	       (p->p_align > 1 && (p->p_vaddr - p->p_offset) % PAGE_SIZE != 0);
}

static _Noreturn void bad(const char *why)
{
	local_fail(LOCAL_NOT_EXECUTABLE, "the program (first module): %s", why);
}

uint64_t local_elf_check(const void *file, uint64_t size, uint64_t *mem_needed)
{
	const Elf64_Ehdr *eh = file;
	if (size < SELFMAG || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		bad("not an ELF file");
	if (size < sizeof(*eh))
		bad("corrupt ELF file: truncated header");
	if (eh->e_ident[EI_CLASS] == ELFCLASS32)
		bad("32-bit ELF programs are not supported, only x86-64");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		bad("corrupt ELF file: bad class or byte order");
	if (eh->e_machine != EM_X86_64)
		bad("not an x86-64 program");
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		bad("not an executable");
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM ||
	    eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		bad("corrupt ELF file: bad program headers");
	const Elf64_Phdr *ph = (const Elf64_Phdr *)((const char *)file + eh->e_phoff);
	uint64_t lo = UINT64_MAX, hi = 0;
	bool entry_found = false;
	*mem_needed = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		if (p->p_type == PT_INTERP)
			bad("dynamically linked programs are not supported yet; link it with -static");
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		if (segment_bad(p, size))
			bad("corrupt ELF file: bad segment");
		if (p->p_vaddr < lo)
			lo = p->p_vaddr;
		if (p->p_vaddr + p->p_memsz > hi)
			hi = p->p_vaddr + p->p_memsz;
		entry_found |= eh->e_entry >= p->p_vaddr && eh->e_entry < p->p_vaddr + p->p_memsz;
		*mem_needed += PAGE_UP(p->p_vaddr + p->p_memsz) - PAGE_DOWN(p->p_vaddr);
	}
	if (hi == 0)
		bad("corrupt ELF file: nothing to load");
	if (!entry_found)
		bad("corrupt ELF file: entry point outside its segments");
	if (eh->e_type == ET_DYN) {
		hi -= PAGE_DOWN(lo);
		lo = 0;
	}
	if (eh->e_type == ET_EXEC && lo < LOWEST_VADDR)
		bad("a segment is below the lowest mappable address 0x10000");
	if (hi > USER_VTOP)
		bad("segments overlap the kernel's address space");
	uint64_t head = eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
	return head < sizeof(*eh) ? sizeof(*eh) : head;
}
