/* epoll_create(2): the size only has to be positive. */
#include "kernel/events/epoll.h"
#include "sys.h"

SYSCALL_DEFINE1(epoll_create, int, size)
{
	return size <= 0 ? -EINVAL : epoll_create(0);
}
