/* rt_tgsigqueueinfo(2): to one thread, with the caller's siginfo. */
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sigsend.h"
#include "sys.h"

long sys_rt_tgsigqueueinfo(const uint64_t *args)
{
	int tgid = (int)args[0], tid = (int)args[1];
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	struct thread *t = tgid == PROC_PID ? thread_find(tid) : 0;
	if (!t)
		return (long)args[2] < 0 || (long)args[2] > NSIG ? -EINVAL : -ESRCH;
	return sigsend_info(t, (long)args[2], (const void *)args[3]);
}
