/*
 * The CPUs' state, and loading a CPU's own tables: its GDT and TSS, the
 * shared IDT, the syscall MSRs and its local APIC. Which CPUs run, and when,
 * is the kernel's (kernel/sched/smp.c).
 */
#include "smp.h"
#include "cpu.h"
#include "irq.h"
#include "lapic.h"
#include "percpu.h"

struct cpu cpus[MAX_CPUS];
struct cpu_entry cpu_entries[MAX_CPUS];
unsigned ncpus = 1;
bool irq_pvm;

bool cpu_load(struct cpu *c, void *const ist_pages[IST_COUNT])
{
	gdt_init(c, ist_pages);
	if (c->id == 0)
		idt_init();
	else
		idt_load();
	cpu_init(c->id);
	bool timer = lapic_init();
	c->apic_id = timer ? lapic_id() : c->id;
	c->takes_ipis = timer;
	return timer;
}
