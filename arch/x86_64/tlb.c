/*
 * TLB shootdowns: an interrupt to every other CPU, which reloads CR3 and
 * acknowledges; the sender waits, holding the kernel lock, so no freed frame
 * is handed out while a stale translation to it may remain. A CPU spinning
 * for the kernel lock may have interrupts off (it came from an interrupt or
 * an exception): the sender does not wait for it, and it catches up when it
 * takes the lock, before it can run the program again.
 */
#include "cpu.h"
#include "irq.h"
#include "lapic.h"
#include "percpu.h"
#include "tlb.h"

static volatile uint64_t generation;

void tlb_flush_here(struct cpu *self)
{
	uint64_t gen = __atomic_load_n(&generation, __ATOMIC_ACQUIRE);
	__asm__ volatile("mov %0, %%cr3" : : "r"(read_cr3()) : "memory");
	__atomic_store_n(&self->tlb_seen, gen, __ATOMIC_RELEASE);
}

void tlb_catch_up(struct cpu *self)
{
	if (self->tlb_seen < __atomic_load_n(&generation, __ATOMIC_ACQUIRE))
		tlb_flush_here(self);
}

void tlb_shootdown(struct cpu *self)
{
	/* kvm-pvm keeps the shadow page tables of every vCPU in step itself. */
	if (ncpus == 1 || irq_pvm)
		return;
	uint64_t gen = __atomic_add_fetch(&generation, 1, __ATOMIC_ACQ_REL);
	for (unsigned i = 0; i < ncpus; i++)
		if (&cpus[i] != self && cpus[i].takes_ipis)
			lapic_send(cpus[i].apic_id, VEC_TLB);
	for (unsigned i = 0; i < ncpus; i++)
		while (&cpus[i] != self && cpus[i].takes_ipis && !cpus[i].taking_lock &&
		       __atomic_load_n(&cpus[i].tlb_seen, __ATOMIC_ACQUIRE) < gen)
			__asm__ volatile("pause");
}
