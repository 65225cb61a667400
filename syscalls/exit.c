/* exit(2): ends the calling thread; the last one ends its process. */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE1(exit, int, status)
{
	thread_exit((status & 0xff) << 8);
}
