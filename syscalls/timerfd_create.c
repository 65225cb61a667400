/* timerfd_create(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

long sys_timerfd_create(const uint64_t *args)
{
	return timerfd_create((int)args[0], (int)args[1]);
}
