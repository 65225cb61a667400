/* The GDT and the TSS, whose IST stacks take every interrupt and exception. */
#include <stdint.h>

#include "cpu.h"
#include "gdt.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/*
 * The application runs in ring 0 on its own stack with a live red zone, so
 * no interrupt may push onto it: each vector switches to an IST stack.
 */
static uint8_t ist_stacks[IST_COUNT][IST_STACK_SIZE] __attribute__((aligned(16)));
static struct tss tss;
static uint64_t gdt[5];

void gdt_init(void)
{
	for (int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);

	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	gdt[GDT_CODE / 8] = 0x00af9a000000ffffULL; /* 64-bit code, DPL 0 */
	gdt[GDT_DATA / 8] = 0x00cf92000000ffffULL; /* data, DPL 0 */
	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
			   (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = base >> 32;

	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) gdtr = { sizeof(gdt) - 1, (uint64_t)gdt };
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
