/* getpriority(2): the kernel's form, 20 - nice, never negative. */
#include "kernel/sched/nice.h"
#include "sys.h"

SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	long err = nice_target(which, who);
	return err ? err : 20 - program_nice;
}
