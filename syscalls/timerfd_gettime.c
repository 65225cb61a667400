/* timerfd_gettime(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

long sys_timerfd_gettime(const uint64_t *args)
{
	return timerfd_gettime((int)args[0], (void *)args[1]);
}
