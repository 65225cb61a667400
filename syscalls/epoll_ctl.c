/* epoll_ctl(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, void *, event)
{
	return epoll_ctl(epfd, op, fd, event);
}
