/* Leaving the kernel for the program: timer work left for this moment, the next timer event, the lock. */
#include "arch/x86_64/irq.h"
#include "kernel.h"
#include "lock.h"
#include "return.h"
#include "kernel/sched/sched.h"
#include "kernel/signal/signal.h"

void return_to_program(struct uregs *f)
{
	for (;;) {
		if (current()->cpu->timer_due)
			sched_timer(f->rip < KERNEL_VBASE);
		signal_take_host();
		signal_deliver(f);
		sched_arm(current()->cpu);
		kernel_unlock();
		/* A tick that came while the lock was held or given back: its work is ours. */
		if (!current()->cpu->timer_due)
			break;
		kernel_lock();
	}
	/*
	 * kvm-pvm's interrupt flag is a word in memory that neither popfq nor an
	 * iretq of the kernel's own sets: without this the program would run
	 * with interrupts off until the CPU first idles (no preemption, no
	 * timer signals).
	 */
	if (irq_pvm)
		*current()->cpu->vif = 1;
}
