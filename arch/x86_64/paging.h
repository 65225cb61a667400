/* Mapping single 4 KiB pages of the application's address space. */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <stdbool.h>
#include <stdint.h>

/* Page protections, the same bits as PROT_READ/WRITE/EXEC. */
#define PAGE_NONE  0
#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4

/* The kernel's source of zeroed frames for page tables (0 when out of memory). */
void paging_init(uint64_t (*alloc)(void));
int page_map(uint64_t va, uint64_t pa, int prot);  /* 0, or -1 when out of frames */
uint64_t page_unmap(uint64_t va);                   /* the frame it held, or 0 */
void page_protect(uint64_t va, int prot);
uint64_t page_frame(uint64_t va);                   /* the frame mapped at va, or 0 */
/* Does the entry for va, as it is in memory now, let the program make this access? */
bool page_allows(uint64_t va, bool write, bool exec);

#endif
