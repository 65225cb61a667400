/* Leaving the kernel for the program: timer work left for this moment, the next timer event, the lock. */
#include "kernel.h"
#include "lock.h"
#include "return.h"
#include "sched.h"
#include "signal.h"

void return_to_program(struct uregs *f)
{
	struct cpu *c = current()->cpu;
	if (c->timer_due)
		sched_timer(f->rip < KERNEL_VBASE);
	signal_take_host();
	signal_deliver(f);
	c = current()->cpu;
	sched_arm(c);
	kernel_unlock();
}
