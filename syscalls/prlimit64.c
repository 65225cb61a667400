/* prlimit64(2): limits of the only process. */
#include "kernel/proc/proc.h"
#include "kernel/proc/rlimit.h"
#include "sys.h"

long sys_prlimit64(const uint64_t *args)
{
	if (args[0] != 0 && args[0] != PROC_PID)
		return -ESRCH;
	return rlimit_swap((unsigned)args[1], (const struct rlimit64 *)args[2], (struct rlimit64 *)args[3]);
}
