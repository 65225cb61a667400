/* Four-level page tables: the program half of each address space, the kernel half shared. */
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

#define USER_SLOTS (USER_VTOP >> 39) /* top-level entries of the program half */

static uint64_t (*table_alloc)(void);
static void (*table_free)(uint64_t);
static uint64_t boot_root;
/*
 * Roots of ended address spaces, kept for the next ones: an idle CPU may
 * still hold one in CR3, so its kernel half must stay as it is.
 */
static uint64_t spare_roots;

void paging_init(uint64_t (*alloc)(void), void (*free)(uint64_t))
{
	table_alloc = alloc;
	table_free = free;
	/* Reading CR3 traps to kvm-pvm (about 3 us): once here, never on a page's way. */
	boot_root = read_cr3() & PTE_ADDR;
}

uint64_t paging_boot_root(void)
{
	return boot_root;
}

uint64_t paging_new_root(void)
{
	if (spare_roots) {
		uint64_t root = spare_roots;
		uint64_t *t = phys_to_virt(root);
		spare_roots = t[0];
		t[0] = 0;
		return root;
	}
	uint64_t root = table_alloc();
	if (!root)
		return 0;
	uint64_t *to = phys_to_virt(root);
	const uint64_t *from = phys_to_virt(boot_root);
	for (unsigned i = USER_SLOTS; i < 512; i++)
		to[i] = from[i];
	return root;
}

static void free_table(uint64_t pa, int level)
{
	uint64_t *t = phys_to_virt(pa);
	for (unsigned i = 0; level > 1 && i < 512; i++)
		if (t[i] & PTE_P)
			free_table(t[i] & PTE_ADDR, level - 1);
	table_free(pa);
}

void paging_free_root(uint64_t root)
{
	uint64_t *t = phys_to_virt(root);
	for (unsigned i = 0; i < USER_SLOTS; i++) {
		if (t[i] & PTE_P)
			free_table(t[i] & PTE_ADDR, 3);
		t[i] = 0;
	}
	t[0] = spare_roots;
	spare_roots = root;
}

void paging_activate(uint64_t root)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(root) : "memory");
}

/* The leaf entry for va, creating the tables above it if asked. */
static uint64_t *pte_lookup(uint64_t root, uint64_t va, int create)
{
	uint64_t *t = phys_to_virt(root);
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

int page_map(uint64_t root, uint64_t va, uint64_t pa, int prot)
{
	uint64_t *pte = pte_lookup(root, va, 1);
	if (!pte)
		return -1;
	uint64_t old = *pte;
	*pte = pa | pte_flags(prot);
	/* Not-present entries are never cached: only a replaced mapping needs a flush. */
	if (old & PTE_P)
		invlpg(va);
	return 0;
}

uint64_t page_unmap(uint64_t root, uint64_t va)
{
	uint64_t *pte = pte_lookup(root, va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return 0;
	uint64_t pa = *pte & PTE_ADDR;
	*pte = 0;
	invlpg(va);
	return pa;
}

void page_protect(uint64_t root, uint64_t va, int prot)
{
	uint64_t *pte = pte_lookup(root, va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return;
	*pte = (*pte & PTE_ADDR) | pte_flags(prot);
	invlpg(va);
}

void page_write_protect(uint64_t root, uint64_t va)
{
	uint64_t *pte = pte_lookup(root, va, 0);
	if (pte)
		*pte &= ~PTE_RW;
}

uint64_t page_frame(uint64_t root, uint64_t va)
{
	uint64_t *pte = pte_lookup(root, va, 0);
	if (!pte || !(*pte & (PTE_P | PTE_HELD)))
		return 0;
	return *pte & PTE_ADDR;
}

bool page_allows(uint64_t root, uint64_t va, bool write, bool exec)
{
	uint64_t *pte = pte_lookup(root, va, 0);
	if (!pte || !(*pte & PTE_P))
		return false;
	return (!write || (*pte & PTE_RW)) && (!exec || !(*pte & PTE_NX));
}

uint64_t page_next(uint64_t root, uint64_t va, uint64_t end)
{
	while (va < end) {
		uint64_t *t = phys_to_virt(root);
		int level = 3;
		for (; level > 0; level--) {
			uint64_t e = t[(va >> (12 + 9 * level)) & 511];
			if (!(e & PTE_P))
				break;
			t = phys_to_virt(e & PTE_ADDR);
		}
		if (level == 0) {
			if (t[(va >> 12) & 511] & (PTE_P | PTE_HELD))
				return va;
			va += PAGE_SIZE;
			continue;
		}
		/* No table at this level: skip all it would have covered. */
		uint64_t span = 1ULL << (12 + 9 * level);
		uint64_t next = (va & ~(span - 1)) + span;
		if (next <= va)
			return end;
		va = next;
	}
	return end;
}

int page_copy(uint64_t from, uint64_t to, uint64_t va)
{
	uint64_t *src = pte_lookup(from, va, 0);
	if (!src || !(*src & (PTE_P | PTE_HELD)))
		return 0;
	uint64_t *dst = pte_lookup(to, va, 1);
	if (!dst)
		return -1;
	*dst = *src;
	return 0;
}
