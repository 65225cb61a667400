/*
 * Function bounds of a program without a symbol table, from its .eh_frame: stripped
 * static glibc and musl programs keep it (unwinding and backtraces need it), and each
 * FDE gives the start and length of a function or of a part of one (.cold). Only the
 * CIE's pointer encoding is needed; the call frame instructions are not read.
 */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eh_frame.h"

#define DW_EH_PE_omit 0xff

struct cursor {
	const struct elf_image *img;
	const uint8_t *p, *end;
	uint64_t base; /* address of the section's first byte */
	const uint8_t *start;
};

static _Noreturn void bad(const struct elf_image *img, const char *what)
{
	fail("%s: corrupt ELF file: .eh_frame: %s", img->path, what);
}

static uint64_t take(struct cursor *c, size_t n)
{
	if ((size_t)(c->end - c->p) < n)
		bad(c->img, "a record runs past its end");
	uint64_t v = 0;
	memcpy(&v, c->p, n);
	c->p += n;
	return v;
}

static uint64_t uleb(struct cursor *c)
{
	uint64_t v = 0;
	for (unsigned shift = 0;; shift += 7) {
		uint8_t b = (uint8_t)take(c, 1);
		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
}

/* A pointer in encoding ENC (DW_EH_PE_*): the value format in the low nibble, what it is
 * relative to in the high one. Only absolute and PC-relative pointers occur here. */
static uint64_t pointer(struct cursor *c, uint8_t enc)
{
	uint64_t at = c->base + (uint64_t)(c->p - c->start), v;
	switch (enc & 0x0f) {
	case 0x00: v = take(c, 8); break;                                      /* absptr */
	case 0x02: v = take(c, 2); break;                                      /* udata2 */
	case 0x03: v = take(c, 4); break;                                      /* udata4 */
	case 0x04: case 0x0c: v = take(c, 8); break;                           /* udata8, sdata8 */
	case 0x0a: v = (uint64_t)(int64_t)(int16_t)take(c, 2); break;          /* sdata2 */
	case 0x0b: v = (uint64_t)(int64_t)(int32_t)take(c, 4); break;          /* sdata4 */
	default: bad(c->img, "unsupported pointer encoding");
	}
	switch (enc & 0x70) {
	case 0x00: return v;
	case 0x10: return v + at;                                              /* pcrel */
	default: bad(c->img, "unsupported pointer encoding");
	}
}

/* The FDE pointer encoding of the CIE at P (its 'R' augmentation; absolute if none). */
static uint8_t cie_encoding(struct cursor c)
{
	uint8_t version = (uint8_t)take(&c, 1);
	const char *aug = (const char *)c.p;
	const uint8_t *nul = memchr(c.p, 0, (size_t)(c.end - c.p));
	if (!nul)
		bad(c.img, "a CIE's augmentation is not terminated");
	c.p = nul + 1;
	if (aug[0] != 'z')
		return 0;
	uleb(&c); /* code alignment */
	uleb(&c); /* data alignment (sleb: only skipped) */
	if (version == 1)
		take(&c, 1);
	else
		uleb(&c);
	uleb(&c); /* augmentation data length */
	for (const char *a = aug + 1; *a; a++) {
		if (*a == 'R')
			return (uint8_t)take(&c, 1);
		if (*a == 'P') {
			uint8_t enc = (uint8_t)take(&c, 1);
			if (enc != DW_EH_PE_omit)
				pointer(&c, enc);
		} else if (*a == 'L') {
			take(&c, 1);
		} else if (*a != 'S' && *a != 'B') {
			bad(c.img, "unknown CIE augmentation");
		}
	}
	return 0;
}

/*
 * The .eh_frame section's header, copied into *sec (the file's offsets may be
 * misaligned); false if none (no section headers, or no such section).
 */
static bool find_eh_frame(const struct elf_image *img, Elf64_Shdr *sec)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->data;
	if (eh->e_shoff == 0 || eh->e_shnum == 0 || eh->e_shstrndx >= eh->e_shnum)
		return false;
	const uint8_t *sh = img->data + eh->e_shoff;
	Elf64_Shdr names;
	memcpy(&names, sh + (uint64_t)eh->e_shstrndx * sizeof(names), sizeof(names));
	if (names.sh_offset > img->len || names.sh_size > img->len - names.sh_offset)
		fail("%s: corrupt ELF file: bad section name table", img->path);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		memcpy(sec, sh + (uint64_t)i * sizeof(*sec), sizeof(*sec));
		if (sec->sh_name >= names.sh_size || sec->sh_type != SHT_PROGBITS)
			continue;
		const char *name = (const char *)img->data + names.sh_offset + sec->sh_name;
		if (memchr(name, 0, names.sh_size - sec->sh_name) && strcmp(name, ".eh_frame") == 0)
			return true;
	}
	return false;
}

