/*
 * Address spaces: four-level tables whose program half [0, USER_VTOP) is each
 * one's own and whose kernel half is the boot tables', shared by all. A root
 * is the physical address of the top table, as CR3 holds it.
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <stdbool.h>
#include <stdint.h>

/* Page protections, the same bits as PROT_READ/WRITE/EXEC. */
#define PAGE_NONE  0
#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4

/* The kernel's source of zeroed frames for page tables (0 when out of memory) and where they go back. */
void paging_init(uint64_t (*alloc)(void), void (*free)(uint64_t));
/* The tables the CPU booted with, which the first program uses. */
uint64_t paging_boot_root(void);
/* A new address space with nothing in its program half, or 0 when out of memory. */
uint64_t paging_new_root(void);
/* Free the tables of an address space's program half (its pages unmapped first); its root is kept for reuse. */
void paging_free_root(uint64_t root);
/* Run on the tables of root from now on. */
void paging_activate(uint64_t root);

int page_map(uint64_t root, uint64_t va, uint64_t pa, int prot); /* 0, or -1 when out of frames */
uint64_t page_unmap(uint64_t root, uint64_t va);                  /* the frame it held, or 0 */
void page_protect(uint64_t root, uint64_t va, int prot);
uint64_t page_frame(uint64_t root, uint64_t va);                  /* the frame mapped at va, or 0 */
/* Does the entry for va, as it is in memory now, let the program make this access? */
bool page_allows(uint64_t root, uint64_t va, bool write, bool exec);
/* The first page at or after va and below end that holds a frame, or end: skips empty tables. */
uint64_t page_next(uint64_t root, uint64_t va, uint64_t end);
/* Take write access away from va's entry, keeping its frame (copy-on-write). */
void page_write_protect(uint64_t root, uint64_t va);
/* Give va in to the same frame and entry as in from; 0, or -1 when out of frames. */
int page_copy(uint64_t from, uint64_t to, uint64_t va);

#endif
