/* signalfd(2), the form without flags. */
#include "kernel/events/signalfd.h"
#include "sys.h"

SYSCALL_DEFINE3(signalfd, int, fd, const uint64_t *, mask, size_t, sizemask)
{
	return signalfd_set(fd, mask, sizemask, 0);
}
