/* The kernel lock, which knows its holder so that interrupts can tell. */
#include "arch/x86_64/tlb.h"
#include "lock.h"
#include "kernel/sched/thread.h"

static struct spinlock big_lock;
static volatile int holder = -1;

void kernel_lock(void)
{
	struct cpu *c = current()->cpu;
	/* An interrupt now must not queue behind this CPU's own ticket. */
	c->taking_lock = true;
	spin_lock(&big_lock);
	holder = (int)c->id;
	c->taking_lock = false;
	tlb_catch_up(c);
}

void kernel_unlock(void)
{
	struct cpu *c = current()->cpu;
	/* An interrupt between the two stores would queue behind the ticket being given back. */
	c->dropping_lock = true;
	holder = -1;
	spin_unlock(&big_lock);
	c->dropping_lock = false;
}

bool kernel_lock_held_here(void)
{
	struct cpu *c = current()->cpu;
	return holder == (int)c->id || c->taking_lock || c->dropping_lock;
}
