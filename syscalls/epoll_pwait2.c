/* epoll_pwait2(2): epoll_pwait with a timespec timeout. */
#include "kernel/events/epoll.h"
#include "kernel/events/poll.h"
#include "sys.h"

long sys_epoll_pwait2(const uint64_t *args)
{
	int64_t ns;
	long err = poll_timeout((const void *)args[3], &ns);
	if (err || (err = poll_mask_begin((const void *)args[4], args[5])))
		return err;
	return poll_mask_end(epoll_wait((int)args[0], (void *)args[1], (int)args[2], ns));
}
