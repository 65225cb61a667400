/* epoll_wait(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

long sys_epoll_wait(const uint64_t *args)
{
	int timeout = (int)args[3];
	return epoll_wait((int)args[0], (void *)args[1], (int)args[2], timeout < 0 ? -1 : (int64_t)timeout * 1000000);
}
