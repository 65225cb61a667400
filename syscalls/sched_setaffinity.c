/* sched_setaffinity(2): accepted when the set names a CPU of the machine; threads still run anywhere. */
#include "kernel/sched/cpumask.h"
#include "kernel/sched/thread.h"
#include "sys.h"

SYSCALL_DEFINE3(sched_setaffinity, int, pid, size_t, len, const void *, user_mask_ptr)
{
	uint64_t mask = 0;
	if (pid < 0 || (pid && !thread_find(pid)))
		return pid < 0 ? -EINVAL : -ESRCH;
	if (copy_from_user(&mask, user_mask_ptr, len < 8 ? len : 8))
		return -EFAULT;
	uint64_t ours = ncpus >= 64 ? ~0ULL : (1ULL << ncpus) - 1;
	return mask & ours ? 0 : -EINVAL;
}
