/* gettid(2) */
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_gettid(const uint64_t *args)
{
	(void)args;
	return current()->tid;
}
