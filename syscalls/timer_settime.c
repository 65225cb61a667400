/* timer_settime(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

SYSCALL_DEFINE4(timer_settime, int, timerid, int, flags, const void *, new_value, void *, old_value)
{
	return ptimer_settime(timerid, flags, new_value, old_value);
}
