/* exit(2): ends the calling thread; the last one ends the program. */
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE1(exit, int, status)
{
	thread_exit(status & 0xff);
}
