/* The ELF checks both back ends run on a program (see elf_check.h): freestanding, no library calls. */
#include "common/elf_check.h"
#include "cocoon/hypercall.h"

#define ELF_PAGE 4096ULL
#define MAX_PHNUM 512

static uint64_t page_down(uint64_t x) { return x & ~(ELF_PAGE - 1); }
static uint64_t page_up(uint64_t x) { return (x + ELF_PAGE - 1) & ~(ELF_PAGE - 1); }

static bool magic_fine(const Elf64_Ehdr *eh)
{
	return eh->e_ident[EI_MAG0] == ELFMAG0 && eh->e_ident[EI_MAG1] == ELFMAG1 &&
	       eh->e_ident[EI_MAG2] == ELFMAG2 && eh->e_ident[EI_MAG3] == ELFMAG3;
}

enum elf_fault elf_check_header(const Elf64_Ehdr *eh, uint64_t have, uint64_t size, uint64_t *detail)
{
	if (have < SELFMAG || !magic_fine(eh))
		return ELF_NOT_ELF;
	if (have < sizeof(*eh))
		return ELF_TRUNCATED;
	if (eh->e_ident[EI_CLASS] == ELFCLASS32)
		return ELF_32_BIT;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return ELF_BAD_CLASS;
	*detail = eh->e_machine;
	if (eh->e_machine != EM_X86_64)
		return ELF_NOT_X86_64;
	*detail = eh->e_type;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return ELF_NOT_EXECUTABLE;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM ||
	    eh->e_phoff > size || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return ELF_BAD_PHDRS;
	return ELF_FINE;
}

bool elf_segment_bad(const Elf64_Phdr *p, uint64_t size)
{
	return p->p_filesz > p->p_memsz || p->p_offset > size || p->p_filesz > size - p->p_offset ||
	       p->p_vaddr + p->p_memsz < p->p_vaddr ||
	       (p->p_vaddr - p->p_offset) % ELF_PAGE != 0;
}

enum elf_fault elf_check_program(const Elf64_Ehdr *eh, const Elf64_Phdr *ph, uint64_t size, uint64_t *detail,
				 uint64_t *head_size, uint64_t *mem_needed)
{
	uint64_t lo = UINT64_MAX, hi = 0, prev_end = 0;
	bool entry_found = false, dynamic = false;
	*mem_needed = 0;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *p = &ph[i];
		dynamic |= p->p_type == PT_INTERP;
		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		*detail = i;
		if (elf_segment_bad(p, size))
			return ELF_BAD_SEGMENT;
		/* The kernel maps each segment's pages anew: none may share one with the segment before. */
		if (page_down(p->p_vaddr) < prev_end)
			return ELF_OVERLAP;
		prev_end = page_up(p->p_vaddr + p->p_memsz);
		if (prev_end == 0)
			return ELF_TOO_HIGH;
		if (p->p_vaddr < lo)
			lo = p->p_vaddr;
		if (p->p_vaddr + p->p_memsz > hi)
			hi = p->p_vaddr + p->p_memsz;
		entry_found |= eh->e_entry >= p->p_vaddr && eh->e_entry < p->p_vaddr + p->p_memsz;
		*mem_needed += page_up(p->p_vaddr + p->p_memsz) - page_down(p->p_vaddr);
	}
	/* A program that names an interpreter is checked all the same: ELF_DYNAMIC only if nothing else is wrong. */
	enum elf_fault fine = dynamic ? ELF_DYNAMIC : ELF_FINE;
	*head_size = eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
	if (*head_size < sizeof(*eh))
		*head_size = sizeof(*eh);
	if (hi == 0)
		return ELF_NOTHING_TO_LOAD;
	if (!entry_found)
		return ELF_ENTRY_OUTSIDE;
	/* A position-independent program's addresses are offsets from where the kernel loads it. */
	if (eh->e_type == ET_DYN) {
		*detail = hi > UINT64_MAX - ELF_PIE_BASE ? UINT64_MAX : ELF_PIE_BASE + hi;
		return hi > USER_VTOP - ELF_PIE_BASE ? ELF_TOO_HIGH : fine;
	}
	*detail = lo;
	if (lo < ELF_LOWEST_VADDR)
		return ELF_TOO_LOW;
	*detail = hi;
	if (hi > USER_VTOP)
		return ELF_TOO_HIGH;
	return fine;
}

const char *elf_fault_text(enum elf_fault fault)
{
	switch (fault) {
	case ELF_FINE: return "fine";
	case ELF_NOT_ELF: return "not an ELF file";
	case ELF_TRUNCATED: return "corrupt ELF file: truncated header";
	case ELF_32_BIT: return "32-bit ELF programs are not supported, only x86-64";
	case ELF_BAD_CLASS: return "corrupt ELF file: bad class or byte order";
	case ELF_NOT_X86_64: return "not an x86-64 program";
	case ELF_NOT_EXECUTABLE: return "not an executable";
	case ELF_BAD_PHDRS: return "corrupt ELF file: bad program headers";
	case ELF_DYNAMIC: return "dynamically linked (it names an interpreter)";
	case ELF_BAD_SEGMENT: return "corrupt ELF file: bad segment";
	case ELF_NOTHING_TO_LOAD: return "corrupt ELF file: nothing to load";
	case ELF_ENTRY_OUTSIDE: return "corrupt ELF file: entry point outside its segments";
	case ELF_TOO_LOW: return "a segment is below the lowest mappable address 0x10000";
	case ELF_TOO_HIGH: return "segments overlap the kernel's address space";
	case ELF_OVERLAP: return "corrupt ELF file: loadable segments overlap or are out of order";
	}
	return "corrupt ELF file";
}
