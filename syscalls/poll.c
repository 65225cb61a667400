/* poll(2) */
#include "kernel/events/poll.h"
#include "sys.h"

SYSCALL_DEFINE3(poll, void *, fds, unsigned long, nfds, int, timeout)
{
	return poll_fds(fds, nfds, timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}
