/* eventfd(2): eventfd2 without flags. */
#include "kernel/events/eventfd.h"
#include "sys.h"

SYSCALL_DEFINE1(eventfd, unsigned int, initval)
{
	return eventfd_create(initval, 0);
}
