/* What a dynamic object's PT_DYNAMIC and .dynsym tell the scan: whether code outside the
 * file takes part, where it enters, and the code addresses relocations store (see dynamic.c). */
#ifndef COCOON_SCAN_DYNAMIC_H
#define COCOON_SCAN_DYNAMIC_H

#include <elf.h>

#include "elf_image.h"

/* Read the PT_DYNAMIC DYN of IMG (its segments loaded, its functions found): fills
 * outside, entries, stored and text_relocations, and when IMG is stripped adds
 * its exported functions to its functions (names for .eh_frame's, bounds where no FDE
 * starts). INTERP: the file has a PT_INTERP. Bad input is one line and status 1. */
void dynamic_load(struct elf_image *img, const Elf64_Phdr *dyn, int interp);

#endif
