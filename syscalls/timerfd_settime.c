/* timerfd_settime(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

long sys_timerfd_settime(const uint64_t *args)
{
	return timerfd_settime((int)args[0], (int)args[1], (const void *)args[2], (void *)args[3]);
}
