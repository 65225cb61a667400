/*
 * CPUs. The monitor creates every vCPU; the kernel starts the others with a
 * hypercall giving each its entry, stack and kvm-pvm VIF page, already in
 * long mode with the kernel's page tables (no INIT/SIPI, no real mode).
 */
#include "smp.h"
#include "cpu.h"
#include "drivers/monitor/hypercall.h"
#include "fpu.h"
#include "irq.h"
#include "lapic.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/lock.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/thread.h"
#include "percpu.h"

struct cpu cpus[MAX_CPUS];
struct cpu_entry cpu_entries[MAX_CPUS];
unsigned ncpus = 1;

extern char ap_start[];

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
	gdt_init(c);
	if (id == 0)
		idt_init();
	else
		idt_load();
	cpu_init(id);
	bool timer = lapic_init();
	if (id == 0)
		sched_set_timer_available(timer);
	c->apic_id = timer ? lapic_id() : id;
	c->takes_ipis = timer;
}

_Noreturn void ap_main(unsigned id);

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
			.cr3 = read_cr3(),
		};
		hypercall(HC_CPU_START, &req);
		if (req.ret)
			panic("the monitor could not start CPU %u", id);
		ncpus = id + 1;
	}
}
