/* timer_gettime(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

long sys_timer_gettime(const uint64_t *args)
{
	return ptimer_gettime((int)args[0], (void *)args[1]);
}
