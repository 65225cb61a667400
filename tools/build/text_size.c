/* Sum of the allocated, executable sections, read from the section headers. */
#include <elf.h>
#include <stdlib.h>

#include "../scan/elf_image.h"
#include "text_size.h"

uint64_t text_size(const char *path)
{
	struct elf_image img;
	elf_image_load(path, &img);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img.data;
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > img.len ||
	    (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > img.len - eh->e_shoff)
		fail("%s: corrupt ELF file: bad section headers", path);
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(img.data + eh->e_shoff);
	uint64_t total = 0;
	for (unsigned i = 0; i < eh->e_shnum; i++)
		if ((sh[i].sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) == (SHF_ALLOC | SHF_EXECINSTR))
			total += sh[i].sh_size;
	free(img.data);
	return total;
}
