/* signalfd4(2) */
#include "kernel/events/signalfd.h"
#include "sys.h"

long sys_signalfd4(const uint64_t *args)
{
	return signalfd_set((int)args[0], (const void *)args[1], args[2], (int)args[3]);
}
