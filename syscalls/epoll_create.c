/* epoll_create(2): the size only has to be positive. */
#include "kernel/events/epoll.h"
#include "sys.h"

long sys_epoll_create(const uint64_t *args)
{
	return (int)args[0] <= 0 ? -EINVAL : epoll_create(0);
}
