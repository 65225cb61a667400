/* timerfd_settime(2) */
#include "kernel/events/timerfd.h"
#include "sys.h"

SYSCALL_DEFINE4(timerfd_settime, int, fd, int, flags, const void *, new_value, void *, old_value)
{
	return timerfd_settime(fd, flags, new_value, old_value);
}
