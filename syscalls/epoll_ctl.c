/* epoll_ctl(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

long sys_epoll_ctl(const uint64_t *args)
{
	return epoll_ctl((int)args[0], (int)args[1], (int)args[2], (const void *)args[3]);
}
