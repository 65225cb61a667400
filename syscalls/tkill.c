/* tkill(2): a thread of the program. */
#include "kernel/signal.h"
#include "kernel/sigsend.h"
#include "sys.h"

long sys_tkill(const uint64_t *args)
{
	int tid = (int)args[0];
	if (tid <= 0)
		return -EINVAL;
	struct thread *t = thread_find(tid);
	if (!t)
		return (long)args[1] < 0 || (long)args[1] > NSIG ? -EINVAL : -ESRCH;
	return sigsend(t, (long)args[1], SI_TKILL);
}
