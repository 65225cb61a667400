/* rt_sigsuspend(2) */
#include "kernel/signal/signal.h"
#include "sys.h"

SYSCALL_DEFINE2(rt_sigsuspend, const uint64_t *, unewset, size_t, sigsetsize)
{
	uint64_t mask;
	if (sigsetsize != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, unewset, sizeof(mask)))
		return -EFAULT;
	return signal_suspend(mask);
}
