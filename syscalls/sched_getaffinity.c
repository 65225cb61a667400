/* sched_getaffinity(2): every thread may run on every CPU. */
#include "kernel/sched/cpumask.h"
#include "kernel/sched/thread.h"
#include "sys.h"

long sys_sched_getaffinity(const uint64_t *args)
{
	int pid = (int)args[0];
	uint64_t len = args[1], size = cpumask_bytes();
	if (pid < 0 || (pid && !thread_find(pid)))
		return pid < 0 ? -EINVAL : -ESRCH;
	if (len < size || (len & 7))
		return -EINVAL;
	uint64_t mask = ncpus >= 64 ? ~0ULL : (1ULL << ncpus) - 1;
	if (copy_to_user((void *)args[2], &mask, size))
		return -EFAULT;
	return (long)size;
}