static void add_func(struct elf_image *img, size_t *cap, uint64_t addr, uint64_t size)
{
	if (img->nfuncs == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		img->funcs = realloc(img->funcs, *cap * sizeof(*img->funcs));
		if (!img->funcs)
			fail("out of memory");
	}
	img->funcs[img->nfuncs++] = (struct symbol){addr, size, NULL, 1};
}

void eh_frame_functions(struct elf_image *img)
{
	Elf64_Shdr found;
	if (!find_eh_frame(img, &found))
		return;
	const Elf64_Shdr *sec = &found;
	const uint8_t *bytes = elf_bytes_at(img, sec->sh_addr, sec->sh_size);
	if (!bytes || sec->sh_offset > img->len || sec->sh_size > img->len - sec->sh_offset ||
	    bytes != img->data + sec->sh_offset)
		bad(img, "the section is not where the program loads it");
	struct cursor c = {img, bytes, bytes + sec->sh_size, sec->sh_addr, bytes};
	size_t cap = 0;
	while (c.end - c.p >= 4) {
		const uint8_t *rec = c.p;
		uint64_t len = take(&c, 4);
		if (len == 0)
			break; /* the terminator */
		if (len == 0xffffffff)
			len = take(&c, 8);
		if (len > (uint64_t)(c.end - c.p))
			bad(img, "a record runs past the section");
		struct cursor r = {img, c.p, c.p + len, c.base, c.start};
		c.p += len;
		uint32_t cie_off = (uint32_t)take(&r, 4);
		if (cie_off == 0)
			continue; /* a CIE */
		const uint8_t *cie = r.p - 4 - cie_off;
		if (cie_off > (uint64_t)(r.p - 4 - bytes) || cie < bytes)
			bad(img, "an FDE's CIE is outside the section");
		struct cursor cc = {img, cie, c.end, c.base, c.start};
		uint64_t cie_len = take(&cc, 4);
		if (cie_len < 4 || cie_len > (uint64_t)(c.end - cc.p) || take(&cc, 4) != 0)
			bad(img, "an FDE's CIE is not a CIE");
		cc.end = cc.p - 4 + cie_len;
		uint8_t enc = cie_encoding(cc);
		uint64_t start = pointer(&r, enc), size = pointer(&r, enc & 0x0f);
		if (size == 0 || start == 0)
			continue; /* a function the linker dropped */
		if (!elf_in_code(img, start, size))
			fail("%s: corrupt ELF file: .eh_frame: the FDE at %#lx covers %#lx-%#lx, outside the code",
			     img->path, (unsigned long)(c.base + (uint64_t)(rec - bytes)), (unsigned long)start,
			     (unsigned long)(start + size));
		add_func(img, &cap, start, size);
	}
	/* Names for the report: "sub_" and the address. */
	char *names = malloc(img->nfuncs * 24 + 1);
	if (!names)
		fail("out of memory");
	for (size_t i = 0; i < img->nfuncs; i++) {
		snprintf(names + 24 * i, 24, "sub_%lx", (unsigned long)img->funcs[i].addr);
		img->funcs[i].name = names + 24 * i;
	}
}
