/* Each CPU's GDT and TSS, whose IST stacks take every interrupt and exception. */
#include <stdint.h>

#include "addr.h"
#include "cpu.h"
#include "percpu.h"

/*
 * The program runs in ring 0 on its own stack with a live red zone, so no
 * interrupt may push onto it: each vector switches to an IST stack, whose
 * top slot points to the CPU's entry state (see trap_common).
 */
void gdt_init(struct cpu *c, void *const ist_pages[IST_COUNT])
{
	for (int i = 0; i < IST_COUNT; i++) {
		uint64_t *top = (uint64_t *)((char *)ist_pages[i] + PAGE_SIZE) - 2;
		top[0] = (uint64_t)c->entry;
		c->tss.ist[i] = (uint64_t)top;
	}
	c->entry->trap_stack = c->tss.ist[IST_TRAP - 1];
	c->tss.iomap_base = sizeof(c->tss);

	uint64_t base = (uint64_t)&c->tss, limit = sizeof(c->tss) - 1;
	c->gdt[GDT_CODE / 8] = 0x00af9a000000ffffULL; /* 64-bit code, DPL 0 */
	c->gdt[GDT_DATA / 8] = 0x00cf92000000ffffULL; /* data, DPL 0 */
	c->gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
			      (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	c->gdt[GDT_TSS / 8 + 1] = base >> 32;

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = { sizeof(c->gdt) - 1, (uint64_t)c->gdt };
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movl %2, %%eax\n\t"
			 "movl %%eax, %%ds\n\t"
			 "movl %%eax, %%es\n\t"
			 "movl %%eax, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(gdtr), "i"(GDT_CODE), "i"(GDT_DATA), "r"(GDT_TSS)
			 : "rax", "memory");
}
