/* timer_delete(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

long sys_timer_delete(const uint64_t *args)
{
	return ptimer_delete((int)args[0]);
}
