/* eventfd(2): eventfd2 without flags. */
#include "kernel/events/eventfd.h"
#include "sys.h"

long sys_eventfd(const uint64_t *args)
{
	return eventfd_create(args[0], 0);
}
