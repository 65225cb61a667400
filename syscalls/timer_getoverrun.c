/* timer_getoverrun(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

SYSCALL_DEFINE1(timer_getoverrun, int, timerid)
{
	return ptimer_getoverrun(timerid);
}
