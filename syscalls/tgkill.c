/* tgkill(2): a thread of the program. */
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sigsend.h"
#include "sys.h"

long sys_tgkill(const uint64_t *args)
{
	int tgid = (int)args[0], tid = (int)args[1];
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	struct thread *t = tgid == PROC_PID ? thread_find(tid) : 0;
	if (!t)
		return (long)args[2] < 0 || (long)args[2] > NSIG ? -EINVAL : -ESRCH;
	return sigsend(t, (long)args[2], SI_TKILL);
}
