/* rt_sigsuspend(2) */
#include "kernel/signal/signal.h"
#include "sys.h"

long sys_rt_sigsuspend(const uint64_t *args)
{
	uint64_t mask;
	if (args[1] != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)args[0], sizeof(mask)))
		return -EFAULT;
	return signal_suspend(mask);
}
