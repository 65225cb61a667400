/* sched_yield(2) */
#include "kernel/sched/sched.h"
#include "sys.h"

SYSCALL_DEFINE0(sched_yield)
{
	sched_yield();
	return 0;
}
