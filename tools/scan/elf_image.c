/* Read an x86-64 ELF file and check everything later code relies on. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynamic.h"
#include "eh_frame.h"
#include "elf_image.h"

const char *fail_prefix = "cocoon-scan";

void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", fail_prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		fail("out of memory");
	return p;
}

static void read_file(const char *path, struct elf_image *img)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail("%s: %s", path, strerror(errno));
	size_t cap = 1 << 20, len = 0;
	uint8_t *data = xcalloc(cap, 1);
	size_t n;
	while ((n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			data = realloc(data, cap);
			if (!data)
				fail("out of memory");
		}
	}
	if (ferror(f))
		fail("%s: %s", path, strerror(errno));
	fclose(f);
	img->data = data;
	img->len = len;
}

static int in_file(const struct elf_image *img, uint64_t off, uint64_t size)
{
	return off <= img->len && size <= img->len - off;
}

static int by_addr(const void *a, const void *b)
{
	const struct symbol *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void elf_sort_functions(struct elf_image *img)
{
	if (img->nfuncs == 0) /* funcs may be NULL: qsort must not see it */
		return;
	qsort(img->funcs, img->nfuncs, sizeof(*img->funcs), by_addr);
	for (size_t j = 0; j + 1 < img->nfuncs; j++)
		if (img->funcs[j].size == 0)
			for (size_t k = j + 1; k < img->nfuncs && img->funcs[j].size == 0; k++)
				if (img->funcs[k].addr > img->funcs[j].addr)
					img->funcs[j].size = img->funcs[k].addr - img->funcs[j].addr;
}

/* The number of section headers, checked; 0 if there are none. */
static unsigned section_count(const struct elf_image *img)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->data;
	if (eh->e_shoff == 0 || eh->e_shnum == 0)
		return 0;
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || !in_file(img, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr)))
		fail("%s: corrupt ELF file: bad section headers", img->path);
	return eh->e_shnum;
}

/* Section header I, copied out: the file's offsets may be misaligned. */
static Elf64_Shdr section(const struct elf_image *img, unsigned i)
{
	Elf64_Shdr sh;
	memcpy(&sh, img->data + ((const Elf64_Ehdr *)img->data)->e_shoff + (uint64_t)i * sizeof(sh), sizeof(sh));
	return sh;
}

int elf_symbol_table(const struct elf_image *img, uint32_t type, struct symbol_table *t)
{
	unsigned n = section_count(img);
	for (unsigned i = 0; i < n; i++) {
		Elf64_Shdr sh = section(img, i), str;
		if (sh.sh_type != type)
			continue;
		if (sh.sh_link >= n || sh.sh_entsize != sizeof(Elf64_Sym) || !in_file(img, sh.sh_offset, sh.sh_size))
			fail("%s: corrupt ELF file: bad symbol table", img->path);
		str = section(img, sh.sh_link);
		if (!in_file(img, str.sh_offset, str.sh_size) || str.sh_size == 0 ||
		    img->data[str.sh_offset + str.sh_size - 1] != 0)
			fail("%s: corrupt ELF file: bad symbol string table", img->path);
		*t = (struct symbol_table){img->data + sh.sh_offset, sh.sh_size / sizeof(Elf64_Sym),
		                           (const char *)img->data + str.sh_offset, str.sh_size};
		return 1;
	}
	return 0;
}

/*
 * The code of each executable segment: from its first executable section to the end of
 * its last. A file linked without -z separate-code (libLLVM) loads its .dynstr, relocations
 * and .rodata in the segment of its code: decoded, their bytes would give sites whose
 * windows a rewrite would write over. Without section headers, the whole segment.
 */
static void find_code(struct elf_image *img)
{
	unsigned n = section_count(img);
	img->code = xcalloc(img->nsegs, sizeof(*img->code));
	for (size_t i = 0; i < img->nsegs; i++) {
		struct segment s = img->segs[i];
		if (!s.exec)
			continue;
		uint64_t lo = UINT64_MAX, hi = 0;
		for (unsigned k = 0; k < n; k++) {
			Elf64_Shdr sh = section(img, k);
			if ((sh.sh_flags & (SHF_ALLOC | SHF_EXECINSTR)) != (SHF_ALLOC | SHF_EXECINSTR) ||
			    sh.sh_type == SHT_NOBITS || sh.sh_addr < s.vaddr || sh.sh_addr - s.vaddr > s.size ||
			    sh.sh_size > s.size - (sh.sh_addr - s.vaddr))
				continue;
			if (sh.sh_addr < lo)
				lo = sh.sh_addr;
			if (sh.sh_addr + sh.sh_size > hi)
				hi = sh.sh_addr + sh.sh_size;
		}
		if (lo < hi)
			s = (struct segment){lo, s.bytes + (lo - s.vaddr), hi - lo, 1};
		img->code[img->ncode++] = s;
	}
}

/* Function symbols from .symtab; none (not an error) when the file is stripped. */
static void load_symbols(struct elf_image *img)
{
	struct symbol_table t;
	if (!elf_symbol_table(img, SHT_SYMTAB, &t))
		return;
	img->symtab = t.syms;
	img->nsyms = t.n;
	img->strtab = t.names;
	img->strtab_size = t.names_size;
	img->funcs = xcalloc(t.n, sizeof(*img->funcs));
	for (size_t j = 0; j < t.n; j++) {
		Elf64_Sym sym;
		memcpy(&sym, t.syms + j * sizeof(sym), sizeof(sym));
		if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF)
			continue;
		if (sym.st_name >= t.names_size)
			fail("%s: corrupt ELF file: bad symbol name", img->path);
		img->funcs[img->nfuncs++] = (struct symbol){sym.st_value, sym.st_size, t.names + sym.st_name, 0};
	}
	elf_sort_functions(img);
}

