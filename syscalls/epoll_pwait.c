/* epoll_pwait(2): epoll_wait with a signal mask for the wait. */
#include "kernel/events/epoll.h"
#include "kernel/events/poll.h"
#include "sys.h"

SYSCALL_DEFINE6(epoll_pwait, int, epfd, void *, events, int, maxevents, int, timeout, const void *, sigmask,
		size_t, sigsetsize)
{
	long err = poll_mask_begin(sigmask, sigsetsize);
	if (err)
		return err;
	return poll_mask_end(epoll_wait(epfd, events, maxevents, timeout < 0 ? -1 : (int64_t)timeout * 1000000));
}
