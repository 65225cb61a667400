/* An x86-64 ELF file (a static or dynamic executable, a shared library) read whole into
 * memory, checked, with its symbols and what its dynamic section says. */
#ifndef COCOON_SCAN_ELF_IMAGE_H
#define COCOON_SCAN_ELF_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct segment {
	uint64_t vaddr;
	const uint8_t *bytes; /* the file's bytes of the segment */
	uint64_t size;        /* file size: what can be disassembled or searched */
	int exec;
};

struct symbol {
	uint64_t addr;
	uint64_t size;
	const char *name;
	int weak_start; /* from .eh_frame: may not be an instruction's start */
};

struct elf_image {
	const char *path;
	uint8_t *data;
	size_t len;
	uint64_t entry;
	struct segment *segs;
	size_t nsegs;
	struct segment *code; /* per executable segment, the span of its executable sections
	                       * (all of it without section headers): what is disassembled */
	size_t ncode;
	struct symbol *funcs; /* STT_FUNC symbols, sorted by address; when stripped, the
	                       * ranges of .eh_frame's FDEs (named sub_ADDRESS) */
	size_t nfuncs;
	int bounds_from_eh_frame;
	int stripped;         /* no function in .symtab: bounds from .eh_frame, .dynsym, calls */
	const void *symtab;   /* every symbol (Elf64_Sym), and their names */
	size_t nsyms;
	const char *strtab;
	uint64_t strtab_size;
	const char *outside;  /* why code outside the file takes part (a shared library's callers,
	                       * a dynamic program's libraries), or NULL (dynamic.c) */
	uint64_t *entries;    /* addresses entered from outside: exported functions, DT_INIT, DT_FINI */
	size_t nentries;
	uint64_t *stored;     /* addresses its dynamic relocations store */
	size_t nstored;
	int text_relocations; /* a dynamic relocation writes into code */
};

/* A symbol table: its entries (Elf64_Sym, maybe misaligned) and their names. */
struct symbol_table {
	const uint8_t *syms;
	size_t n;
	const char *names;
	uint64_t names_size;
};

/* Read and check PATH; on bad input prints one line and exits non-zero. */
void elf_image_load(const char *path, struct elf_image *img);

/* The file's bytes at [ADDR, ADDR+LEN) of a loaded segment, or NULL. */
const uint8_t *elf_bytes_at(const struct elf_image *img, uint64_t addr, uint64_t len);

/* Is [ADDR, ADDR+LEN) in the file's bytes of the code (see code above)? */
int elf_in_code(const struct elf_image *img, uint64_t addr, uint64_t len);

/* The section of type TYPE (SHT_SYMTAB, SHT_DYNSYM) and its names, checked; 0 if none. */
int elf_symbol_table(const struct elf_image *img, uint32_t type, struct symbol_table *t);

/* Sort IMG's functions by address; one without a size (assembly) runs to the next. */
void elf_sort_functions(struct elf_image *img);

/* Does a symbol called NAME, of any type, have the address ADDR? */
int elf_symbol_is(const struct elf_image *img, uint64_t addr, const char *name);

/* The function symbol whose range holds ADDR, or NULL. */
const struct symbol *elf_func_at(const struct elf_image *img, uint64_t addr);

/* The function holding ADDR as [LO, HI); outside every function, the gap between the
 * nearest ones. */
void elf_region_at(const struct elf_image *img, uint64_t addr, uint64_t *lo, uint64_t *hi);

/* Does a function start at ADDR? */
int elf_func_starts(const struct elf_image *img, uint64_t addr);

/* The program name that starts error messages. */
extern const char *fail_prefix;

/* Print "PREFIX: MSG" on stderr and exit 1. */
_Noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
