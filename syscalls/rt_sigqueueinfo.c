/* rt_sigqueueinfo(2) (sigqueue): to a process, with the caller's siginfo. */
#include "kernel/proc/proc.h"
#include "kernel/signal/signal.h"
#include "kernel/signal/sigsend.h"
#include "sys.h"

SYSCALL_DEFINE3(rt_sigqueueinfo, int, tgid, int, sig, const void *, info)
{
	struct proc *p = tgid > 0 ? proc_find(tgid) : 0;
	if (!p || p->zombie)
		return sig < 0 || sig > NSIG ? -EINVAL : -ESRCH;
	return sigsend_info(p, 0, sig, info);
}
