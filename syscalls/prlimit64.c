/* prlimit64(2): limits of the only process. */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64 *, new_limit,
		struct rlimit64 *, old_limit)
{
	if (pid != 0 && pid != PROC_PID)
		return -ESRCH;
	return rlimit_swap(resource, new_limit, old_limit);
}
