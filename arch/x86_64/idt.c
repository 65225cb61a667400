/* The IDT, shared by all CPUs: every vector with a stub, each on an IST stack. */
#include <stdint.h>

#include "cpu.h"
#include "gdt.h"

struct idt_entry {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

extern const uint64_t trap_stubs[VEC_COUNT];
static struct idt_entry idt[VEC_COUNT];

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(idtr));
}

void idt_init(void)
{
	for (int v = 0; v < VEC_COUNT; v++) {
		uint64_t addr = trap_stubs[v];
		idt[v] = (struct idt_entry){
			.offset_lo = (uint16_t)addr,
			.selector = GDT_CODE,
			.ist = v == 8 ? IST_DF : (v == 2 || v == 18) ? IST_NMI : v >= 32 ? IST_IRQ : IST_TRAP,
			.type = 0x8e, /* present, DPL 0, interrupt gate */
			.offset_mid = (uint16_t)(addr >> 16),
			.offset_hi = (uint32_t)(addr >> 32),
		};
	}
	idt_load();
}
