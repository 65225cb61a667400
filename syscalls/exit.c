/* exit(2): ends the calling thread; the last one ends the program. */
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_exit(const uint64_t *args)
{
	thread_exit((int)(args[0] & 0xff));
}
