/* setpriority(2): recorded for the whole program; clamped to -20..19 as Linux does. */
#include "kernel/sched/nice.h"
#include "sys.h"

long sys_setpriority(const uint64_t *args)
{
	long err = nice_target((int)args[0], (int)args[1]);
	int nice = (int)args[2];
	if (err)
		return err;
	program_nice = nice < -20 ? -20 : nice > 19 ? 19 : nice;
	return 0;
}
