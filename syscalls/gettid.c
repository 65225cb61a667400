/* gettid(2) */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE0(gettid)
{
	return current()->tid;
}
