/* The kernel lock, which knows its holder so that interrupts can tell. */
#include "lock.h"
#include "thread.h"

static struct spinlock big_lock;
static volatile int holder = -1;

void kernel_lock(void)
{
	spin_lock(&big_lock);
	holder = (int)current()->cpu->id;
}

void kernel_unlock(void)
{
	holder = -1;
	spin_unlock(&big_lock);
}

bool kernel_lock_held_here(void)
{
	return holder == (int)current()->cpu->id;
}
