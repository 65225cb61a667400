/* getpriority(2): the kernel's form, 20 - nice, never negative. */
#include "kernel/sched/nice.h"
#include "sys.h"

long sys_getpriority(const uint64_t *args)
{
	long err = nice_target((int)args[0], (int)args[1]);
	return err ? err : 20 - program_nice;
}
