/* eventfd2(2) */
#include "kernel/events/eventfd.h"
#include "sys.h"

SYSCALL_DEFINE2(eventfd2, unsigned int, initval, int, flags)
{
	return eventfd_create(initval, flags);
}
