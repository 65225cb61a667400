/* epoll_create1(2) */
#include "kernel/events/epoll.h"
#include "sys.h"

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return epoll_create(flags);
}
