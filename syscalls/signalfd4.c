/* signalfd4(2) */
#include "kernel/events/signalfd.h"
#include "sys.h"

SYSCALL_DEFINE4(signalfd4, int, fd, const uint64_t *, mask, size_t, sizemask, int, flags)
{
	return signalfd_set(fd, mask, sizemask, flags);
}
