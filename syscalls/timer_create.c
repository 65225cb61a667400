/* timer_create(2) */
#include "kernel/time/ptimer.h"
#include "sys.h"

long sys_timer_create(const uint64_t *args)
{
	return ptimer_create((int)args[0], (const void *)args[1], (void *)args[2]);
}
