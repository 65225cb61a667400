/* timerfd_create(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	return timerfd_create(clockid, flags);
}
