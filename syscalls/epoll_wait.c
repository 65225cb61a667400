/* epoll_wait(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

SYSCALL_DEFINE4(epoll_wait, int, epfd, void *, events, int, maxevents, int, timeout)
{
	return epoll_wait(epfd, events, maxevents, timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}
