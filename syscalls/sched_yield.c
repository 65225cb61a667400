/* sched_yield(2) */
#include "kernel/sched/sched.h"
#include "sys.h"

long sys_sched_yield(const uint64_t *args)
{
	(void)args;
	sched_yield();
	return 0;
}
