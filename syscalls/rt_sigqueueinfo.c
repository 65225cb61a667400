/* rt_sigqueueinfo(2) (sigqueue): to the program, with the caller's siginfo. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

long sys_rt_sigqueueinfo(const uint64_t *args)
{
	if ((int)args[0] != PROC_PID)
		return (long)args[1] < 0 || (long)args[1] > NSIG ? -EINVAL : -ESRCH;
	return sigsend_info(0, (long)args[1], (const void *)args[2]);
}
