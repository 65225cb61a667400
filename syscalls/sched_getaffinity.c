/* sched_getaffinity(2): every thread may run on every CPU. */
#include "kernel/sched/cpumask.h"
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE3(sched_getaffinity, int, pid, size_t, len, void *, user_mask_ptr)
{
	uint64_t size = cpumask_bytes();
	if (pid < 0 || (pid && !thread_find(pid)))
		return pid < 0 ? -EINVAL : -ESRCH;
	if (len < size || (len & 7))
		return -EINVAL;
	uint64_t mask = ncpus >= 64 ? ~0ULL : (1ULL << ncpus) - 1;
	if (copy_to_user(user_mask_ptr, &mask, size))
		return -EFAULT;
	return (long)size;
}
