/* Four-level page tables for the application's half of the address space. */
#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "cpu.h"
#include "paging.h"

#define PTE_P    0x1ULL
#define PTE_RW   0x2ULL
#define PTE_U    0x4ULL /* everything runs in ring 0; kvm-pvm needs it to run natively */
#define PTE_HELD 0x200ULL /* software: a frame kept while the page is PROT_NONE */
#define PTE_NX   (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

static uint64_t (*table_alloc)(void);

void paging_init(uint64_t (*alloc)(void))
{
	table_alloc = alloc;
}

/* The leaf entry for va, creating the tables above it if asked. */
static uint64_t *pte_lookup(uint64_t va, int create)
{
	/* The root never changes; reading CR3 traps to kvm-pvm (about 3 us), so read it once. */
	static uint64_t *root;
	if (!root)
		root = phys_to_virt(read_cr3() & PTE_ADDR);
	uint64_t *t = root;
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &t[(va >> (12 + 9 * level)) & 511];
		if (!(*e & PTE_P)) {
			if (!create)
				return 0;
			uint64_t pa = table_alloc();
			if (!pa)
				return 0;
			*e = pa | PTE_P | PTE_RW | PTE_U;
		}
		t = phys_to_virt(*e & PTE_ADDR);
	}
	return &t[(va >> 12) & 511];
}

static uint64_t pte_flags(int prot)
{
	if (prot == PAGE_NONE)
		return PTE_HELD;
	return PTE_P | PTE_U | ((prot & PAGE_WRITE) ? PTE_RW : 0) | ((prot & PAGE_EXEC) ? 0 : PTE_NX);
}

int page_map(uint64_t va, uint64_t pa, int prot)
{
	uint64_t *pte = pte_lookup(va, 1);
	if (!pte)
		return -1;
	uint64_t old = *pte;
	*pte = pa | pte_flags(prot);
	/* Not-present entries are never cached: only a replaced mapping needs a flush. */
	if (old & PTE_P)
		invlpg(va);
	return 0;
}

uint64_t page_unmap(uint64_t va)
{
	uint64_t *pte = pte_lookup(va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return 0;
	uint64_t pa = *pte & PTE_ADDR;
	*pte = 0;
	invlpg(va);
	return pa;
}

void page_protect(uint64_t va, int prot)
{
	uint64_t *pte = pte_lookup(va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return;
	*pte = (*pte & PTE_ADDR) | pte_flags(prot);
	invlpg(va);
}

uint64_t page_frame(uint64_t va)
{
	uint64_t *pte = pte_lookup(va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return 0;
	return *pte & PTE_ADDR;
}

bool page_allows(uint64_t va, bool write, bool exec)
{
	uint64_t *pte = pte_lookup(va, 0);
	if (!pte || !(*pte & PTE_P))
		return false;
	return (!write || (*pte & PTE_RW)) && (!exec || !(*pte & PTE_NX));
}
