/* rt_sigqueueinfo(2) (sigqueue): to the program, with the caller's siginfo. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE3(rt_sigqueueinfo, int, tgid, int, sig, const void *, info)
{
	if (tgid != PROC_PID)
		return sig < 0 || sig > NSIG ? -EINVAL : -ESRCH;
	return sigsend_info(0, sig, info);
}
