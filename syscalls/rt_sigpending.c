/* rt_sigpending(2): signals pending for the caller or the program that it blocks. */
#include "kernel/signal/signal.h"
#include "sys.h"

long sys_rt_sigpending(const uint64_t *args)
{
	if (args[1] != sizeof(uint64_t))
		return -EINVAL;
	uint64_t set = signal_pending_blocked(current());
	return copy_to_user((void *)args[0], &set, sizeof(set));
}
