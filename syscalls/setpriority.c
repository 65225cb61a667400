/* setpriority(2): recorded for the whole program; clamped to -20..19 as Linux does. */
#include "kernel/sched/nice.h"
#include "sys.h"

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, prio)
{
	long err = nice_target(which, who);
	if (err)
		return err;
	program_nice = prio < -20 ? -20 : prio > 19 ? 19 : prio;
	return 0;
}
