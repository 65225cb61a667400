/*
 * A dynamic object (shared library, PIE, dynamically linked program) is entered from
 * outside the file where its code does not show it: other files call its exported
 * functions, the dynamic loader calls DT_INIT, DT_FINI and the resolvers of IRELATIVE
 * relocations, and relocations store code addresses that indirect calls use. The scan
 * treats all of them as entries whose registers it cannot know. Debian's libraries are
 * stripped down to .dynsym and .eh_frame: .dynsym's functions name the FDEs' functions
 * and add those no FDE starts.
 */
#include <stdlib.h>
#include <string.h>

#include "dynamic.h"

/* The parts of the dynamic section the scan reads. */
struct tags {
	int needed, pie, textrel;
	uint64_t symtab, rela, relasz, jmprel, pltrelsz, relr, relrsz, init, fini;
};

static _Noreturn void bad(const struct elf_image *img, const char *what)
{
	fail("%s: corrupt ELF file: dynamic section: %s", img->path, what);
}

static void read_tags(const struct elf_image *img, const Elf64_Phdr *dyn, struct tags *t)
{
	if (dyn->p_offset > img->len || dyn->p_filesz > img->len - dyn->p_offset)
		bad(img, "outside the file");
	memset(t, 0, sizeof(*t));
	/* The file's bytes may sit at any alignment: each entry is copied out. */
	for (size_t i = 0; i < dyn->p_filesz / sizeof(Elf64_Dyn); i++) {
		Elf64_Dyn d;
		memcpy(&d, img->data + dyn->p_offset + i * sizeof(d), sizeof(d));
		uint64_t v = d.d_un.d_val;
		switch (d.d_tag) {
		case DT_NULL: return;
		case DT_NEEDED: t->needed = 1; break;
		case DT_FLAGS_1: t->pie |= (v & DF_1_PIE) != 0; break;
		case DT_FLAGS: t->textrel |= (v & DF_TEXTREL) != 0; break;
		case DT_TEXTREL: t->textrel = 1; break;
		case DT_SYMTAB: t->symtab = v; break;
		case DT_RELA: t->rela = v; break;
		case DT_RELASZ: t->relasz = v; break;
		case DT_JMPREL: t->jmprel = v; break;
		case DT_PLTRELSZ: t->pltrelsz = v; break;
		case DT_RELR: t->relr = v; break;
		case DT_RELRSZ: t->relrsz = v; break;
		case DT_INIT: t->init = v; break;
		case DT_FINI: t->fini = v; break;
		case DT_RELAENT:
			if (v != sizeof(Elf64_Rela))
				bad(img, "DT_RELAENT is not 24");
			break;
		case DT_PLTREL:
			if (v != DT_RELA)
				bad(img, "PLT relocations are not RELA");
			break;
		case DT_REL: bad(img, "REL relocations (x86-64 uses RELA)");
		}
	}
}

static void push(uint64_t **list, size_t *n, uint64_t v)
{
	if ((*n & (*n - 1)) == 0) { /* full at each power of two */
		*list = realloc(*list, (*n ? *n * 2 : 1) * sizeof(**list));
		if (!*list)
			fail("out of memory");
	}
	(*list)[(*n)++] = v;
}

/* A relocation writes the word at ADDR: into code, it would change what the scan reads. */
static void written(struct elf_image *img, uint64_t addr)
{
	if (elf_in_code(img, addr, 1))
		img->text_relocations = 1;
}

static const uint8_t *table(const struct elf_image *img, uint64_t addr, uint64_t size, const char *what)
{
	const uint8_t *p = size ? elf_bytes_at(img, addr, size) : NULL;
	if (size && !p)
		bad(img, what);
	return p;
}

/* RELA relocations: the addend of RELATIVE and IRELATIVE ones (an IRELATIVE one's is a
 * resolver the loader calls), a defined symbol's value plus the addend for the others
 * that store an address. */
static void read_rela(struct elf_image *img, uint64_t addr, uint64_t size, const struct symbol_table *dynsym)
{
	const uint8_t *p = table(img, addr, size, "relocations outside the file");
	for (uint64_t off = 0; off + sizeof(Elf64_Rela) <= size; off += sizeof(Elf64_Rela)) {
		Elf64_Rela r;
		memcpy(&r, p + off, sizeof(r));
		written(img, r.r_offset);
		uint32_t type = ELF64_R_TYPE(r.r_info), sym = ELF64_R_SYM(r.r_info);
		if (type == R_X86_64_RELATIVE || type == R_X86_64_IRELATIVE) {
			push(&img->stored, &img->nstored, (uint64_t)r.r_addend);
		} else if (type == R_X86_64_64 || type == R_X86_64_GLOB_DAT || type == R_X86_64_JUMP_SLOT) {
			if (sym >= dynsym->n)
				bad(img, "a relocation's symbol is not in .dynsym");
			Elf64_Sym s;
			memcpy(&s, dynsym->syms + (size_t)sym * sizeof(s), sizeof(s));
			if (s.st_shndx != SHN_UNDEF)
				push(&img->stored, &img->nstored, s.st_value + (uint64_t)r.r_addend);
		}
	}
}

