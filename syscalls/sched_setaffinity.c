/* sched_setaffinity(2): accepted when the set names a CPU of the machine; threads still run anywhere. */
#include "kernel/sched/cpumask.h"
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_sched_setaffinity(const uint64_t *args)
{
	int pid = (int)args[0];
	uint64_t mask = 0;
	if (pid < 0 || (pid && !thread_find(pid)))
		return pid < 0 ? -EINVAL : -ESRCH;
	if (copy_from_user(&mask, (const void *)args[2], args[1] < 8 ? args[1] : 8))
		return -EFAULT;
	uint64_t ours = ncpus >= 64 ? ~0ULL : (1ULL << ncpus) - 1;
	return mask & ours ? 0 : -EINVAL;
}
