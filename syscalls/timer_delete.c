/* timer_delete(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

SYSCALL_DEFINE1(timer_delete, int, timerid)
{
	return ptimer_delete(timerid);
}
