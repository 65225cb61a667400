/* epoll_create1(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

long sys_epoll_create1(const uint64_t *args)
{
	return epoll_create((int)args[0]);
}
