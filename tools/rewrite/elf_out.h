/* The rewritten executable: the input with its sites patched, and a new segment after
 * everything it loads holding the program headers, the cocoon note, the slots and the
 * trampolines (see elf_out.c). */
#ifndef COCOON_REWRITE_ELF_OUT_H
#define COCOON_REWRITE_ELF_OUT_H

#include <stddef.h>
#include <stdint.h>

#include "../scan/elf_image.h"

struct elf_out {
	const struct elf_image *img;
	uint8_t *file;      /* the input's bytes, patched in place */
	uint64_t vaddr;     /* the new segment's address and file offset */
	uint64_t offset;
	uint8_t *seg;       /* its bytes */
	size_t len, cap;
	uint64_t slots;     /* address of the COCOON_SLOTS words the kernel fills with its entries */
};

/* Lay out the new segment's header part for IMG. */
void elf_out_begin(const struct elf_image *img, struct elf_out *o);

/* The output file's bytes at ADDR (LEN of them in one segment). */
uint8_t *elf_out_code(struct elf_out *o, uint64_t addr, uint64_t len);

/* The address the next trampoline gets, and room for LEN bytes of it there. */
uint64_t elf_out_next(struct elf_out *o, size_t len, uint8_t **room);

/* Keep LEN bytes at the address elf_out_next gave. */
void elf_out_commit(struct elf_out *o, size_t len);

/* Write the output to PATH, executable. */
void elf_out_write(struct elf_out *o, const char *path);

/* Write the program unchanged to path. */
void elf_copy(const struct elf_image *img, const char *path);

#endif
