/* prlimit64(2): limits of the calling process (pid 0 or its own). */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64 *, new_limit,
		struct rlimit64 *, old_limit)
{
	if (pid != 0 && pid != proc_current()->pid)
		return proc_find(pid) ? -EPERM : -ESRCH;
	return rlimit_swap(resource, new_limit, old_limit);
}
