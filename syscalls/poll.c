/* poll(2) */
#include "kernel/events/poll.h"
#include "sys.h"

long sys_poll(const uint64_t *args)
{
	int timeout = (int)args[2];
	return poll_fds((void *)args[0], args[1], timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}