/* RELR: relative relocations as a bitmap; each relocated word holds its address as linked. */
static void relr_word(struct elf_image *img, uint64_t addr)
{
	written(img, addr);
	uint64_t w;
	const uint8_t *p = elf_bytes_at(img, addr, sizeof(w));
	if (!p)
		bad(img, "a RELR relocation outside the file");
	memcpy(&w, p, sizeof(w));
	push(&img->stored, &img->nstored, w);
}

static void read_relr(struct elf_image *img, uint64_t addr, uint64_t size)
{
	const uint8_t *p = table(img, addr, size, "RELR relocations outside the file");
	uint64_t where = 0;
	for (uint64_t off = 0; off + 8 <= size; off += 8) {
		uint64_t e;
		memcpy(&e, p + off, sizeof(e));
		if ((e & 1) == 0) { /* an address, and the word there */
			relr_word(img, e);
			where = e + 8;
			continue;
		}
		for (unsigned bit = 0; bit < 63; bit++) /* a bitmap of the 63 words from where */
			if ((e >> (bit + 1)) & 1)
				relr_word(img, where + 8ull * bit);
		where += 8 * 63;
	}
}

/* Is NAME a better name than OLD for one function? .eh_frame's sub_ADDRESS is the worst,
 * then a name with a leading underscore (glibc's __read beside read). */
static int better_name(const char *name, const char *old)
{
	return strncmp(old, "sub_", 4) == 0 || (old[0] == '_' && name[0] != '_');
}

/* The function starting at ADDR among IMG's first N (sorted), or NULL. */
static struct symbol *func_starting(struct elf_image *img, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (img->funcs[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && img->funcs[lo].addr == addr ? &img->funcs[lo] : NULL;
}

/* Exported functions (STT_FUNC, and STT_GNU_IFUNC whose value is the resolver the loader
 * calls) are entries; in a stripped file they also name or add functions. */
static void read_exports(struct elf_image *img, const struct symbol_table *dynsym)
{
	size_t sorted = img->nfuncs, cap = img->nfuncs;
	for (size_t i = 1; i < dynsym->n; i++) {
		Elf64_Sym s;
		memcpy(&s, dynsym->syms + i * sizeof(s), sizeof(s));
		int type = ELF64_ST_TYPE(s.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF)
			continue;
		if (s.st_name >= dynsym->names_size)
			bad(img, "a bad .dynsym name");
		if (!elf_in_code(img, s.st_value, 1))
			continue;
		push(&img->entries, &img->nentries, s.st_value);
		if (!img->stripped)
			continue;
		const char *name = dynsym->names + s.st_name;
		struct symbol *f = func_starting(img, sorted, s.st_value);
		if (f) {
			if (better_name(name, f->name))
				f->name = name;
			continue;
		}
		if (img->nfuncs == cap) {
			cap = cap ? cap * 2 : 64;
			img->funcs = realloc(img->funcs, cap * sizeof(*img->funcs));
			if (!img->funcs)
				fail("out of memory");
		}
		img->funcs[img->nfuncs++] = (struct symbol){s.st_value, s.st_size, name, 0};
	}
	elf_sort_functions(img);
}

void dynamic_load(struct elf_image *img, const Elf64_Phdr *dyn, int interp)
{
	struct tags t;
	read_tags(img, dyn, &t);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->data;
	/* A library's exported functions take arguments (a syscall number among them) from
	 * callers the scan cannot see; a dynamic program's libraries make syscalls of their own. */
	if (eh->e_type == ET_DYN && !t.pie)
		img->outside = "a shared library: its exported functions are called from outside it";
	else if (interp || t.needed)
		img->outside = "dynamically linked: its shared libraries make syscalls of their own";
	img->text_relocations = t.textrel;

	struct symbol_table dynsym = {NULL, 0, NULL, 0};
	if (!elf_symbol_table(img, SHT_DYNSYM, &dynsym) && t.symtab)
		fail("%s: a dynamic object without a .dynsym section header: its exported functions cannot be found",
		     img->path);
	read_exports(img, &dynsym);
	if (t.init && elf_in_code(img, t.init, 1))
		push(&img->entries, &img->nentries, t.init);
	if (t.fini && elf_in_code(img, t.fini, 1))
		push(&img->entries, &img->nentries, t.fini);
	read_rela(img, t.rela, t.relasz, &dynsym);
	read_rela(img, t.jmprel, t.pltrelsz, &dynsym);
	read_relr(img, t.relr, t.relrsz);
}