void elf_image_load(const char *path, struct elf_image *img)
{
	memset(img, 0, sizeof(*img));
	img->path = path;
	read_file(path, img);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img->data;
	if (img->len < SELFMAG || memcmp(img->data, ELFMAG, SELFMAG) != 0)
		fail("%s: not an ELF file", path);
	if (img->len < sizeof(*eh))
		fail("%s: corrupt ELF file: truncated header", path);
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_machine != EM_X86_64)
		fail("%s: not an x86-64 ELF file (class %u, machine %u); only 64-bit x86-64 programs are supported",
		     path, eh->e_ident[EI_CLASS], eh->e_machine);
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		fail("%s: not an executable (ELF type %u)", path, eh->e_type);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    !in_file(img, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
		fail("%s: corrupt ELF file: bad program headers", path);
	img->entry = eh->e_entry;

	img->segs = xcalloc(eh->e_phnum, sizeof(*img->segs));
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr p;
		memcpy(&p, img->data + eh->e_phoff + (uint64_t)i * sizeof(p), sizeof(p));
		if (p.p_type != PT_LOAD)
			continue;
		if (!in_file(img, p.p_offset, p.p_filesz) || p.p_filesz > p.p_memsz || p.p_vaddr + p.p_memsz < p.p_vaddr)
			fail("%s: corrupt ELF file: segment %u outside the file", path, i);
		img->segs[img->nsegs++] = (struct segment){
			p.p_vaddr, img->data + p.p_offset, p.p_filesz, (p.p_flags & PF_X) != 0};
	}
	if (img->nsegs == 0)
		fail("%s: corrupt ELF file: no loadable segment", path);
	find_code(img);
	load_symbols(img);
	img->stripped = img->nfuncs == 0;
	if (img->stripped) {
		eh_frame_functions(img);
		img->bounds_from_eh_frame = img->nfuncs > 0;
		elf_sort_functions(img);
	}
	int interp = 0, dynamic = 0;
	Elf64_Phdr dyn;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr p;
		memcpy(&p, img->data + eh->e_phoff + (uint64_t)i * sizeof(p), sizeof(p));
		interp |= p.p_type == PT_INTERP;
		if (p.p_type == PT_DYNAMIC && !dynamic++)
			dyn = p;
	}
	if (dynamic)
		dynamic_load(img, &dyn, interp);
}

int elf_in_code(const struct elf_image *img, uint64_t addr, uint64_t len)
{
	for (size_t i = 0; i < img->ncode; i++) {
		const struct segment *s = &img->code[i];
		if (addr >= s->vaddr && addr - s->vaddr <= s->size && len <= s->size - (addr - s->vaddr))
			return 1;
	}
	return 0;
}

const struct symbol *elf_func_at(const struct elf_image *img, uint64_t addr)
{
	size_t lo = 0, hi = img->nfuncs;
	while (lo < hi) { /* first symbol above addr */
		size_t mid = (lo + hi) / 2;
		if (img->funcs[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Aliases share an address: any of them whose range holds addr. */
	for (size_t i = lo; i-- > 0 && img->funcs[i].addr == img->funcs[lo - 1].addr;) {
		const struct symbol *s = &img->funcs[i];
		if (addr < s->addr + (s->size ? s->size : 1))
			return s;
	}
	return NULL;
}

void elf_region_at(const struct elf_image *img, uint64_t addr, uint64_t *lo, uint64_t *hi)
{
	const struct symbol *f = elf_func_at(img, addr);
	if (f) {
		*lo = f->addr;
		*hi = f->addr + (f->size ? f->size : 1);
		return;
	}
	*lo = 0;
	*hi = UINT64_MAX;
	for (size_t i = 0; i < img->nfuncs; i++) { /* the nearest function ends and starts around it */
		uint64_t end = img->funcs[i].addr + img->funcs[i].size;
		if (end <= addr && end > *lo)
			*lo = end;
		if (img->funcs[i].addr > addr && img->funcs[i].addr < *hi)
			*hi = img->funcs[i].addr;
	}
}

int elf_func_starts(const struct elf_image *img, uint64_t addr)
{
	const struct symbol *f = elf_func_at(img, addr);
	return f && f->addr == addr;
}

const uint8_t *elf_bytes_at(const struct elf_image *img, uint64_t addr, uint64_t len)
{
	for (size_t i = 0; i < img->nsegs; i++) {
		const struct segment *s = &img->segs[i];
		if (addr >= s->vaddr && addr - s->vaddr <= s->size && len <= s->size - (addr - s->vaddr))
			return s->bytes + (addr - s->vaddr);
	}
	return NULL;
}

int elf_symbol_is(const struct elf_image *img, uint64_t addr, const char *name)
{
	const uint8_t *syms = img->symtab;
	for (size_t i = 0; i < img->nsyms; i++) {
		Elf64_Sym sym;
		memcpy(&sym, syms + i * sizeof(sym), sizeof(sym));
		if (sym.st_value == addr && sym.st_shndx != SHN_UNDEF && sym.st_name < img->strtab_size &&
		    strcmp(img->strtab + sym.st_name, name) == 0)
			return 1;
	}
	return 0;
}
