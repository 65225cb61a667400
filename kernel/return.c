/* Leaving the kernel for the program: the CPU's next timer event, then the lock. */
#include "lock.h"
#include "return.h"
#include "sched.h"

void return_to_program(struct uregs *f)
{
	(void)f;
	struct thread *t = current();
	sched_arm(t->cpu);
	kernel_unlock();
}
