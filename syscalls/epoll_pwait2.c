/* epoll_pwait2(2): epoll_pwait with a timespec timeout. */
#include "kernel/events/epoll.h"
#include "kernel/events/poll.h"
#include "sys.h"

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, void *, events, int, maxevents, const struct timespec *, timeout,
		const void *, sigmask, size_t, sigsetsize)
{
	int64_t ns;
	long err = poll_timeout(timeout, &ns);
	if (err || (err = poll_mask_begin(sigmask, sigsetsize)))
		return err;
	return poll_mask_end(epoll_wait(epfd, events, maxevents, ns));
}
