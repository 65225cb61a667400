/* timer_settime(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

long sys_timer_settime(const uint64_t *args)
{
	return ptimer_settime((int)args[0], (int)args[1], (const void *)args[2], (void *)args[3]);
}
