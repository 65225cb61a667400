/* eventfd2(2) */
#include "kernel/events/eventfd.h"
#include "sys.h"

long sys_eventfd2(const uint64_t *args)
{
	return eventfd_create(args[0], (int)args[1]);
}
