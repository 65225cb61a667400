/* epoll_pwait(2): epoll_wait with a signal mask for the wait. */
#include "kernel/events/epoll.h"
#include "kernel/events/poll.h"
#include "sys.h"

long sys_epoll_pwait(const uint64_t *args)
{
	int timeout = (int)args[3];
	long err = poll_mask_begin((const void *)args[4], args[5]);
	if (err)
		return err;
	return poll_mask_end(epoll_wait((int)args[0], (void *)args[1], (int)args[2],
					timeout < 0 ? -1 : (int64_t)timeout * 1000000));
}
