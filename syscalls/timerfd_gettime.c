/* timerfd_gettime(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

SYSCALL_DEFINE2(timerfd_gettime, int, fd, void *, curr_value)
{
	return timerfd_gettime(fd, curr_value);
}
