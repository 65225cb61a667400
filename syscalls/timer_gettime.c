/* timer_gettime(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

SYSCALL_DEFINE2(timer_gettime, int, timerid, void *, curr_value)
{
	return ptimer_gettime(timerid, curr_value);
}
