/*
 * libFuzzer: the ELF checks uhyve-run and the kernel run on a program
 * (common/elf_check.c), on arbitrary bytes as elf.c reads them. A program
 * they pass must be what the kernel's loader can take: its loadable segments
 * inside the file, in ascending order without overlapping, below USER_VTOP
 * at their load address.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cocoon/hypercall.h"
#include "common/elf_check.h"

#define PIE_BASE 0x555555554000ULL /* kernel/proc/exec.c's DYN_BASE */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Elf64_Ehdr eh = { 0 };
	uint64_t have = size >= sizeof(eh) ? sizeof(eh) : size >= SELFMAG ? SELFMAG : 0, detail = 0;
	memcpy(&eh, data, have);
	if (elf_check_header(&eh, have, size, &detail) != ELF_FINE)
		return 0;
	size_t len = (size_t)eh.e_phnum * sizeof(Elf64_Phdr);
	Elf64_Phdr *ph = malloc(len);
	memcpy(ph, data + eh.e_phoff, len);
	uint64_t head = 0, need = 0;
	if (elf_check_program(&eh, ph, size, &detail, &head, &need) == ELF_FINE) {
		uint64_t base = eh.e_type == ET_DYN ? PIE_BASE : 0, end = 0;
		for (unsigned i = 0; i < eh.e_phnum; i++) {
			const Elf64_Phdr *p = &ph[i];
			if (p->p_type != PT_LOAD || p->p_memsz == 0)
				continue;
			uint64_t start = (base + p->p_vaddr) & ~4095ULL, stop = base + p->p_vaddr + p->p_memsz;
			if (p->p_offset + p->p_filesz > size || stop > USER_VTOP || stop < start || start < end)
				abort();
			end = (stop + 4095) & ~4095ULL;
		}
	}
	free(ph);
	return 0;
}
