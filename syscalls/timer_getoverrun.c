/* timer_getoverrun(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

long sys_timer_getoverrun(const uint64_t *args)
{
	return ptimer_getoverrun((int)args[0]);
}
