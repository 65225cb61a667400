/*
 * CPUs. The monitor creates every vCPU; the kernel starts the others with a
 * hypercall giving each its entry, stack and kvm-pvm VIF page, already in
 * long mode with the kernel's page tables (no INIT/SIPI, no real mode).
 */
#include "smp.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/percpu.h"
#include "arch/x86_64/smp.h"
#include "drivers/monitor/hypercall.h"
#include "kernel/kernel.h"
#include "kernel/lock.h"
#include "kernel/mm/frame.h"
#include "sched.h"
#include "thread.h"

void cpu_setup(unsigned id)
{
	struct cpu *c = &cpus[id];
	struct cpu_entry *e = &cpu_entries[id];
	c->id = id;
	c->entry = e;
	if (id == 0 && irq_pvm)
		c->vif = phys_to_virt(boot->pvm_vif_gpa);
	e->cpu = c;
	c->idle = current();
	thread_init_idle(c->idle, c);
	c->current = c->idle;
	e->kstack_top = (uint64_t)c->idle + KSTACK_SIZE;
	void *ist_pages[IST_COUNT];
	for (int i = 0; i < IST_COUNT; i++) {
		uint64_t pa = frame_alloc();
		if (!pa)
			panic("no memory for CPU %u's interrupt stacks", id);
		ist_pages[i] = phys_to_virt(pa);
	}
	bool timer = cpu_load(c, ist_pages);
	if (id == 0)
		sched_set_timer_available(timer);
}

_Noreturn void ap_main(unsigned id);

/* Where ap_start goes on a CPU smp_start started. */
_Noreturn void ap_main(unsigned id)
{
	cpus[id].id = id;
	current()->cpu = &cpus[id];
	kernel_lock();
	cpu_setup(id);
	sched_idle();
}

void smp_start(unsigned count)
{
	for (unsigned id = 1; id < count && id < MAX_CPUS; id++) {
		struct thread *idle = thread_create_idle(&cpus[id]);
		/*
		 * A VIF page of its own: with one shared, a CPU that enabled
		 * interrupts enabled them on the others too, even in the middle
		 * of an interrupt's entry, whose frame the next one overwrote.
		 */
		uint64_t vif = irq_pvm ? frame_alloc() : 0;
		if (!idle || (irq_pvm && !vif))
			panic("no memory to start CPU %u", id);
		if (vif)
			cpus[id].vif = phys_to_virt(vif);
		struct hc_cpu_start req = {
			.cpu = id,
			.rip = (uint64_t)ap_start,
			.rsp = (uint64_t)idle + KSTACK_SIZE,
			.rdi = id,
			.rsi = vif,
			.cr3 = paging_boot_root(),
		};
		hypercall(HC_CPU_START, &req);
		if (req.ret)
			panic("the monitor could not start CPU %u", id);
		ncpus = id + 1;
	}
}
